"""Leave 请销假: approval authority, the written form, late filing, the return report.

Official business (出差 公出 学习) excuses attendance but is not leave: these rules do
not judge it.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from . import register
from .attendance import BUSINESS_KINDS, leave_cover
from .base import (
    Context,
    Example,
    Rule,
    deadline_findings,
    each_office,
    empty_findings,
    extra_fields,
    findings_from,
    person_findings,
)

LEAVE_CLAUSE = "003 請銷假制度 2–6"

# Approver roles as bits.
SECTION, BUREAU_DEPUTY, DIRECTOR, UNIT_HEAD, COUNTY_DEPUTY, COUNTY_HEAD, SECRETARY = 1, 2, 4, 8, 16, 32, 64
ROLE_ZH = {
    SECTION: "股室负责人",
    BUREAU_DEPUTY: "分管领导",
    DIRECTOR: "局长",
    UNIT_HEAD: "单位负责人",
    COUNTY_DEPUTY: "县分管领导",
    COUNTY_HEAD: "县长",
    SECRETARY: "县委书记",
}
ROLE_EN = {
    SECTION: "section head",
    BUREAU_DEPUTY: "deputy director in charge",
    DIRECTOR: "director",
    UNIT_HEAD: "unit head",
    COUNTY_DEPUTY: "county leader in charge",
    COUNTY_HEAD: "county head",
    SECRETARY: "county Party secretary",
}
S, B, D, U, CD, CH, SEC = SECTION, BUREAU_DEPUTY, DIRECTOR, UNIT_HEAD, COUNTY_DEPUTY, COUNTY_HEAD, SECRETARY
# Who must all have approved, by the applicant's role and the leave's length in working
# days, from 003 請銷假制度 2–5.  Each role's tiers are (lower bound, inclusive?, roles),
# highest first, with the clause's own words deciding each boundary:
#   “請假2天及以上的” — 2 days is in the upper tier, 1.5 days is not (它不是“2天及以上”);
#   “請假3天及以上的” — likewise 3; “不超過2天的 / 不超過3天的 / 超過3天的” — 2 and 3 stay
#   in the lower tier; “請假1天及以上的” after “半天的” — anything over half a day.
# Half days are not rounded: a length is compared as recorded (or computed) against the
# clause's bound, and a length between two named lengths stays in the lower tier.
TIERS: dict[str, tuple[tuple[float, bool, int], ...]] = {
    "staff": ((2, True, S | B | D), (0.5, False, S | B), (0, True, S)),
    "section_head": ((0.5, False, B | D), (0, True, B)),
    "deputy": ((3, True, D | CD | CH), (2, True, D | CD), (0, True, D)),
    "director": ((0, True, CD | CH | SEC),),
    "unit_head": ((0.5, False, B | D), (0, True, B)),
    "unit_staff": ((3, False, U | B | D), (2, False, U | B), (0, True, U)),
}
# Rank of each approver for “the one who approves” (批): the highest role a tier names.
# A higher authority signing in its place is no breach (局长 signing a day's leave the
# 分管领导 should approve: the director holds the deputy's authority and more); the roles
# the clause makes *agree first* (“經…同意後”) must still each be there.
RANK = {SECTION: 1, UNIT_HEAD: 1, BUREAU_DEPUTY: 2, DIRECTOR: 3, COUNTY_DEPUTY: 4, COUNTY_HEAD: 5, SECRETARY: 6}


def required_approvers(role: pd.Series, days: pd.Series) -> np.ndarray:
    """The approver bits each leave needs, by the applicant's role and its length."""
    required = np.zeros(len(role), dtype=np.int64)
    r = role.to_numpy()
    d = days.to_numpy(dtype=float)
    for key, tiers in TIERS.items():
        mine = r == key
        chosen = np.zeros(len(r), dtype=np.int64)
        for bound, inclusive, bits in reversed(tiers):
            over = (d >= bound) if inclusive else (d > bound)
            chosen = np.where(over, bits, chosen)
        required = np.where(mine, chosen, required)
    return required


def final_approver(required: np.ndarray) -> np.ndarray:
    """The highest-ranked role each requirement names (the one who approves)."""
    out = np.zeros(len(required), dtype=np.int64)
    best = np.zeros(len(required), dtype=np.int64)
    for bit, rank in RANK.items():
        has = (required & bit) > 0
        better = has & (rank > best)
        out = np.where(better, bit, out)
        best = np.where(better, rank, best)
    return out


def higher_than(bits: np.ndarray) -> np.ndarray:
    """For each approver bit, the mask of roles that outrank it."""
    out = np.zeros(len(bits), dtype=np.int64)
    for bit, rank in RANK.items():
        above = sum(b for b, k in RANK.items() if k > rank)
        out = np.where(bits == bit, above, out)
    return out


# The applicant's role (职务类别), most specific words first.
APPLICANT_ROLES = (
    ("unit_head", r"下属单位负责人|unit_head|unit head"),
    ("unit_staff", r"下属单位工作人员|下属单位|unit_staff|unit staff"),
    ("section_head", r"股室负责人|股长|科长|section_head|section head"),
    ("deputy", r"局领导副职|副职|副局长|deputy"),
    ("director", r"局领导正职|正职|^局长$|director"),
    ("staff", r"一般工作人员|工作人员|科员|办事员|staff"),
)
# An approver's role from its title, county level before bureau level ("县分管领导"
# contains "分管领导"; "副局长" contains "局长").
APPROVER_ROLES = (
    # 县委书记, not 县委副书记: a deputy secretary is not the secretary the clause names.
    (SECRETARY, r"(?<!副)书记"),
    (COUNTY_DEPUTY, r"副县长|县.*分管|县领导"),
    (COUNTY_HEAD, r"县长"),
    (BUREAU_DEPUTY, r"副局长|分管"),
    (DIRECTOR, r"局长|正职"),
    (UNIT_HEAD, r"单位负责人|站长|队长|所长"),
    (SECTION, r"股室负责人|股长|科长|主任"),
)


def filing_due(ctx: Context, start: pd.Series) -> pd.Series:
    """The last day leave not asked for in advance may be filed (LEV003's ``days`` in force,
    counted legally from the leave's first day).  Attendance excusal uses the same day."""
    days = (ctx.params_of("LEV003") if ctx.params_of else {"days": 7})["days"]
    first = start.dt.normalize()
    due = (
        ctx.calendar.add_days(first.to_numpy(dtype="datetime64[D]"), days)
        if len(first)
        else np.zeros(0, "datetime64[D]")
    )
    return pd.Series(pd.to_datetime(due), index=start.index)


def personal_leave(ctx: Context, needs: tuple[str, ...]) -> pd.DataFrame:
    f = ctx.registers["leave"].valid(needs)
    kind = f["kind"].fillna("事假").astype(str)
    return f[~kind.str.contains("|".join(BUSINESS_KINDS))]


def leave_days(ctx: Context, f: pd.DataFrame) -> pd.Series:
    """Recorded days, else working days from start to end (half days from the times)."""
    start_d = f["start"].dt.normalize()
    end_d = f["end"].dt.normalize()
    wd = (
        ctx.calendar.workdays_between(
            (start_d - pd.Timedelta(days=1)).to_numpy(dtype="datetime64[D]"), end_d.to_numpy(dtype="datetime64[D]")
        )
        if len(f)
        else np.zeros(0)
    )
    computed = pd.Series(wd, index=f.index, dtype=float)
    start_t = (f["start"] - start_d).dt.total_seconds()
    end_t = (f["end"] - end_d).dt.total_seconds()
    computed -= np.where(start_t >= 12 * 3600, 0.5, 0)
    computed -= np.where((end_t > 0) & (end_t <= 13 * 3600), 0.5, 0)
    computed = computed.clip(lower=0.5)
    return f["days"].where(f["days"].notna(), computed)


LEAVE_EXAMPLE = {
    "姓名": "张三",
    "部门": "综合股",
    "请假类型": "事假",
    "职务类别": "一般工作人员",
    "开始时间": "2026-09-07",
    "结束时间": "2026-09-07",
    "天数": 1,
    "审批人": "王五、李四",
    "审批人职务": "股室负责人、分管领导",
    "请假单": "是",
    "申请日期": "2026-09-04",
    "销假日期": "2026-09-08",
}


@register
class LEV001(Rule):
    """Leave approved by too few approvers for the role and the length. 请假审批权限不符。

    Checks every personal leave: the approvers recorded (``审批人职务`` if kept, else the
    titles in ``审批人``) must include every role the matrix requires for the applicant's
    role (``职务类别``) and the leave's length in working days (``天数``, else computed from
    start and end).  The message names who is missing.

    ======================  ===================================================================
    role                    tiers (days d, as the clause words each bound)
    ======================  ===================================================================
    一般工作人员             d ≤ 0.5 股室负责人; 0.5 < d < 2 + 分管领导; d ≥ 2 + 局长
    股室负责人               d ≤ 0.5 分管领导; d > 0.5 分管领导, 局长
    局领导副职               d < 2 局长; 2 ≤ d < 3 局长, 县分管领导; d ≥ 3 + 县长
    局领导正职               县分管领导, 县长, 县委书记 for any length
    下属单位负责人           d ≤ 0.5 局分管领导; d > 0.5 局分管领导, 局长
    下属单位工作人员          d ≤ 2 单位负责人; 2 < d ≤ 3 + 局分管领导; d > 3 + 局长
    ======================  ===================================================================

    Clause: 003 請銷假制度 2 “請假半天的，由股室負責人審批；請假1天的，經股室負責人同意後報分管
    領導審批……請假2天及以上的，經股室負責人和分管領導同意後，報局長審批”; 3–5 (section heads,
    bureau leaders, subordinate units).

    Interpretation:

    * 分管领导 and 局分管领导 are one role.
    * Boundaries follow the clause's words, not rounded columns: “2天及以上” puts 2 days in
      the 局长's tier and leaves 1.5 days in the 1-day tier (股室负责人 + 分管领导); for a
      bureau deputy “3天及以上” leaves 2.5 days with 局长 + 县分管领导 (no 县长); for a
      subordinate unit's staff “不超過2天 / 不超過3天” keep 2 and 3 days in the lower tier.
      Half days are never rounded (see ``TIERS``).  This differs from rules.md's matrix
      (which put 1.5 days under “≤ 2”, so with the 局长): the seed's wording wins.
    * The one who approves (the highest role of the tier) may be replaced by a higher
      authority: a day's leave signed by the 局长 instead of the 分管领导 is no breach.
      Those the clause makes agree first (“經股室負責人同意後”) must each be there.
    * 县委副书记 is not 县委书记 (the title pattern excludes 副书记).
    * Approver titles are recognised by their words (县委书记, 县长, 副县长/县分管, 副局长/分管,
      局长, 站长/单位负责人, 股长/科长/股室负责人); a row whose approvers carry no
      recognisable title cannot be judged and is left alone.
    """

    id = "LEV001"
    batched = True
    obligations = ("O063",)
    example_base = LEAVE_EXAMPLE
    examples = (
        Example("pass", ({"天数": 1.5, "结束时间": "2026-09-08"},), "1.5 days is not “2天及以上”"),
        Example(
            "fail", ({"天数": 2, "结束时间": "2026-09-08"},), expect=({"status": "violation", "says": "缺少 局长"},)
        ),
        Example("pass", ({"审批人职务": "股室负责人、局长"},), "the director signs for the deputy in charge"),
        Example(
            "fail",
            ({"审批人职务": "局长"},),
            "the section head must agree first",
            expect=({"says": "缺少 股室负责人"},),
        ),
        Example(
            "fail",
            ({"职务类别": "局领导正职", "审批人职务": "副县长、县长、县委副书记"},),
            expect=({"says": "缺少 县委书记"},),
        ),
        Example(
            "pass",
            ({"职务类别": "局领导副职", "天数": 2.5, "结束时间": "2026-09-09", "审批人职务": "局长、县分管领导"},),
            "2.5 days is not “3天及以上”: no 县长",
        ),
        Example(
            "fail",
            ({"职务类别": "局领导副职", "天数": 3, "结束时间": "2026-09-09", "审批人职务": "局长、县分管领导"},),
            expect=({"says": "缺少 县长"},),
        ),
    )
    title_zh = "请假审批人不符合审批权限"
    title_en = "Leave not approved at the required level"
    citation = LEAVE_CLAUSE
    register = "leave"
    kind = "row"
    needs = ("role", "start", "end", "days", "approvers", "approver_roles", "kind")
    fields = {"missing": "int", "days": "number", "role": "text", "role_zh": "text"}  # missing: approver bits
    message_zh = "{subject} 请假 {days} 天（{role_zh}，{start}）：缺少 {missing_zh} 审批"
    message_en = "{subject}: {days} days' leave ({role_en}, {start}) lacks approval by {missing_en}"

    @classmethod
    def message_fields(cls, f: dict, lang: str) -> dict:
        parts = extra_fields(f)
        need = int(parts.get("missing", 0))
        return {
            "days": parts.get("days", ""),
            "role_zh": parts.get("role_zh", ""),
            "role_en": parts.get("role", ""),
            "missing_zh": "、".join(v for k, v in ROLE_ZH.items() if need & k),
            "missing_en": ", ".join(v for k, v in ROLE_EN.items() if need & k),
        }

    def check(self, ctx: Context) -> pd.DataFrame:
        f = personal_leave(ctx, self.needs)
        if f.empty:
            return empty_findings()
        role_text = f["role"].fillna("").astype(str).str.strip()
        role = pd.Series(None, index=f.index, dtype=object)
        for key, rx in reversed(APPLICANT_ROLES):
            role = role.mask(role_text.str.contains(rx, regex=True), key)
        days = leave_days(ctx, f)
        required = required_approvers(role, days)
        have = self.approver_bits(f)
        missing = required & ~have
        final = final_approver(required)
        # The one who approves may be replaced by a higher authority; those who agree first may not.
        covered = (missing & final > 0) & ((have & higher_than(final)) > 0)
        missing = np.where(covered, missing & ~final, missing)
        judged = (required > 0) & (have > 0)
        hit = judged & (missing > 0)
        sel = f[hit]
        fields = {
            "missing": pd.Series(missing, index=f.index)[hit],
            "days": days[hit],
            "role": role[hit].astype(str),
            "role_zh": role_text[hit],
        }
        return person_findings(sel, self, sel["start"], status="violation", fields=fields)

    @staticmethod
    def approver_bits(f: pd.DataFrame) -> np.ndarray:
        roles = f["approver_roles"].where(f["approver_roles"].map(len) > 0, f["approvers"])
        items = roles.explode().dropna().astype(str)
        if items.empty:
            return np.zeros(len(f), dtype=np.int64)
        code = pd.Series(0, index=items.index, dtype=np.int64)
        for bit, rx in reversed(APPROVER_ROLES):
            code = code.mask(items.str.contains(rx, regex=True), bit)
        pairs = pd.DataFrame({"i": code.index, "c": code.to_numpy()}).drop_duplicates()
        bits = pairs.groupby("i")["c"].sum()
        return bits.reindex(f.index, fill_value=0).to_numpy(dtype=np.int64)


@register
class LEV002(Rule):
    """Leave over 1 day with no written leave form. 超过1天未填请假单。

    Checks every personal leave longer than ``max_days_without_form`` working days:
    ``请假单`` must be 是.

    Clause: 003 請銷假制度 6 “請假超過1天的均要如實填寫《請假單》，並按權限審批”.

    Defaults: max_days_without_form = 1.
    """

    id = "LEV002"
    batched = True
    obligations = ("O064",)
    example_base = LEAVE_EXAMPLE
    examples = (
        Example("pass", ({"天数": 2, "结束时间": "2026-09-08", "审批人职务": "股室负责人、分管领导、局长"},)),
        Example("pass", ({"天数": 1, "请假单": "否"},), "a day needs no written form"),
        Example("fail", ({"天数": 1.5, "结束时间": "2026-09-08", "请假单": "否"},), expect=({"status": "missing"},)),
    )
    title_zh = "请假超过1天未填写请假单"
    title_en = "Leave over 1 day without a written form"
    citation = "003 請銷假制度 6"
    register = "leave"
    kind = "row"
    needs = ("start", "end", "days", "form", "kind")
    requires_columns = ("form",)
    params = {"max_days_without_form": 1}
    message_zh = "{subject} {start} 起请假 {days} 天，没有书面请假单"
    message_en = "{subject}: {days} days' leave from {start} without a written leave form"
    fields = {"days": "number"}

    def check(self, ctx: Context) -> pd.DataFrame:
        f = personal_leave(ctx, self.needs)
        days = leave_days(ctx, f)
        hit = (days > ctx.params["max_days_without_form"]) & ~f["form"]
        sel = f[hit]
        start = sel["start"].dt.normalize()
        return findings_from(
            sel,
            self,
            status="missing",
            subject=sel["name"],
            dept=sel["dept"],
            key=sel["name"].astype(str) + " " + start.dt.strftime("%Y-%m-%d"),
            start=start,
            date=start,
            fields={"days": days[hit]},
        )


@register
class LEV003(Rule):
    """Leave filed more than a week after it began. 请假补办超期。

    Checks every personal leave with a filing date (``申请日期``): leave not asked for in
    advance must be filed within ``days`` days of its start (legal counting).  Such late
    leave does not excuse the absence (the attendance rules treat the days as absent).

    Clause: 003 請銷假制度 6 “如遇特殊情況未能事先請假的，經領導同意後，要在一星期內補辦請假手續”;
    “凡未辦理請假手續的，按缺勤處理”.

    Defaults: days = 7.
    """

    id = "LEV003"
    batched = True
    obligations = ("O065", "O059")
    examples = (
        Example("pass", ({"开始时间": "2026-09-07", "申请日期": "2026-09-14"},)),
        Example(
            "fail",
            ({"开始时间": "2026-09-07", "申请日期": "2026-09-15"},),
            expect=({"status": "late", "due": "2026-09-14", "late_by": "1 d"},),
        ),
    )
    example_base = LEAVE_EXAMPLE
    title_zh = "请假手续超过一星期补办"
    title_en = "Leave filed more than a week after it began"
    citation = "003 請銷假制度 6"
    register = "leave"
    needs = ("start", "filed", "kind")
    requires_columns = ("filed",)
    params = {"days": 7}
    message_zh = "{subject} {start} 开始的请假应于 {due} 前补办{done_zh}"
    message_en = "{subject}: leave from {start} had to be filed by {due}{done_en}"

    def check(self, ctx: Context) -> pd.DataFrame:
        f = personal_leave(ctx, self.needs)
        f = f[f["filed"].notna()]
        start = f["start"].dt.normalize()
        due = filing_due(ctx, f["start"])
        return deadline_findings(
            ctx,
            self,
            f,
            start=start,
            due=due,
            done=f["filed"],
            unit="d",
            key=f["name"].astype(str) + " " + start.dt.strftime("%Y-%m-%d"),
            subject=f["name"],
            dept=f["dept"],
        )


@register
class LEV004(Rule):
    """Leave ended with no return report (销假), or a late one. 请假期满未及时销假。

    Checks every personal leave whose end is past: the 销假 date is due by the
    ``return_workdays``-th working day after the leave ends.  None recorded by the as-of
    day once that is past is ``missing``; one recorded after it is ``late`` (by working
    days).

    Clause: 003 請銷假制度 6 “請假期滿要及時銷假”.

    Interpretation: “及時” is read as the first working day back: the person reports on
    returning.  Leave ending 09-30 reports on 10-08, after National Day, on time; leave
    ending 09-29 was due back on 09-30, so a 销假 on 10-08 is 1 working day late.

    Defaults: return_workdays = 1.
    """

    id = "LEV004"
    batched = True
    obligations = ("O066",)
    example_base = LEAVE_EXAMPLE
    examples = (
        Example(
            "pass",
            ({"开始时间": "2026-09-28", "结束时间": "2026-09-30", "天数": 3, "销假日期": "2026-10-08"},),
            "the first working day after National Day",
        ),
        Example(
            "fail",
            ({"开始时间": "2026-09-28", "结束时间": "2026-09-29", "天数": 2, "销假日期": "2026-10-08"},),
            expect=({"status": "late", "due": "2026-09-30", "late_by": "1 wd"},),
        ),
        Example(
            "fail",
            ({"开始时间": "2026-09-28", "结束时间": "2026-09-28", "销假日期": "2026-10-20"},),
            expect=({"status": "late", "due": "2026-09-29", "late_by": "11 wd"},),
        ),
        Example(
            "fail",
            ({"开始时间": "2026-02-13", "结束时间": "2026-02-13", "申请日期": "2026-02-12", "销假日期": "2026-02-24"},),
            "02-14 is a make-up Saturday",
            expect=({"status": "late", "due": "2026-02-14", "late_by": "1 wd"},),
        ),
        Example("fail", ({"销假日期": None},), expect=({"status": "missing", "due": "2026-09-08"},)),
    )
    title_zh = "请假期满未及时销假"
    title_en = "No timely return report after leave"
    citation = "003 請銷假制度 6"
    register = "leave"
    kind = "row"
    needs = ("end", "returned", "kind")
    requires_columns = ("returned",)
    params = {"return_workdays": 1}
    message_zh = "{subject} 请假至 {start}，应于 {due} 销假{done_zh}"
    message_en = "{subject}: leave ended {start}, return report due {due}{done_en}"

    @classmethod
    def message_fields(cls, f: dict, lang: str) -> dict:
        if f.get("status") == "missing":
            return {"done_zh": "，没有销假记录", "done_en": ", none recorded"}
        return {}

    def check(self, ctx: Context) -> pd.DataFrame:
        f = personal_leave(ctx, self.needs)
        end = f["end"].dt.normalize()
        due = pd.Series(
            pd.to_datetime(
                ctx.calendar.add_workdays(end.to_numpy(dtype="datetime64[D]"), int(ctx.params["return_workdays"]))
            ),
            index=f.index,
        )
        key = f["name"].astype(str) + " " + end.dt.strftime("%Y-%m-%d")
        returned = f["returned"].where(f["returned"].isna() | (f["returned"] <= ctx.as_of))
        missing = returned.isna() & (due < ctx.as_of)
        late = returned.notna() & (returned > due)
        late_wd = (
            pd.Series(
                ctx.calendar.workdays_between(
                    due[late].to_numpy(dtype="datetime64[D]"), returned[late].to_numpy(dtype="datetime64[D]")
                ),
                index=f.index[late],
            )
            if late.any()
            else pd.Series(dtype=float)
        )
        out = []
        if missing.any():
            sel = f[missing]
            out.append(
                findings_from(
                    sel,
                    self,
                    status="missing",
                    subject=sel["name"],
                    dept=sel["dept"],
                    key=key[missing],
                    start=end[missing],
                    due=due[missing],
                    date=due[missing],
                )
            )
        if late.any():
            sel = f[late]
            out.append(
                findings_from(
                    sel,
                    self,
                    status="late",
                    subject=sel["name"],
                    dept=sel["dept"],
                    key=key[late],
                    start=end[late],
                    due=due[late],
                    done=returned[late],
                    late_by=late_wd,
                    late_unit="wd",
                    date=due[late],
                )
            )
        return pd.concat(out, ignore_index=True) if out else empty_findings()


LEADER_ROLES = ("局领导正职", "局领导副职")


@register
class LEV005(Rule):
    """A bureau leader's leave not filed with the county Organisation Department. 局领导请假未报县委组织部备案。

    Checks every personal leave of a bureau leader (职务类别 局领导正职 or 局领导副职) that
    has begun: it has a 组织部备案日期.

    Clause: 003 請銷假制度 7 “局領導請假經審批后，報縣委組織部備案。其他人員請假情況報單位負責考勤工作的
    股室備查”.

    Interpretation: the clause sets no time, so only the filing itself is judged; the
    register kept by the attendance section is the other staff's 备查 record.
    Defaults: none.
    """

    id = "LEV005"
    batched = True
    obligations = ("O067",)
    title_zh = "局领导请假未报县委组织部备案"
    title_en = "Bureau leader's leave not filed with the Organisation Department"
    citation = "003 請銷假制度 7"
    register = "leave"
    kind = "row"
    needs = ("name", "role", "start", "org_filed")
    requires_columns = ("org_filed",)
    message_zh = "{subject}（{role}）{start} 起请假，未报县委组织部备案"
    message_en = "{subject} ({role}) on leave from {start}: not filed with the county Organisation Department"
    fields = {"role": "text"}
    example_base = {**LEAVE_EXAMPLE, "职务类别": "局领导副职", "审批人": "郑建国", "审批人职务": "局长"}
    examples = (
        Example("pass", ({"组织部备案日期": "2026-09-07"},)),
        Example(
            "pass", ({"职务类别": "一般工作人员", "组织部备案日期": None},), "other staff: the register is the record"
        ),
        Example("fail", ({"组织部备案日期": None},), expect=({"status": "missing"},)),
    )

    @classmethod
    def message_fields(cls, f: dict, lang: str) -> dict:
        return extra_fields(f)

    def check(self, ctx: Context) -> pd.DataFrame:
        f = personal_leave(ctx, self.needs)
        leader = f["role"].fillna("").astype(str).isin(LEADER_ROLES)
        sel = f[leader & f["start"].notna() & (f["start"].dt.normalize() <= ctx.as_of) & f["org_filed"].isna()]
        return person_findings(sel, self, sel["start"], status="missing", fields={"role": sel["role"]})


MIDDLE_AND_UP = ("股室负责人", "局领导副职", "局领导正职", "下属单位负责人")


@register
class LEV006(Rule):
    """Absent from a collective activity or study without approved leave. 无故不参加集体活动、集中学习视为缺勤。

    Checks every row of a sign-in sheet (集体活动签到) not signed: the absence is excused
    only by leave approved at the right level — for staff, by a bureau leader in charge
    (分管领导, 副局长) or the director; for section heads and above, by the director — named
    in the row's 请假批准人, or a personal leave in the leave register covering the day.
    Otherwise it counts as absence.

    Clause: 003 考勤制度 7 “凡統一組織的集體活動和集中學習時間，原則上不得請假，特殊情況需請假的，一般
    干部職工按級向局分管領導請假，中層以上干部按級向局長請假。個人未經批准擅自不參加的視為缺勤”; 學習制度 3
    “集中學習視同上班執行考勤制度，不得無故缺席”.

    Interpretation: 中层以上 is read as 股室负责人 and above; a blank sign-in cell on the
    sheet is not signed.  The finding is reported as absence; it does not feed the
    attendance ladders, which count the attendance register's working days (an evening
    study has no half-day measure in the seed).
    Defaults: staff_approvers = ["分管领导", "副局长", "局长"], senior_approvers = ["局长"].
    """

    id = "LEV006"
    batched = True
    obligations = ("O060", "O068")
    title_zh = "未经批准不参加集体活动或集中学习（视为缺勤）"
    title_en = "Absent from a collective activity without approved leave"
    citation = "003 考勤制度 7; 003 學習制度 3"
    register = "signin"
    kind = "row"
    needs = ("date", "name", "signed", "role", "leave_approver")
    params = {"staff_approvers": ["分管领导", "副局长", "局长"], "senior_approvers": ["局长"]}
    fields = {"activity": "text", "approver": "text"}
    message_zh = "{subject} {start} 未参加{activity}，{why_zh}，视为缺勤"
    message_en = "{subject} missed {activity} on {start} {why_en}: counted as absence"
    example_base = {
        "活动日期": "2026-09-07",
        "活动名称": "集中学习",
        "姓名": "张三",
        "职务类别": "一般工作人员",
        "签到": "是",
    }
    examples = (
        Example("pass", ({},)),
        Example("pass", ({"签到": "否", "请假批准人": "刘晓梅（副局长）"},)),
        Example("fail", ({"签到": "否"},), expect=({"status": "violation", "says": "未经批准"},)),
        Example(
            "fail",
            ({"签到": "否", "职务类别": "股室负责人", "请假批准人": "刘晓梅（副局长）"},),
            "a section head asks the director",
            expect=({"status": "violation", "says": "请假应经局长批准"},),
        ),
        Example(
            "pass",
            ({"签到": "否"},),
            "on approved leave in the leave register",
            other={
                "请假登记": (
                    {
                        "姓名": "张三",
                        "职务类别": "一般工作人员",
                        "开始时间": "2026-09-07",
                        "结束时间": "2026-09-08",
                        "审批人": "王五、李四",
                    },
                )
            },
        ),
    )

    @classmethod
    def message_fields(cls, f: dict, lang: str) -> dict:
        parts = extra_fields(f)
        approver = parts.get("approver")
        activity = parts.get("activity") or ("集体活动" if lang == "zh" else "the collective activity")
        if approver:
            return {
                "activity": activity,
                "why_zh": f"请假应经局长批准（{approver} 无权批准）",
                "why_en": f"with leave granted by {approver}, who may not grant it",
            }
        return {"activity": activity, "why_zh": "未经批准请假", "why_en": "without approved leave"}

    def check(self, ctx: Context) -> pd.DataFrame:
        f = ctx.registers["signin"].valid(self.needs)
        f = f[f["date"].notna() & ~f["signed"].fillna(False).astype(bool)]
        if f.empty:
            return empty_findings()
        role = f["role"].fillna("").astype(str)
        approver = f["leave_approver"].fillna("").astype(str).str.strip()
        senior = role.isin(MIDDLE_AND_UP)
        staff_ok = approver.str.contains("|".join(ctx.params["staff_approvers"]))
        senior_ok = approver.str.contains("|".join(ctx.params["senior_approvers"])) & ~approver.str.contains("副")
        excused = (approver != "") & np.where(senior, senior_ok, staff_ok)
        on_leave = _on_leave(ctx, f)
        sel = f[~excused & ~on_leave]
        wrong = approver[sel.index].where(approver[sel.index] != "")
        return person_findings(
            sel, self, sel["date"], status="violation", fields={"activity": sel["activity"], "approver": wrong}
        )


def _on_leave(ctx: Context, f: pd.DataFrame) -> pd.Series:
    """Rows whose person is on leave that day (the attendance family's leave cover: a
    personal leave filed in time, or a business trip)."""
    cover = leave_cover(ctx)
    if cover.empty or f.empty:
        return pd.Series(False, index=f.index)
    # A person on leave is on leave from their own office (``_o``; 0 for one office's registers).
    days = pd.MultiIndex.from_arrays([cover["_o"], cover["name"].astype(str), pd.to_datetime(cover["date"])])
    rows = pd.MultiIndex.from_arrays(
        [
            each_office(ctx.registers["signin"], f),
            f["name"].astype(str),
            f["date"].dt.normalize(),
        ]
    )
    return pd.Series(rows.isin(days), index=f.index)
