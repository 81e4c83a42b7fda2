"""Finance 财务: vouchers, cash, approval levels, signatures, repair settlement, split payments."""

from __future__ import annotations

import re

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
    first_present,
    money,
    office_factorize,
    office_sorted,
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
    batched = True
    obligations = ("O078",)
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
    batched = True
    obligations = ("O078",)
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
    batched = True
    obligations = ("O076",)
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
    batched = True
    obligations = ("O081",)
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
    """Handler, witness or approver missing; a roadside repair without its reason or the principal's approval.
    报销单据经手人、证明人、审批人不全（外出维修另需原因和主要领导批准）。

    Checks every expense: the 经手人, 证明人 and 审批人 must all be filled in.  A vehicle
    repair done while out (外出维修 = 是) must also state its reason (维修原因) and be
    approved by the unit's principal leader: an 审批人 carrying one of
    ``principal_titles`` without 副.

    Clause: 003 財務管理制度 5 “所有報銷發票，必須做到手續完備，票據完整，每張票據需有經手人，並
    注明用途，有證明人和審批人簽字”; 003 車輛管理制度 三、2 “外出時車輛故障維修費報銷，必須說明
    原因并有證明人，經單位主要領導批準后方可報銷”.

    Interpretation: the roadside repair adds to the voucher's signatures rather than making
    a rule of its own: its witness is the same 证明人 column.  Defaults: principal_titles =
    ["局长", "主任", "主要负责人", "书记", "主要领导"].
    """

    id = "FIN005"
    batched = True
    obligations = ("O080", "O072")
    examples = (
        Example("pass", ({},)),
        Example("fail", ({"证明人": None},), expect=({"status": "missing", "says": "证明人"},)),
        Example(
            "pass",
            ({"类别": "维修", "外出维修": "是", "维修原因": "途中水箱漏水", "审批人": "郑建国（局长）"},),
        ),
        Example(
            "fail",
            ({"类别": "维修", "外出维修": "是", "维修原因": None, "审批人": "刘晓梅（副局长）"},),
            "a roadside repair: no reason, a deputy's approval",
            expect=({"status": "missing", "says": "外出维修未说明原因；未经单位主要领导批准"},),
        ),
    )
    title_zh = "报销缺少经手人、证明人或审批人"
    title_en = "Handler, witness or approver missing"
    citation = "003 財務管理制度 5; 003 車輛管理制度 三、2"
    needs = ("date", "amount", "handler", "witness", "approver")
    requires_columns = ("handler", "witness", "approver")
    params = {"principal_titles": ["局长", "主任", "主要负责人", "书记", "主要领导"]}
    what_zh = "缺少{missing_zh}签字"
    what_en = "no {missing_en} signature"
    SIGNATURES = {
        "handler": ("经手人", "handler"),
        "witness": ("证明人", "witness"),
        "approver": ("审批人", "approver"),
    }
    ROADSIDE = {
        "reason": ("外出维修未说明原因", "a roadside repair without its reason"),
        "principal": ("未经单位主要领导批准", "not approved by the principal leader"),
    }

    @classmethod
    def message_fields(cls, f: dict, lang: str) -> dict:
        parts = _parts(f)
        codes = parts.get("signatures", "").split(",")
        signed = [c for c in codes if c in cls.SIGNATURES]
        zh, en = [], []
        if signed:
            zh.append("缺少" + "、".join(cls.SIGNATURES[c][0] for c in signed) + "签字")
            en.append("no " + ", ".join(cls.SIGNATURES[c][1] for c in signed) + " signature")
        zh += [cls.ROADSIDE[c][0] for c in codes if c in cls.ROADSIDE]
        en += [cls.ROADSIDE[c][1] for c in codes if c in cls.ROADSIDE]
        return {"what_zh": "；".join(zh), "what_en": "; ".join(en), **parts}

    def check(self, ctx: Context) -> pd.DataFrame:
        f = ctx.registers["expenses"].valid(self.needs)
        miss = {c: f[c].isna() for c in ("handler", "witness", "approver")}
        roadside = f["roadside"].fillna(False).astype(bool)
        miss["reason"] = roadside & (f["reason"].fillna("").astype(str).str.strip() == "")
        approver = f["approver"].fillna("").astype(str)
        principal = approver.str.contains("|".join(ctx.params["principal_titles"])) & ~approver.str.contains("副")
        miss["principal"] = roadside & ~miss["approver"] & ~principal
        hit = pd.concat(miss.values(), axis=1).any(axis=1)
        sel = f[hit]
        codes = pd.Series("", index=sel.index)
        for name, m in miss.items():
            codes = codes + np.where(m[hit], name + ",", "")
        return self.found(sel, {"signatures": codes.str.rstrip(",")}, status="missing")


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
    batched = True
    obligations = ("O073",)
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
    batched = True
    obligations = ("O078", "O081")
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
        data = ctx.registers["expenses"]
        f = data.valid(self.needs)
        f = office_sorted(
            data, f[f["payee"].notna() & f["amount"].notna() & f["date"].notna()], ["payee", "date", "_row"]
        )
        if len(f) < 2:
            return empty_findings()
        codes = office_factorize(data, f, "payee")
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


def _is(f: pd.DataFrame, column: str) -> pd.Series:
    return f[column].fillna(False).astype(bool)


def _category(f: pd.DataFrame, words: str) -> pd.Series:
    return f["category"].fillna("").astype(str).str.contains(words)


@register
class FIN008(_ExpenseRule):
    """A fixed asset bought without its asset registration or acceptance. 固定资产未登记或未验收。

    Checks every expense of 类别 固定资产: it carries an asset number (资产编号, the
    fixed-asset registration) and an acceptance date (验收日期).

    Clause: 003 財務管理制度 4 “屬于固定資產范圍的，財務人員要辦理固定資產登記手續……實物購入后，
    要按照規定辦理驗收手續”.

    Interpretation: the registration is evidenced by the asset number the finance office
    assigns; blank is not registered.  Defaults: none.
    """

    id = "FIN008"
    batched = True
    obligations = ("O079",)
    examples = (
        Example("pass", ({"类别": "固定资产", "资产编号": "GZ-2026-031", "验收日期": "2026-03-06"},)),
        Example(
            "fail",
            ({"类别": "固定资产", "资产编号": None, "验收日期": None},),
            expect=({"status": "missing", "says": "未办理固定资产登记、未验收"},),
        ),
    )
    title_zh = "固定资产未办理登记或验收手续"
    title_en = "Fixed asset not registered or not accepted"
    citation = "003 財務管理制度 4"
    needs = ("date", "amount", "category", "asset_no", "accepted")
    requires_columns = ("asset_no", "accepted")
    what_zh = "{gaps_zh}"
    what_en = "{gaps_en}"
    GAPS = {
        "asset_no": ("未办理固定资产登记", "not registered as a fixed asset"),
        "accepted": ("未验收", "no acceptance check"),
    }

    @classmethod
    def message_fields(cls, f: dict, lang: str) -> dict:
        parts = _parts(f)
        codes = [c for c in parts.get("signatures", "").split(",") if c in cls.GAPS]
        return {
            "what_zh": "、".join(cls.GAPS[c][0] for c in codes),
            "what_en": ", ".join(cls.GAPS[c][1] for c in codes),
            **parts,
        }

    def check(self, ctx: Context) -> pd.DataFrame:
        f = ctx.registers["expenses"].valid(self.needs)
        f = f[_category(f, "固定资产")]
        no_asset = f["asset_no"].fillna("").astype(str).str.strip() == ""
        no_accept = f["accepted"].isna()
        hit = no_asset | no_accept
        sel = f[hit]
        codes = pd.Series(np.where(no_asset[hit], "asset_no,", ""), index=sel.index) + np.where(
            no_accept[hit], "accepted", ""
        )
        return self.found(sel, {"signatures": codes.str.rstrip(",")}, status="missing")


@register
class FIN009(_ExpenseRule):
    """A purchase at the procurement threshold not made through government procurement. 应政府采购未实行政府采购。

    Checks every expense of 类别 固定资产 or 办公用品 of at least ``procurement_min``
    yuan: its 政府采购 cell is 是.

    Clause: 003 財務管理制度 4 “屬于政府采購的物品必需實行政府采購”.

    Interpretation: which purchases fall under government procurement is set by the
    county's 政府采购限额标准, which the seed does not give; ``procurement_min`` = 50000 is
    an assumption for the office to set from its county's notice (items of the 集中采购目录
    below it are the office's to mark).  Defaults: procurement_min = 50000.
    """

    id = "FIN009"
    batched = True
    obligations = ("O079",)
    examples = (
        Example("pass", ({"类别": "固定资产", "金额": 60000, "政府采购": "是"},)),
        Example("pass", ({"类别": "固定资产", "金额": 8000, "政府采购": "否"},), "below the threshold"),
        Example("fail", ({"类别": "固定资产", "金额": 60000, "政府采购": "否"},), expect=({"status": "violation"},)),
    )
    title_zh = "达到政府采购限额未实行政府采购"
    title_en = "Purchase at the procurement threshold not procured by government procurement"
    citation = "003 財務管理制度 4"
    needs = ("date", "amount", "category", "procurement")
    requires_columns = ("procurement",)
    params = {"procurement_min": 50000}
    what_zh = "达到政府采购限额 {limit} 元，未实行政府采购"
    what_en = "at or above the ¥{limit} procurement threshold, not bought through government procurement"

    def check(self, ctx: Context) -> pd.DataFrame:
        f = ctx.registers["expenses"].valid(self.needs)
        limit = float(ctx.params["procurement_min"])
        sel = f[_category(f, "固定资产|办公用品") & (f["amount"] >= limit) & ~_is(f, "procurement")]
        return self.found(sel, limit=limit)


@register
class FIN010(_ExpenseRule):
    """Valuable office equipment bought without a bureau meeting's decision. 贵重办公设备购置未经局务会研究。

    Checks every expense of 类别 固定资产 of at least ``valuable_min`` yuan and at most
    FIN004's ``director_max``: its 局务会研究 is 是 (above ``director_max`` FIN004 already
    asks for the meeting, for every expense).

    Clause: 003 財務管理制度 2 “貴重辦公設備購置須經局務會研究決定”.

    Interpretation: the seed does not say what is valuable; ``valuable_min`` = 2000 yuan is
    an assumption for the office to set.  Defaults: valuable_min = 2000.
    """

    id = "FIN010"
    batched = True
    obligations = ("O077",)
    examples = (
        Example("pass", ({"类别": "固定资产", "局务会研究": "是"},)),
        Example("pass", ({"类别": "固定资产", "金额": 1500},), "not valuable"),
        Example("fail", ({"类别": "固定资产"},), "3000 yuan, 局务会研究 否", expect=({"status": "violation"},)),
    )
    title_zh = "贵重办公设备购置未经局务会研究决定"
    title_en = "Valuable equipment bought without a bureau meeting's decision"
    citation = "003 財務管理制度 2"
    needs = ("date", "amount", "category", "meeting")
    params = {"valuable_min": 2000}
    what_zh = "贵重办公设备（{limit} 元以上）未经局务会研究决定"
    what_en = "valuable equipment (¥{limit} or more) bought without a bureau meeting's decision"

    def check(self, ctx: Context) -> pd.DataFrame:
        f = ctx.registers["expenses"].valid(self.needs)
        limit = float(ctx.params["valuable_min"])
        top = (ctx.params_of("FIN004") if ctx.params_of else {"director_max": 5000})["director_max"]
        sel = f[_category(f, "固定资产") & f["amount"].between(limit, top) & ~_is(f, "meeting")]
        return self.found(sel, limit=limit)


@register
class FIN011(_ExpenseRule):
    """A reimbursement not processed on the Tuesday (or the next working day). 报销未在星期二集中处理。

    Checks every expense with a 报销日期: it is the Tuesday of its week, or — when that
    Tuesday is not a working day — the first working day after it.  A warning, not a
    breach.

    Clause: 003 財務管理制度 9 “局機關報銷無特殊情況一般每星期二上午集中處理，遇事順延”.

    Interpretation: “一般”, “無特殊情況” and “遇事順延” make this a practice, reported as a
    warning; a holiday Tuesday moves to the next working day (a make-up Saturday counts).
    The morning is not judged (the register keeps the day).  Defaults: none.
    """

    id = "FIN011"
    batched = True
    obligations = ("O083",)
    examples = (
        Example("pass", ({"报销日期": "2026-03-10"},), "a Tuesday"),
        Example("pass", ({"报销日期": "2026-10-08"},), "Tuesday 10-06 is 国庆: Thursday 10-08 is the next working day"),
        Example(
            "fail",
            ({"报销日期": "2026-03-12"},),
            "a Thursday",
            expect=({"status": "violation", "severity": "warning", "says": "2026-03-10"},),
        ),
    )
    title_zh = "报销未在每星期二集中处理"
    title_en = "Reimbursement not processed on the Tuesday"
    citation = "003 財務管理制度 9"
    needs = ("date", "amount", "reimbursed")
    requires_columns = ("reimbursed",)
    fields = {**_ExpenseRule.fields, "expected": "text", "reimbursed": "text"}
    what_zh = "报销日期 {reimbursed}，应在星期二（{expected}）集中处理"
    what_en = "reimbursed on {reimbursed}, not on the Tuesday ({expected})"

    @classmethod
    def message_fields(cls, f: dict, lang: str) -> dict:
        parts = _parts(f)
        fill = _Blank(parts)
        return {"what_zh": cls.what_zh.format_map(fill), "what_en": cls.what_en.format_map(fill), **parts}

    def check(self, ctx: Context) -> pd.DataFrame:
        f = ctx.registers["expenses"].valid(self.needs)
        f = f[f["reimbursed"].notna()]
        day = f["reimbursed"].dt.normalize()
        tuesday = day - pd.to_timedelta((day.dt.day_of_week - 1) % 7, unit="D")
        expected = pd.Series(
            pd.to_datetime(ctx.calendar.roll_forward(tuesday.to_numpy(dtype="datetime64[D]"))), index=f.index
        )
        sel = f[day != expected]
        if sel.empty:
            return empty_findings()
        out = self.found(
            sel,
            {
                "expected": expected[sel.index].dt.strftime("%Y-%m-%d"),
                "reimbursed": sel["reimbursed"].dt.strftime("%Y-%m-%d"),
            },
        )
        out["severity"] = "warning"
        out["date"] = sel["reimbursed"].to_numpy()
        return out


@register
class FIN012(_ExpenseRule):
    """A vehicle repair not approved beforehand, or not at a designated garage. 车辆维修未经批准或未到指定修理厂。

    Checks every vehicle repair (类别 维修 with a 车牌号): its 维修批准日期 is on or
    before the 维修日期 (else the 维修完成日期, else the 支出日期); and, when the rulebook
    lists ``designated_garages``, its 维修单位 is one of them.  A roadside repair (外出维修
    = 是) is exempt from the garage list (FIN005 asks for its reason and the principal's
    approval).

    Clause: 003 車輛管理制度 三、1 “經車輛所在單位領導批準后，到指定的修理廠修理”.

    Interpretation: approval on the repair's own day counts as beforehand.  The designated
    garages are the office's to list; with none listed, only the approval is judged.
    Defaults: designated_garages = [] (not judged).
    """

    id = "FIN012"
    batched = True
    obligations = ("O072",)
    examples = (
        Example(
            "pass",
            ({"类别": "维修", "车牌号": "黔J·A1234", "维修日期": "2026-03-04", "维修批准日期": "2026-03-03"},),
        ),
        Example(
            "fail",
            ({"类别": "维修", "车牌号": "黔J·A1234", "维修日期": "2026-03-04", "维修批准日期": None},),
            expect=({"status": "violation", "says": "未经事先批准"},),
        ),
        Example(
            "fail",
            (
                {
                    "类别": "维修",
                    "车牌号": "黔J·A1234",
                    "维修日期": "2026-03-04",
                    "维修批准日期": "2026-03-02",
                    "维修单位": "路边修理铺",
                },
            ),
            params={"designated_garages": ["清河县汽修厂"]},
            expect=({"status": "violation", "says": "非指定修理厂"},),
        ),
    )
    title_zh = "车辆维修未经事先批准或未到指定修理厂"
    title_en = "Vehicle repair not approved beforehand or not at a designated garage"
    citation = "003 車輛管理制度 三、1"
    needs = ("date", "amount", "category", "repair_date", "repair_done", "repair_approved")
    requires_columns = ("repair_approved",)
    params = {"designated_garages": []}
    GAPS = {
        "unapproved": ("未经事先批准", "not approved beforehand"),
        "late": ("批准晚于维修", "approved only after the repair"),
        "garage": ("非指定修理厂", "not at a designated garage"),
    }
    what_zh = ""
    what_en = ""

    @classmethod
    def message_fields(cls, f: dict, lang: str) -> dict:
        parts = _parts(f)
        codes = [c for c in parts.get("signatures", "").split(",") if c in cls.GAPS]
        return {
            "what_zh": "车辆维修" + "、".join(cls.GAPS[c][0] for c in codes),
            "what_en": "vehicle repair " + ", ".join(cls.GAPS[c][1] for c in codes),
            **parts,
        }

    def check(self, ctx: Context) -> pd.DataFrame:
        f = ctx.registers["expenses"].valid(self.needs)
        vehicle = f["plate"].fillna("").astype(str).str.strip() != ""
        f = f[_category(f, "维修") & vehicle]
        repaired = first_present(f["repair_date"], f["repair_done"], f["date"])
        unapproved = f["repair_approved"].isna()
        late = ~unapproved & (f["repair_approved"] > repaired)
        garages = [g for g in ctx.params["designated_garages"] if g]
        if garages:
            garage = f["garage"].fillna("").astype(str)
            off = ~garage.str.contains("|".join(map(re.escape, garages))) & ~_is(f, "roadside")
        else:
            off = pd.Series(False, index=f.index)
        hit = unapproved | late | off
        sel = f[hit]
        codes = (
            pd.Series(np.where(unapproved[hit], "unapproved,", ""), index=sel.index)
            + np.where(late[hit], "late,", "")
            + np.where(off[hit], "garage", "")
        )
        return self.found(sel, {"signatures": codes.str.rstrip(",")})


@register
class FIN013(Rule):
    """A person who left without handing over the property in their charge. 人员变动未及时办理财产移交。

    Checks every person in the 人员名册 with a 调离日期: the 财产移交日期 falls within
    ``handover_wd`` working days of it.  Later is late; none after that, overdue.

    Clause: 003 財務管理制度 1 “局機關和下屬單位的一切固定資產和其他財產要按單位指定專人負責……
    人員變動要及時辦理財產移交手續”.

    Interpretation: “及時” has no number in the seed; ``handover_wd`` = 5 working days is an
    assumption for the office to set.  A handover before the departure is in time.
    Defaults: handover_wd = 5.
    """

    id = "FIN013"
    batched = True
    obligations = ("O075",)
    title_zh = "人员变动未及时办理财产移交手续"
    title_en = "Property not handed over when a person left"
    citation = "003 財務管理制度 1"
    register = "staff"
    kind = "deadline"
    needs = ("name", "left", "handed_over")
    requires_columns = ("left",)
    params = {"handover_wd": 5}
    message_zh = "{subject} {start} 调离，财产移交应于 {due} 前办理{done_zh}"
    message_en = "{subject} left on {start}; the property handover was due by {due}{done_en}"
    example_base = {"姓名": "王敏", "部门": "综合股", "调离日期": "2026-06-01", "财产移交日期": "2026-06-03"}
    examples = (
        Example("pass", ({},)),
        Example(
            "fail",
            ({"财产移交日期": "2026-06-12"},),
            expect=({"status": "late", "due": "2026-06-08", "late_by": "4 wd"},),
        ),
        Example("fail", ({"财产移交日期": None},), expect=({"status": "overdue", "due": "2026-06-08"},)),
    )

    def check(self, ctx: Context) -> pd.DataFrame:
        f = ctx.registers["staff"].valid(self.needs)
        f = f[f["left"].notna()]
        if f.empty:
            return empty_findings()
        due = pd.Series(
            pd.to_datetime(
                ctx.calendar.add_workdays(f["left"].to_numpy(dtype="datetime64[D]"), ctx.params["handover_wd"])
            ),
            index=f.index,
        )
        return deadline_findings(
            ctx,
            self,
            f,
            start=f["left"],
            due=due,
            done=f["handed_over"],
            unit="wd",
            key=f["name"],
            subject=f["name"],
            dept=f["dept"],
        )
