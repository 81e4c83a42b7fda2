"""Official receptions 公务接待: approved beforehand, within the cost standard, and with no
more companions than allowed.

Clause: 003 接待制度 1 “嚴格按照縣規定的接待標準和陪同人數進行接待”; 2 “填寫公務接待審批單”;
3 “下屬單位接待一律報經單位負責人批準”; 4 “接待要按標準執行。未經批準的接待費用或超標準自理”.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from . import register
from .base import Context, Example, Rule, findings_from, money_text

CLAUSE = "003 接待制度"
RECEPTION_EXAMPLE = {
    "接待日期": "2026-06-10",
    "接待对象": "邻县计生局",
    "接待人数": 6,
    "陪同人数": 2,
    "接待费用": 600,
    "审批人": "刘晓梅",
    "审批日期": "2026-06-09",
    "承办股室": "综合股",
}


def _receptions(ctx: Context, needs: tuple[str, ...]) -> pd.DataFrame:
    f = ctx.registers["hospitality"].valid(needs)
    return f[f["date"].notna()]


def _common(sel: pd.DataFrame) -> dict:
    return {
        "subject": sel["dept"].where(sel["dept"].notna(), "接待"),
        "dept": sel["dept"],
        "key": sel["guests"].fillna("").astype(str) + " " + sel["date"].dt.strftime("%Y-%m-%d"),
        "start": sel["date"],
        "date": sel["date"],
    }


@register
class HOS001(Rule):
    """A reception without an approval signed beforehand. 公务接待未经事前审批。

    Checks every reception: it has an approver (审批人) and an approval date (审批日期) on
    or before the reception day.

    Clause: 003 接待制度 2 “由局機關相應股室負責人報分管領導同意后,填寫公務接待審批單”; 3 “下屬單位
    接待一律報經單位負責人批準”; 4 “未經批準的接待費用……自理”.

    Interpretation: an approval dated after the reception is no approval: the cost is
    borne personally, and the message names the amount.  A blank 审批日期 with an approver
    is judged unapproved too (the form's date is the evidence).  Who approved is judged
    when the 审批人 cell carries a title (“刘晓梅（副局长）”): a bureau section's reception
    needs a bureau leader (``leader_titles``), a subordinate unit's (承办单位 naming a
    站, 队 or 中心) its own head (``unit_head_titles``) or a bureau leader; an approval by
    anyone else is no approval.  A bare name is not judged for its role.

    Defaults: leader_titles = ["局长", "副局长", "分管领导", "局领导"],
    unit_head_titles = ["站长", "队长", "主任", "负责人"].
    """

    id = "HOS001"
    batched = True
    obligations = ("O085",)
    title_zh = "公务接待未经事前审批"
    title_en = "Reception without prior approval"
    citation = f"{CLAUSE} 2–4"
    register = "hospitality"
    kind = "row"
    # A 审批日期 we cannot read keeps the row out (it is an input error), never "unapproved".
    needs = ("date", "approver", "approved_on")
    requires_columns = ("approver",)
    fields = {"amount": "number", "amount_text": "text", "why": "text"}
    message_zh = "{start} 接待{key_guests}：{why_zh}，接待费用 {amount_text} 元应由个人自理"
    message_en = "{start} reception of {key_guests}: {why_en}; the ¥{amount_text} is to be borne personally"
    example_base = RECEPTION_EXAMPLE
    examples = (
        Example("pass", ({},)),
        Example("pass", ({"审批日期": "2026-06-10"},), "approved on the day, before the meal"),
        Example(
            "fail",
            ({"审批日期": "2026-06-12"},),
            "approved two days after",
            expect=({"status": "violation", "says": "600.00 元应由个人自理"},),
        ),
        Example("fail", ({"审批人": None, "审批日期": None},), expect=({"status": "violation"},)),
        Example("pass", ({"审批人": "刘晓梅（副局长）"},)),
        Example(
            "fail",
            ({"审批人": "王敏（股长）"},),
            "a section head may not approve",
            expect=({"status": "violation", "says": "审批人无权审批"},),
        ),
        Example("pass", ({"审批人": "周涛（站长）", "承办股室": "计生服务站"},), "a subordinate unit's own head"),
    )
    params = {
        "leader_titles": ["局长", "副局长", "分管领导", "局领导"],
        "unit_head_titles": ["站长", "队长", "主任", "负责人"],
    }

    @classmethod
    def message_fields(cls, f: dict, lang: str) -> dict:
        why = f.get("x_why") or "none"
        return {
            "key_guests": str(f.get("key") or "").rsplit(" ", 1)[0] or "—",
            "why_zh": {"none": "没有公务接待审批单", "late": "审批日期晚于接待日期", "role": "审批人无权审批"}.get(
                why, why
            ),
            "why_en": {
                "none": "no approval form",
                "late": "approved after the reception",
                "role": "approved by someone not entitled to",
            }.get(why, why),
        }

    def check(self, ctx: Context) -> pd.DataFrame:
        f = _receptions(ctx, self.needs)
        none = f["approver"].isna() | f["approved_on"].isna()
        late = ~none & (f["approved_on"].dt.normalize() > f["date"].dt.normalize())
        approver = f["approver"].fillna("").astype(str)
        leaders, heads = ctx.params["leader_titles"], ctx.params["unit_head_titles"]
        titled = approver.str.contains("|".join(leaders + heads + ["股长", "科长", "职员", "干部"]))
        unit = f["dept"].fillna("").astype(str).str.contains("站|队|中心|下属")
        entitled = approver.str.contains("|".join(leaders)) | (unit & approver.str.contains("|".join(heads)))
        wrong = ~none & ~late & titled & ~entitled
        sel = f[none | late | wrong]
        amount = sel["amount"].fillna(0)
        return findings_from(
            sel,
            self,
            status="violation",
            **_common(sel),
            fields={
                "amount": amount,
                "amount_text": money_text(amount),
                "why": np.select([none[sel.index], late[sel.index]], ["none", "late"], default="role"),
            },
        )


@register
class HOS002(Rule):
    """Reception cost per guest above the county standard. 公务接待超标准。

    Checks every reception with a cost and a number of guests: the cost per guest
    (接待费用 ÷ 接待人数) may not exceed ``per_guest_max`` yuan.

    Clause: 003 接待制度 1 “嚴格按照縣規定的接待標準……進行接待,嚴格控制接待費用支出”; 4 “接待要
    按標準執行。……超標準自理”.

    Interpretation: the seed gives no number — the county sets it.  ``per_guest_max``
    defaults to 150 yuan per guest per reception and must be set to the county's own
    standard in ``[rules.HOS002]``.  The excess over the standard is what is borne
    personally.  Companions eat at the same standard, so they are not added to the
    divisor.

    Defaults: per_guest_max = 150.
    """

    id = "HOS002"
    batched = True
    obligations = ("O084",)
    title_zh = "公务接待人均费用超过标准"
    title_en = "Reception cost per guest above the standard"
    citation = f"{CLAUSE} 1、4"
    register = "hospitality"
    kind = "row"
    needs = ("date", "amount", "guest_count")
    requires_columns = ("amount", "guest_count")
    params = {"per_guest_max": 150}
    fields = {"per_guest": "text", "limit": "number", "excess": "text"}
    message_zh = "{start} 接待人均 {per_guest} 元，超过标准 {limit} 元，超出 {excess} 元应由个人自理"
    message_en = "{start}: ¥{per_guest} a guest, above the ¥{limit} standard; ¥{excess} to be borne personally"
    example_base = RECEPTION_EXAMPLE
    examples = (
        Example("pass", ({"接待费用": 900},), "150 a guest is the standard itself"),
        Example("fail", ({"接待费用": 960},), expect=({"status": "violation", "says": "超出 60.00 元"},)),
        Example("pass", ({"接待费用": 960},), "the county's standard is higher", params={"per_guest_max": 160}),
    )

    def check(self, ctx: Context) -> pd.DataFrame:
        f = _receptions(ctx, self.needs)
        f = f[f["amount"].notna() & (f["guest_count"] > 0)]
        limit = float(ctx.params["per_guest_max"])
        per = f["amount"] / f["guest_count"]
        over = per > limit + 1e-9
        sel = f[over]
        excess = sel["amount"] - limit * sel["guest_count"]
        return findings_from(
            sel,
            self,
            status="violation",
            **_common(sel),
            fields={"per_guest": money_text(per[over]), "limit": limit, "excess": money_text(excess)},
        )


@register
class HOS003(Rule):
    """More companions at a reception than allowed. 公务接待陪同人数超标。

    Checks every reception with its numbers of guests and companions: up to
    ``small_group`` guests, at most ``companions_small`` companions; above that, at most
    ``companions_share`` of the guests.

    Clause: 003 接待制度 1 “嚴格按照縣規定的……陪同人數進行接待”.

    Interpretation: the seed defers to the county's limit; the defaults are the national
    rule the counties follow (党政机关国内公务接待管理规定 第十条: “接待对象在10人以内的，陪餐人数
    不得超过3人；接待对象超过10人的，陪餐人数不得超过接待对象人数的三分之一”).  A third of 12
    guests is 4; of 30, 10.

    Defaults: small_group = 10, companions_small = 3, companions_divisor = 3.
    """

    id = "HOS003"
    batched = True
    obligations = ("O084",)
    title_zh = "公务接待陪同人数超过规定"
    title_en = "Too many companions at a reception"
    citation = f"{CLAUSE} 1"
    register = "hospitality"
    kind = "row"
    needs = ("date", "guest_count", "companions")
    requires_columns = ("guest_count", "companions")
    params = {"small_group": 10, "companions_small": 3, "companions_divisor": 3}
    fields = {"guests": "int", "companions": "int", "allowed": "int"}
    message_zh = "{start} 接待 {guests} 人，陪同 {companions} 人，超过规定的 {allowed} 人"
    message_en = "{start}: {companions} companions for {guests} guests, more than the {allowed} allowed"
    example_base = RECEPTION_EXAMPLE
    examples = (
        Example("pass", ({"接待人数": 10, "陪同人数": 3},)),
        Example(
            "fail", ({"接待人数": 10, "陪同人数": 4},), expect=({"status": "violation", "says": "超过规定的 3 人"},)
        ),
        Example("pass", ({"接待人数": 12, "陪同人数": 4},), "a third of 12"),
        Example("fail", ({"接待人数": 12, "陪同人数": 5},), expect=({"status": "violation"},)),
    )

    def check(self, ctx: Context) -> pd.DataFrame:
        p = ctx.params
        f = _receptions(ctx, self.needs)
        f = f[f["guest_count"].notna() & f["companions"].notna()]
        guests = f["guest_count"]
        # A third of the guests, in whole people.
        allowed = np.where(
            guests <= p["small_group"], p["companions_small"], np.floor(guests / p["companions_divisor"])
        )
        allowed_s = pd.Series(allowed, index=f.index)
        sel = f[f["companions"] > allowed_s]
        return findings_from(
            sel,
            self,
            status="violation",
            **_common(sel),
            fields={"guests": sel["guest_count"], "companions": sel["companions"], "allowed": allowed_s[sel.index]},
        )
