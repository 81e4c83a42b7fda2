"""Finance 财务: vouchers, cash, approval levels, signatures, repair settlement, split payments."""

from __future__ import annotations

import numpy as np
import pandas as pd

from . import register
from .base import (
    Context,
    Example,
    Rule,
    deadline_findings,
    empty_findings,
    extra_fields,
    finding_fields,
    findings_from,
    money,
)

FINANCE_CLAUSE = "003 財務管理制度"
# Who approved, as components read from 审批层级 and 审批人 together (county before bureau:
# "县分管领导" contains "分管领导"; "副局长" contains "局长").
DEPUTY, DIRECTOR, MEETING, COUNTY = 1, 2, 4, 8
COMPONENT_ZH = {DEPUTY: "分管领导", DIRECTOR: "局长", MEETING: "局务会", COUNTY: "县分管领导"}
COMPONENT_EN = {DEPUTY: "deputy in charge", DIRECTOR: "director", MEETING: "bureau meeting", COUNTY: "county leader"}
# What each level requires, all of it (财務管理制度 6): the director; the meeting *and* then
# the director; above that the county leader's consent as well.
LEVEL_NEEDS = {2: DIRECTOR, 3: MEETING | DIRECTOR, 4: MEETING | DIRECTOR | COUNTY}
LEVEL_ZH = {1: "分管领导", 2: "局长", 3: "局务会研究后局长审批", 4: "局务会研究、局长审批并报县分管领导同意"}
LEVEL_EN = {
    1: "deputy in charge",
    2: "director",
    3: "bureau meeting, then the director",
    4: "bureau meeting, the director and the county leader in charge",
}


def approval_components(f: pd.DataFrame) -> np.ndarray:
    """Bits of who approved: 审批层级 and 审批人 read together, plus 局务会研究 = 是.

    The word 局务会 in 审批层级 records that the meeting decided; it does not stand for the
    director's signature, which must be there too (an 8,000-yuan expense with 审批层级
    局务会 signed by a 副局长 alone lacks the director).
    """
    text = f["approved_by"].fillna("").astype(str) + " " + f["approver"].fillna("").astype(str)
    county = text.str.contains(r"县.*分管|副县长|县长|县领导")
    without_county = text.str.replace(r"县[^\s、,，;；/]*", "", regex=True)
    director = without_county.str.replace("副局长", "", regex=False).str.contains(r"局长|正职")
    deputy = without_county.str.contains(r"分管|副局长")
    meeting = text.str.contains(r"局务会|党组会|班子会") | f["meeting"].astype(bool)
    bits = (
        (deputy.to_numpy() * DEPUTY)
        | (director.to_numpy() * DIRECTOR)
        | (meeting.to_numpy() * MEETING)
        | (county.to_numpy() * COUNTY)
    )
    return bits.astype(np.int64)


def approval_level(f: pd.DataFrame) -> pd.Series:
    """The highest level whose every requirement is recorded (0 none, 1 a deputy only).

    A county leader's consent covers the director's *approval* where the director alone
    signs (up to 5,000 yuan: a higher authority signing is no breach), but never the
    bureau meeting, which is a collective decision nobody can sign for.
    """
    bits = approval_components(f)
    approves = (bits & (DIRECTOR | COUNTY)) > 0
    level = np.where(bits & DEPUTY, 1, 0)
    level = np.where(approves, 2, level)
    level = np.where(((bits & MEETING) > 0) & ((bits & DIRECTOR) > 0), 3, level)
    level = np.where((bits & LEVEL_NEEDS[4]) == LEVEL_NEEDS[4], 4, level)
    return pd.Series(level, index=f.index, dtype=np.int64)


def _parts(f: dict) -> dict[str, str]:
    """Message fields, amounts of yuan to the fen ("10,000.01")."""
    parts = extra_fields(f)
    typed = finding_fields(f)
    for name in ("amount", "total"):
        if name in typed:
            parts[name] = money(typed[name])
    return parts


class _Blank(dict):
    """Message fields; one a finding does not carry reads as blank, never as a crash."""

    def __missing__(self, key: str) -> str:
        return ""


class _ExpenseRule(Rule):
    register = "expenses"
    kind = "row"
    citation = FINANCE_CLAUSE
    message_zh = "{start} “{key}” {amount} 元：{what_zh}"
    message_en = "{start} “{key}” ¥{amount}: {what_en}"
    what_zh = ""
    what_en = ""
    fields = {
        "amount": "number",  # yuan
        "limit": "number",  # the threshold in force
        "have": "int",  # FIN004: approval components present (bits)
        "need": "int",  # FIN004: the level the amount needs
        "missing": "int",  # FIN004: components missing (bits)
        "signatures": "text",  # FIN005: handler, witness, approver missing
    }

    @classmethod
    def message_fields(cls, f: dict, lang: str) -> dict:
        parts = _parts(f)
        fill = _Blank(parts)
        return {"what_zh": cls.what_zh.format_map(fill), "what_en": cls.what_en.format_map(fill), **parts}

    def found(
        self, sel: pd.DataFrame, fields: dict | None = None, status: str = "violation", limit: float | None = None
    ) -> pd.DataFrame:
        if sel.empty:
            return empty_findings()
        typed = {"amount": sel["amount"], **(fields or {})}
        if limit is not None:  # the threshold in force, for the message (never the default's words)
            typed["limit"] = float(limit)
        return findings_from(
            sel,
            self,
            status=status,
            subject=sel["handler"].where(sel["handler"].notna(), sel["payee"]),
            dept=None,
            key=sel["item"],
            start=sel["date"],
            date=sel["date"],
            fields=typed,
        )


EXPENSE_EXAMPLE = {
    "支出日期": "2026-03-05",
    "摘要": "电脑",
    "金额": 3000,
    "类别": "其他",
    "凭证": "发票",
    "支付方式": "转账",
    "收款单位": "某公司",
    "经手人": "王某",
    "证明人": "李某",
    "审批人": "局长",
    "审批层级": "局长",
    "局务会研究": "否",
}
_ExpenseRule.example_base = EXPENSE_EXAMPLE  # the whole family's examples start from it


@register
class FIN001(_ExpenseRule):
    """Expense of 200 yuan or more vouched by a receipt, not an invoice. 200元以上以收据报销。

    Checks every expense of ``min_amount`` yuan or more: its voucher (``凭证``) must not be
    a 收据 (receipt); an invoice (发票) is required.

    Clause: 003 財務管理制度 3 “凡200元以上的開支發票，不得使用收款收據”.

    Defaults: min_amount = 200.
    """

    id = "FIN001"
    example_base = EXPENSE_EXAMPLE
    examples = (
        Example("pass", ({"金额": 199.99, "凭证": "收据"},), "under 200"),
        Example(
            "fail",
            ({"金额": 200, "凭证": "收据"},),
            "“200元以上” includes 200",
            expect=({"status": "violation", "says": "200.00 元"},),
        ),
    )
    title_zh = "200元以上支出使用收据报销"
    title_en = "Receipt instead of an invoice for 200 yuan or more"
    citation = "003 財務管理制度 3"
    needs = ("date", "amount", "voucher")
    requires_columns = ("voucher",)
    params = {"min_amount": 200}
    what_zh = "以收据报销，{limit} 元以上须用发票"
    what_en = "vouched by a receipt; {limit} yuan or more needs an invoice"

    def check(self, ctx: Context) -> pd.DataFrame:
        f = ctx.registers["expenses"].valid(self.needs)
        return self.found(
            f[(f["amount"] >= ctx.params["min_amount"]) & f["voucher"].fillna("").str.contains("收据")],
            limit=ctx.params["min_amount"],
        )


@register
class FIN002(_ExpenseRule):
    """Payment of 1000 yuan or more in cash. 1000元以上现金支付。

    Checks every expense of ``min_amount`` yuan or more: its payment (``支付方式``) must be
    by transfer, not 现金 (cash).

    Clause: 003 財務管理制度 3 “凡1000元以上的支付須實行轉賬支付”.

    Defaults: min_amount = 1000.
    """

    id = "FIN002"
    example_base = EXPENSE_EXAMPLE
    examples = (
        Example("pass", ({"金额": 999.99, "支付方式": "现金"},)),
        Example(
            "fail",
            ({"金额": 1000, "支付方式": "现金"},),
            "“1000元以上” includes 1,000",
            expect=({"status": "violation"},),
        ),
    )
    title_zh = "1000元以上支出使用现金支付"
    title_en = "Cash payment of 1000 yuan or more"
    citation = "003 財務管理制度 3"
    needs = ("date", "amount", "payment")
    requires_columns = ("payment",)
    params = {"min_amount": 1000}
    what_zh = "现金支付，{limit} 元以上须转账"
    what_en = "paid in cash; {limit} yuan or more must be a transfer"

    def check(self, ctx: Context) -> pd.DataFrame:
        f = ctx.registers["expenses"].valid(self.needs)
        return self.found(
            f[(f["amount"] >= ctx.params["min_amount"]) & f["payment"].fillna("").str.contains("现金")],
            limit=ctx.params["min_amount"],
        )


@register
class FIN003(_ExpenseRule):
    """Office purchase over 300 yuan without the director's approval. 办公用品超300元未经局长同意。

    Checks every expense of category 办公用品 above ``max_amount`` yuan: the approval must
    reach the director (局长, or higher).

    Clause: 003 財務管理制度 2 “局機關各股室需購買辦公用品……要經分管領導批準後方可購買……凡所需
    金額超過300元的，須報經局長同意”.

    Defaults: max_amount = 300.
    """

    id = "FIN003"
    examples = (
        Example("pass", ({"类别": "办公用品", "金额": 450, "审批人": "局长", "审批层级": "局长"},)),
        Example(
            "fail",
            ({"类别": "办公用品", "金额": 450, "审批人": "分管副局长", "审批层级": "分管领导"},),
            expect=({"status": "violation", "says": "超过 300 元"},),
        ),
    )
    title_zh = "办公用品采购超过300元未经局长同意"
    title_en = "Office purchase over 300 yuan without the director"
    citation = "003 財務管理制度 2"
    needs = ("date", "amount", "category", "approver", "approved_by", "meeting")
    params = {"max_amount": 300}
    what_zh = "办公用品超过 {limit} 元，未经局长同意"
    what_en = "office purchase over {limit} yuan not approved by the director"

    def check(self, ctx: Context) -> pd.DataFrame:
        f = ctx.registers["expenses"].valid(self.needs)
        f = f[f["category"].fillna("").str.contains("办公") & (f["amount"] > ctx.params["max_amount"])]
        level = approval_level(f)
        return self.found(f[(level > 0) & (level < 2)], limit=ctx.params["max_amount"])


@register
class FIN004(_ExpenseRule):
    """Approval below the level the amount needs. 资金审批层级不足。

    Checks every expense whose approval is recorded: up to ``director_max`` yuan needs
    the director (局长); above it and up to ``meeting_max`` a bureau meeting (局务会) and
    then the director; above ``meeting_max`` the county leader in charge (县分管领导).

    Clause: 003 財務管理制度 6 “局機關使用資金不超過5000元的，由局長直接審批；使用資金5000元以上
    不超過1萬元的，經局務會研究後，由局長審批；使用資金超過1萬元的，要報經縣分管領導同意”.

    Interpretation:

    * The tiers are “不超過5000 / 5000以上不超過1萬 / 超過1萬”: 5,000 is the director's own,
      10,000 the meeting's; only more than that moves up (``>``, never ``≥``).
    * Each tier needs *all* it names: above 5,000 the meeting (局务会研究 = 是, or the
      word 局务会 in 审批层级/审批人) **and** the director's approval after it; the word
      局务会 alone is not the director's signature.  Above 10,000 the county leader's
      consent as well.
    * A county leader's signature covers the director's where the director alone signs
      (up to 5,000), but never the bureau meeting: 8,000 yuan approved by a 副县长 with no
      局务会 lacks the meeting and the director's approval after it, and is a finding.
    * Office purchases up to ``director_max`` are judged by FIN003 instead (財務管理制度 2
      lets the deputy approve them up to ``office_max`` = 300 yuan and asks the director
      above that), so one purchase is not reported twice.  A row with no recognisable
      approver is FIN005's, not this rule's.
    Defaults: director_max = 5000, meeting_max = 10000, office_max = 300.
    """

    id = "FIN004"
    example_base = EXPENSE_EXAMPLE
    examples = (
        Example("pass", ({"金额": 5000},), "5,000 is the director's own (“不超過5000元”)"),
        Example("pass", ({"金额": 8000, "审批层级": "局务会", "局务会研究": "是"},)),
        Example("fail", ({"金额": 8000},), expect=({"says": "缺少局务会"},)),
        Example(
            "fail",
            ({"金额": 8000, "审批层级": "局务会", "局务会研究": "是", "审批人": "副局长"},),
            expect=({"says": "缺少局长"},),
        ),
        Example(
            "fail",
            ({"金额": 8000, "审批层级": "县分管领导", "审批人": "副县长"},),
            "a county leader cannot stand for the bureau meeting",
            expect=({"says": "缺少局长、局务会"},),
        ),
        Example("pass", ({"金额": 10000, "审批层级": "局务会", "局务会研究": "是"},), "10,000 is not over 1万"),
        Example(
            "fail", ({"金额": 10000.01, "审批层级": "局务会", "局务会研究": "是"},), expect=({"says": "10,000.01 元"},)
        ),
    )
    title_zh = "资金使用审批层级不足"
    title_en = "Spending approved below the required level"
    citation = "003 財務管理制度 6"
    needs = ("date", "amount", "category", "approver", "approved_by", "meeting")
    params = {"director_max": 5000, "meeting_max": 10000, "office_max": 300}
    what_zh = "审批记录为“{have_zh}”，该金额须“{need_zh}”，缺少{missing_zh}"
    what_en = "approval recorded: {have_en}; this amount needs {need_en} ({missing_en} missing)"

    @classmethod
    def message_fields(cls, f: dict, lang: str) -> dict:
        parts = _parts(f)
        have, need, missing = (int(parts.get(k, 0)) for k in ("have", "need", "missing"))
        parts.update(
            have_zh="、".join(v for k, v in COMPONENT_ZH.items() if have & k) or "无",
            have_en=", ".join(v for k, v in COMPONENT_EN.items() if have & k) or "nobody",
            need_zh=LEVEL_ZH.get(need, ""),
            need_en=LEVEL_EN.get(need, ""),
            missing_zh="、".join(v for k, v in COMPONENT_ZH.items() if missing & k),
            missing_en=", ".join(v for k, v in COMPONENT_EN.items() if missing & k),
        )
        return {"what_zh": cls.what_zh.format(**parts), "what_en": cls.what_en.format(**parts), **parts}

    def check(self, ctx: Context) -> pd.DataFrame:
        p = ctx.params
        f = ctx.registers["expenses"].valid(self.needs)
        office_small = f["category"].fillna("").str.contains("办公") & (f["amount"] <= p["director_max"])
        f = f[f["amount"].notna() & ~office_small]
        # “不超過5000元 / 5000元以上不超過1萬元 / 超過1萬元”: 5,000 and 10,000 stay in the lower tier.
        need = np.select([f["amount"] > p["meeting_max"], f["amount"] > p["director_max"]], [4, 3], 2)
        bits = approval_components(f)
        have = approval_level(f).to_numpy()
        required = np.vectorize(LEVEL_NEEDS.get, otypes=[np.int64])(need) if len(need) else np.zeros(0, np.int64)
        # Up to 5,000 a county leader's signature covers the director's (see approval_level).
        covers = np.where((need == 2) & ((bits & COUNTY) > 0), DIRECTOR, 0)
        missing = required & ~(bits | covers)
        hit = (bits > 0) & (have < need)
        sel = f[hit]
        fields = {"have": bits[hit], "need": need[hit], "missing": missing[hit]}
        return self.found(sel, fields)


@register
class FIN005(_ExpenseRule):
    """Handler, witness or approver missing. 报销单据经手人、证明人、审批人不全。

    Checks every expense: the 经手人, 证明人 and 审批人 must all be filled in.

    Clause: 003 財務管理制度 5 “所有報銷發票，必須做到手續完備，票據完整，每張票據需有經手人，並
    注明用途，有證明人和審批人簽字”.
    """

    id = "FIN005"
    examples = (
        Example("pass", ({},)),
        Example("fail", ({"证明人": None},), expect=({"status": "missing", "says": "证明人"},)),
    )
    title_zh = "报销缺少经手人、证明人或审批人"
    title_en = "Handler, witness or approver missing"
    citation = "003 財務管理制度 5"
    needs = ("date", "amount", "handler", "witness", "approver")
    requires_columns = ("handler", "witness", "approver")
    what_zh = "缺少{missing_zh}签字"
    what_en = "no {missing_en} signature"

    @classmethod
    def message_fields(cls, f: dict, lang: str) -> dict:
        parts = _parts(f)
        codes = parts.get("signatures", "").split(",")
        zh = {"handler": "经手人", "witness": "证明人", "approver": "审批人"}
        en = {"handler": "handler", "witness": "witness", "approver": "approver"}
        return {
            "what_zh": "缺少" + "、".join(zh[c] for c in codes if c in zh) + "签字",
            "what_en": "no " + ", ".join(en[c] for c in codes if c in en) + " signature",
            **parts,
        }

    def check(self, ctx: Context) -> pd.DataFrame:
        f = ctx.registers["expenses"].valid(self.needs)
        miss = {c: f[c].isna() for c in ("handler", "witness", "approver")}
        hit = miss["handler"] | miss["witness"] | miss["approver"]
        sel = f[hit]
        codes = (
            np.where(miss["handler"][hit], "handler,", "")
            + np.where(miss["witness"][hit], "witness,", "")
            + np.where(miss["approver"][hit], "approver,", "")
        )
        return self.found(sel, {"signatures": pd.Series(codes, index=sel.index).str.rstrip(",")}, status="missing")


@register
class FIN006(Rule):
    """Repair not settled within one month of completion. 维修完成后一个月内未结账。

    Checks every expense with a repair completion date (``维修完成日期``): settlement
    (``结账日期``) is due ``months`` months later (民法典 第二百零二条, rolled past rest days).
    An unsettled repair past that day is ``overdue``.

    Clause: 003 車輛管理制度 三、3 “維修後要在一個月內與維修單位結帳報銷”.

    Defaults: months = 1.
    """

    id = "FIN006"
    example_base = EXPENSE_EXAMPLE
    examples = (
        Example("pass", ({"维修完成日期": "2026-08-31", "结账日期": "2026-09-30"},), "a month after 08-31 is 09-30"),
        Example(
            "fail",
            ({"维修完成日期": "2026-08-31", "结账日期": "2026-10-09"},),
            expect=({"status": "late", "due": "2026-09-30"},),
        ),
    )
    title_zh = "维修完成后一个月内未结账报销"
    title_en = "Repair not settled within a month"
    citation = "003 車輛管理制度 三、3"
    register = "expenses"
    needs = ("repair_done", "settled")
    requires_columns = ("repair_done",)
    params = {"months": 1}
    message_zh = "维修“{key}”{start} 完成，应于 {due} 前结账{done_zh}"
    message_en = "Repair “{key}” finished {start}, settlement due {due}{done_en}"

    def check(self, ctx: Context) -> pd.DataFrame:
        f = ctx.registers["expenses"].valid(self.needs)
        f = f[f["repair_done"].notna()]
        due = pd.Series(
            pd.to_datetime(
                ctx.calendar.add_months(f["repair_done"].to_numpy(dtype="datetime64[D]"), ctx.params["months"])
            ),
            index=f.index,
        )
        return deadline_findings(
            ctx,
            self,
            f,
            start=f["repair_done"],
            due=due,
            done=f["settled"],
            unit="d",
            key=f["item"],
            subject=f["handler"].where(f["handler"].notna(), f["payee"]),
            dept=None,
        )


@register
class FIN007(Rule):
    """Likely split payment: same payee within 7 days, each under a threshold, together over it. 疑似拆分支付。

    Checks the expenses per payee: a group of two or more payments to the same payee
    within ``window_days`` days of the group's first, each below a threshold and together
    at or above it, is reported once, as a group (the finding points at the first row
    and lists the rows).  Thresholds are the limits the rules set: the cash limit and the
    approval levels (``thresholds``); the highest one the group crosses is named.

    Clause: 003 財務管理制度 3、6 (the 1000-yuan transfer rule and the 5000/10000-yuan
    approval levels a split would evade).

    Interpretation: every payment opens a window of ``window_days`` days; a window
    qualifies when it holds two or more payments, each within the lower authority and
    together past the threshold.  The clauses word the thresholds two ways, and each is
    kept: “1000元以上的支付須實行轉賬” includes 1,000 (``at_or_above``: each payment under
    1,000, together 1,000 or more); “不超過5000元的，由局長直接審批 … 超過1萬元的” keep 5,000
    and 10,000 in the lower tier (each payment up to 5,000, together more than 5,000).
    So 2,500 + 2,500 = 5,000 is no split (still the director's own authority), and
    5,000 + 5,000 = 10,000 evades the 5,000 tier (局务会), not the 10,000 one.
    Overlapping qualifying windows of one payee are reported once (the earliest), naming
    the highest threshold evaded.
    Defaults: window_days = 7, thresholds = [1000, 5000, 10000], at_or_above = [1000].
    """

    id = "FIN007"
    example_base = EXPENSE_EXAMPLE
    examples = (
        Example("pass", ({"支出日期": "2026-05-06", "金额": 4000}, {"支出日期": "2026-05-12", "金额": 800})),
        Example(
            "pass",
            ({"支出日期": "2026-05-06", "金额": 2500}, {"支出日期": "2026-05-08", "金额": 2500}),
            "together 5,000: still the director's own",
        ),
        Example(
            "fail",
            ({"支出日期": "2026-05-06", "金额": 5000}, {"支出日期": "2026-05-08", "金额": 5000}),
            "evades the 5,000 tier (局务会), not the 10,000 one",
            expect=({"row": 2, "says": "合计超过 5000 元"},),
        ),
        Example(
            "fail",
            (
                {"支出日期": "2026-05-06", "金额": 600, "支付方式": "现金"},
                {"支出日期": "2026-05-07", "金额": 400, "支付方式": "现金"},
            ),
            "“1000元以上” transfers: 1,000 reached",
            expect=({"says": "合计达到 1000 元"},),
        ),
    )
    title_zh = "疑似拆分支付（同一收款方7日内多笔）"
    title_en = "Likely split payment to one payee"
    citation = "003 財務管理制度 3、6"
    register = "expenses"
    kind = "row"
    needs = ("date", "amount", "payee")
    requires_columns = ("payee",)
    params = {"window_days": 7, "thresholds": [1000, 5000, 10000], "at_or_above": [1000]}
    message_zh = (
        "收款方“{key}”{start} 起 {days} 日内 {count} 笔共 {total} 元（第 {rows} 行），"
        "单笔均{each_zh} {limit} 元，合计{sum_zh} {limit} 元"
    )
    message_en = (
        "Payee “{key}”: {count} payments totalling ¥{total} within {days} days from {start} (rows {rows}), "
        "each {each_en} ¥{limit}, together {sum_en} it"
    )

    fields = {
        "count": "int",  # payments in the window
        "total": "number",  # their sum, yuan
        "limit": "number",  # the authority threshold evaded
        "incl": "bool",  # the threshold is “at or above”
        "days": "int",  # the window's span
        "rows": "text",  # the rows of the payments
    }

    @classmethod
    def message_fields(cls, f: dict, lang: str) -> dict:
        parts = _parts(f)
        inclusive = parts.get("incl") == "1"
        parts.update(
            each_zh="低于" if inclusive else "不超过",
            sum_zh="达到" if inclusive else "超过",
            each_en="under" if inclusive else "at most",
            sum_en="reaching" if inclusive else "over",
        )
        return parts

    def check(self, ctx: Context) -> pd.DataFrame:
        f = ctx.registers["expenses"].valid(self.needs)
        f = f[f["payee"].notna() & f["amount"].notna() & f["date"].notna()].sort_values(["payee", "date", "_row"])
        if len(f) < 2:
            return empty_findings()
        codes, _ = pd.factorize(f["payee"])
        days = (f["date"].to_numpy(dtype="datetime64[D]") - np.datetime64("2000-01-01", "D")).astype(np.int64)
        keys = codes.astype(np.int64) * 1_000_000 + days
        amount = f["amount"].to_numpy(dtype=float)
        n = len(f)
        idx = np.arange(n)
        # Window i: payments of the same payee from payment i to window_days later.
        end = np.searchsorted(keys, keys + ctx.params["window_days"], side="right")
        csum = np.r_[0.0, np.cumsum(amount)]
        count = end - idx
        total = csum[end] - csum[idx]
        best = np.zeros(n, dtype=float)  # highest threshold each window evades
        inclusive_limits = {float(x) for x in ctx.params["at_or_above"]}
        incl = np.zeros(n, dtype=bool)
        for limit in sorted(ctx.params["thresholds"]):
            inclusive = float(limit) in inclusive_limits
            # Index of the next payment past the lower authority (n if none): every payment
            # of the window is within it when that index lies beyond the window's end.
            big = np.where(amount >= limit if inclusive else amount > limit, idx, n)
            next_big = np.minimum.accumulate(big[::-1])[::-1]
            crossed = (total >= limit) if inclusive else (total > limit)
            ok = (count >= 2) & (next_big >= end) & crossed
            best = np.where(ok, limit, best)
            incl = np.where(ok, inclusive, incl)
        cand = np.flatnonzero(best > 0)
        chosen: list[int] = []
        covered_until = -1
        for i in cand:  # qualifying windows only: a handful, not every row
            if not chosen or i >= covered_until or codes[i] != codes[chosen[-1]]:
                chosen.append(int(i))
                covered_until = end[i]
        if not chosen:
            return empty_findings()
        sel = f.iloc[chosen]
        rows = f["_row"].to_numpy()
        dates = f["date"].to_numpy()
        at = np.asarray(chosen)
        fields = {
            "count": count[at],
            "total": total[at],
            "limit": best[at],
            "incl": incl[at],
            "days": ((dates[end[at] - 1] - dates[at]) / np.timedelta64(1, "D")).astype(int) + 1,
            "rows": ["、".join(map(str, rows[i : end[i]])) for i in chosen],
        }
        return findings_from(
            sel,
            self,
            status="violation",
            subject=sel["payee"],
            dept=None,
            key=sel["payee"],
            start=sel["date"],
            date=sel["date"],
            fields=fields,
        )
