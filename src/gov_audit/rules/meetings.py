"""Meetings and periodic duties: the leading group's rhythm, forums, petition meetings,
the two-thirds vote and the three meetings of a major matter, yearly inspections,
trainings and policy interpretations."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

import numpy as np
import pandas as pd

from . import register
from .base import (
    Context,
    Example,
    ParameterError,
    Rule,
    each_office,
    empty_findings,
    extra_fields,
    findings_from,
    first_present,
    name_offices,
)
from .periods import office_periods, period_label

PERIOD_ZH = {"week": "每周", "month": "每月", "quarter": "每季度", "half": "每半年", "year": "每年"}
PERIOD_EN = {"week": "week", "month": "month", "quarter": "quarter", "half": "half-year", "year": "year"}
PERIODS = tuple(PERIOD_ZH)


class PeriodicDuty(Rule):
    """Base: at least ``per_period`` records of a kind in each period wholly inside the range.

    A kind is recognised by any of the ``words`` in the 会议类型 cell (a rulebook parameter,
    so an office's own name for it can be added).  ``only`` keeps one period of each year
    (“Q1”: a duty due at the start of the year); ``per_dept`` judges each section on its
    own (the sections of the 人员名册, and any named on the duty's rows).
    """

    register = "meetings"
    kind = "periodic"
    batched = True  # (short_periods judges each office on its own periods and sections)
    needs = ("date", "kind")
    words: ClassVar[tuple[str, ...]] = ()
    what_zh: ClassVar[str] = ""
    period: ClassVar[str] = "month"
    only: ClassVar[str] = ""
    per_dept: ClassVar[bool] = False
    subject: ClassVar[str] = "局领导"
    fields = {"count": "int", "need": "int", "duty": "text"}  # held in the period, the minimum, which duty
    message_zh = "{period}：{who_zh}{what_zh} {count} 次，少于规定的 {need} 次"
    message_en = "{period}: {who_en}{count} × {what_en}, fewer than the {need} required"

    @classmethod
    def message_fields(cls, f: dict, lang: str) -> dict:
        parts = extra_fields(f)
        duty = parts.get("duty")
        dept = f.get("dept") or ""
        return {
            **parts,
            "what_zh": duty or cls.what_zh,
            "what_en": duty or cls.title_en.lower(),
            "who_zh": f"{dept} " if dept else "",
            "who_en": f"{dept}: " if dept else "",
        }

    def select(self, ctx: Context, f: pd.DataFrame) -> pd.Series:
        return kind_matches(f["kind"], ctx.params.get("words", self.words))

    def check(self, ctx: Context) -> pd.DataFrame:
        f = dated_meetings(ctx, self.needs)
        if f.empty:
            return empty_findings()
        return short_periods(
            ctx,
            self,
            f,
            self.select(ctx, f),
            period=self.period,
            need=ctx.params["per_period"],
            only=self.only,
            per_dept=self.per_dept,
            subject=self.subject,
            labels=meeting_periods(ctx, self.needs, self.period),
        )


def dated_meetings(ctx: Context, needs: tuple[str, ...]) -> pd.DataFrame:
    """The meetings register's rows valid for ``needs`` and dated: the same for each of the
    18 periodic duties, so made once per audit (``ctx.cache``; the rules only read it)."""
    key = ("dated_meetings", id(ctx.registers["meetings"]), needs)
    if key not in ctx.cache:
        f = ctx.registers["meetings"].valid(needs)
        ctx.cache[key] = f[f["date"].notna()]
    return ctx.cache[key]


def meeting_periods(ctx: Context, needs: tuple[str, ...], period: str) -> pd.Series:
    """The label of the period of ``period`` kind each row of ``dated_meetings`` falls in."""
    key = ("meeting_periods", id(ctx.registers["meetings"]), needs, period)
    if key not in ctx.cache:
        f = dated_meetings(ctx, needs)
        ctx.cache[key] = period_label(f["date"], period) if len(f) else pd.Series(dtype=object)
    return ctx.cache[key]


def kind_matches(kind: pd.Series, words) -> pd.Series:
    """Rows whose 会议类型 contains any of ``words`` (literal text, not patterns).

    Judged once per distinct 会议类型 (a register holds a few dozen kinds) and spread back
    to the rows: 22 rules ask this of the same column."""
    words = [w for w in words if w]
    if not words:
        return pd.Series(False, index=kind.index)
    codes, kinds = pd.factorize(kind, use_na_sentinel=True)
    # (a blank 会议类型, code −1, reads the appended False: it names no kind)
    hit = np.array([any(w in str(k) for w in words) for k in kinds] + [False], dtype=bool)
    return pd.Series(hit[codes], index=kind.index, copy=False)


def _idle_weeks(ctx: Context, starts: pd.Series) -> np.ndarray:
    """Weeks with no working day at all (a whole week of holiday): nothing is due in them."""
    if starts.empty:
        return np.zeros(0, dtype=bool)
    days = starts.to_numpy(dtype="datetime64[D]")[:, None] + np.arange(7)
    work = np.asarray(ctx.calendar.is_workday(days.ravel())).reshape(days.shape)
    return np.asarray(~work.any(axis=1), dtype=bool)


def short_periods(
    ctx: Context,
    rule: Rule,
    f: pd.DataFrame,
    held: pd.Series,
    *,
    period: str,
    need: int,
    only: str = "",
    per_dept: bool = False,
    subject: str = "局领导",
    duty: str | None = None,
    labels: pd.Series | None = None,
) -> pd.DataFrame:
    """One finding per period (per section when ``per_dept``) with fewer than ``need`` rows ``held``.

    ``labels``, when given, is each row of ``f``'s period label (``period_label``), made
    once for the duties that share ``f``.

    The periods judged lie wholly inside the audited range, from the period of the
    register's first date on (a register says nothing of the time before it); one ending
    on the as-of day is a warning, not yet a breach.

    When the register holds several offices' rows (``office_codes``), each office is
    judged on its own periods (from its own first date) and sections, and each finding
    names its office in ``_office`` (a missing period cites no row to tell it by)."""
    if f.empty:
        return empty_findings()
    data = ctx.registers[rule.register]
    office = each_office(data, f)
    grid = _office_grid(ctx, f, office, period)
    if only:
        grid = grid[grid["label"].str.endswith(only)]
    if period == "week" and not grid.empty:
        grid = grid[~_idle_weeks(ctx, grid["start"])]
    if grid.empty:
        return empty_findings()
    grid = grid.reset_index(drop=True)
    periods = pd.Index(grid["label"].unique())
    held_a = held.to_numpy(dtype=bool)
    if labels is None:
        labels = period_label(f["date"], period)
    row_period = periods.get_indexer(labels.to_numpy()[held_a])
    row_office = office[held_a]
    if per_dept:
        grid, units = _unit_grid(ctx, f, held_a, office, grid)
        if grid.empty:
            return empty_findings()
        row_unit = pd.Index(units).get_indexer(f["dept"][held_a].astype(str).to_numpy())
        grid_unit = pd.Index(units).get_indexer(grid["unit"])
    else:
        grid["unit"] = None
        units = [""]  # (one unit: the office)
        row_unit, grid_unit = np.zeros(len(row_period), dtype=np.int64), np.zeros(len(grid), dtype=np.int64)
    grid_period = periods.get_indexer(grid["label"])
    # A cell is (office, period, unit) as one integer; a row outside every cell counts nowhere.
    cells = (grid["_o"].to_numpy() * len(periods) + grid_period) * len(units) + grid_unit
    inside = (row_period >= 0) & (row_unit >= 0)
    row_cells = (row_office[inside] * len(periods) + row_period[inside]) * len(units) + row_unit[inside]
    at = pd.Index(cells).get_indexer(row_cells)
    grid["n"] = np.bincount(at[at >= 0], minlength=len(grid)).astype(np.int64)
    short = grid[grid["n"] < need].reset_index(drop=True)
    key = short["label"] if not per_dept else short["unit"] + " " + short["label"]
    if duty:
        key = duty + " " + key
    # A period ending on the as-of day still has that day: short of the minimum, it is a
    # warning (due soon), as an open item due today is in the deadline rules.
    found = findings_from(
        short,
        rule,
        status=np.where(short["end"] >= ctx.as_of, "due_soon", "missing"),
        key=key,
        period=short["label"],
        date=short["end"],
        due=short["end"],
        subject=short["unit"] if per_dept else subject,
        dept=short["unit"] if per_dept else None,
        fields={"count": short["n"], "need": need, "duty": duty},
    )
    return name_offices(found, data, short["_o"])


def _office_grid(ctx: Context, f: pd.DataFrame, office: np.ndarray, period: str) -> pd.DataFrame:
    """Each office's whole periods of ``period`` from its first date in ``f`` (``office_periods``).

    The 18 duties ask this of the same rows for five kinds of period: made once per rows
    and kind (``ctx.cache``, holding the rows, so their identity names them)."""
    key = ("office_grid", id(f), period)
    held = ctx.cache.get(key)
    if held is not None and held[0] is f:
        return held[1]
    firsts = pd.Series(f["date"].to_numpy()).groupby(office, sort=True).min()
    grid = office_periods(ctx, period, firsts)
    ctx.cache[key] = (f, grid)
    return grid


def _unit_grid(
    ctx: Context, f: pd.DataFrame, held: np.ndarray, office: np.ndarray, grid: pd.DataFrame
) -> tuple[pd.DataFrame, list[str]]:
    """Each office's periods crossed with its sections (the ``dept`` of its rows ``held``
    and of its 人员名册), periods first, then sections in order; and every section named."""
    rows = f[held]
    parts = [pd.DataFrame({"_o": office[held], "unit": rows["dept"].to_numpy()})]
    staff = ctx.registers.get("staff")
    if staff is not None and "dept" in staff.frame:
        parts.append(pd.DataFrame({"_o": each_office(staff, staff.frame), "unit": staff.frame["dept"].to_numpy()}))
    named = pd.concat(parts, ignore_index=True).dropna(subset=["unit"])
    named["unit"] = named["unit"].astype(str)
    named = named[named["unit"].str.strip() != ""].drop_duplicates()
    units = sorted(set(named["unit"]))
    named["_u"] = pd.Index(units).get_indexer(named["unit"])
    grid = grid.reset_index(names="_p").merge(named, on="_o", how="inner")
    grid = grid.sort_values(["_o", "_p", "_u"], kind="stable").drop(columns=["_p", "_u"]).reset_index(drop=True)
    return grid, units


@dataclass(frozen=True)
class Duty:
    """One periodic duty of the catalog: what is counted, per which period, and why."""

    id: str
    title_zh: str
    title_en: str
    what_zh: str
    words: tuple[str, ...]
    period: str
    citation: str
    quote: str  # the clause, quoted
    per_period: int = 1
    reading: str = ""  # the interpretation, where the clause needs one
    only: str = ""
    per_dept: bool = False
    subject: str = "局领导"
    examples: tuple[Example, ...] = ()
    obligations: tuple[str, ...] = ()


# The catalog of periodic duties judged against the meetings/activities register.  Each
# entry is a rule (its ID stable); ``[rules.ID] words`` adds an office's own names for a
# kind and ``per_period`` its minimum, and MTG099 takes duties the catalog lacks.
PERIODIC_DUTIES: tuple[Duty, ...] = (
    Duty(
        "MTG001",
        "政务公开领导小组当月未召开会议",
        "Leading-group meetings",
        "政务公开领导小组会议",
        ("领导小组",),
        "month",
        "000 (二)2",
        "领导小组应每月召开一次会议，讨论决定近期应披露的内容",
        examples=(
            Example(
                "pass",
                ({"会议日期": "2026-07-08"}, {"会议日期": "2026-08-12"}, {"会议日期": "2026-09-08"}),
                as_of="2026-09-30",
            ),
            Example(
                "fail",
                ({"会议日期": "2026-07-08"}, {"会议日期": "2026-09-08"}),
                as_of="2026-09-30",
                expect=({"status": "missing", "period": "2026-08"},),
            ),
        ),
        obligations=("O005",),
    ),
    Duty(
        "MTG002",
        "当季度未召开政务监督员座谈会",
        "Supervisors' forums",
        "政务监督员座谈会",
        ("座谈",),
        "quarter",
        "000 (四)3",
        "各级人口和计划生育部门应聘请政务监督员，每季度召开一次座谈会征求意见",
        examples=(
            Example("pass", ({"会议日期": "2026-04-15"}, {"会议日期": "2026-08-20"}), as_of="2026-09-30"),
            Example(
                "fail",
                ({"会议日期": "2026-02-10"}, {"会议日期": "2026-08-20"}),
                "none in the second quarter",
                as_of="2026-09-30",
                expect=({"status": "missing", "due": "2026-06-30"},),
            ),
        ),
        obligations=("O009",),
    ),
    Duty(
        "MTG003",
        "半年内未召开信访工作例会",
        "Petition work meetings",
        "信访工作例会",
        ("信访例会",),
        "half",
        "003 篇3 五",
        "人口計生局每半年召開一次人口計生信訪工作例會",
        subject="局领导",
    ),
    Duty(
        "MTG006",
        "全年明察暗访少于2次",
        "Unannounced inspections",
        "明察暗访",
        ("暗访",),
        "year",
        "001 ㈢; 000 (八)2",
        "每年组织两次以上明察暗访; 000 (八)2 “采取定期和不定期检查与暗访相结合的方法”",
        per_period=2,
        obligations=("O017", "O028"),
    ),
    Duty(
        "MTG007",
        "全年信访业务培训少于2次",
        "Petition trainings",
        "信访业务培训",
        ("培训",),
        "year",
        "003 篇3 三",
        "通過每年不少于2次對鄉鎮街道信訪工作人員的法律法規知識培訓和業務培訓",
        per_period=2,
        reading="trainings only.  004 四 (“每年开展1-2次全面性检查”) is the yearly comprehensive "
        "inspection of 政务公开, a different duty judged by MTG018.",
        obligations=("O098",),
    ),
    Duty(
        "MTG010",
        "当月考勤情况未统计公布",
        "Monthly attendance statistics posted",
        "考勤统计公布",
        ("考勤公布", "考勤统计", "考勤通报"),
        "month",
        "003 考勤制度 4",
        "負責考勤的同志必須認真負責、堅持原則，每月統計匯總公布一次",
        subject="综合股",
        obligations=("O057",),
    ),
    Duty(
        "MTG011",
        "当月收支报表未送单位负责人审阅",
        "Monthly income and expenditure report to the head",
        "收支报表送审",
        ("收支报表", "收支报告", "财务报表"),
        "month",
        "003 財務管理制度 8",
        "財務人員每月報帳后，應把本月的收支報表送單位負責人審閱",
        subject="财务人员",
        obligations=("O082",),
    ),
    Duty(
        "MTG012",
        "股室当月未报工作小结和下月计划",
        "Monthly section summary and next month's plan",
        "月工作小结及下月计划",
        ("月度小结", "工作小结", "月工作总结", "月度总结"),
        "month",
        "003 工作與督查制度 5",
        "各股（站、隊）負責人每月月底要把當月股（站、隊）工作開展情況和領導交辦事項完成情況進行小結，"
        "并提出下個月工作計劃，報分管領導審閱",
        per_dept=True,
        reading="each section on its own: the sections are those of the 人员名册 and any named on "
        "the summaries' rows (the 部门 column); a summary filed in the next month's first days still "
        "counts for the month it is dated in, so date it by the month it reports.",
        obligations=("O088",),
    ),
    Duty(
        "MTG013",
        "当月未召开局长办公会议",
        "Director's office meeting",
        "局长办公会议",
        ("局长办公会",),
        "month",
        "003 議事辦公制度 2",
        "局長辦公會議……每月召開一次或根據工作需要召開",
        reading="“或根據工作需要召開” allows more, not fewer: one a month is the minimum; an office "
        "that meets as needed instead sets ``per_period = 0`` or disables the rule.",
        obligations=("O070",),
    ),
    Duty(
        "MTG014",
        "当周未组织集中学习",
        "Weekly collective study",
        "集中学习",
        ("集中学习", "政治学习", "理论学习"),
        "week",
        "003 學習制度 2–3",
        "堅持每周一晚上安排集中學習……集中學習一般由局綜合股負責組織和考勤",
        subject="综合股",
        reading="each ISO week (Monday to Sunday) needs one session; a week with no working day at all "
        "(a whole week of holiday) is not judged.  The day of the week is not checked: a study moved "
        "off a Monday holiday still counts.  Absence from a session is LEV007's.",
        obligations=("O068",),
    ),
    Duty(
        "MTG015",
        "股室当周无工作安排和讲评",
        "Weekly section work plan and review",
        "周工作安排及讲评",
        ("周工作安排", "周安排", "周讲评", "周工作讲评"),
        "week",
        "003 工作與督查制度 3",
        "各股（站、隊）日常工作由股（站、隊）負責人負責，做到周一有安排，周末有講評",
        per_dept=True,
        reading="each section, each week with a working day: at least one record (the Monday plan; "
        "its weekend review may share the row).",
        obligations=("O086",),
    ),
    Duty(
        "MTG016",
        "全年未征求人大代表、政协委员意见",
        "NPC deputies' and CPPCC members' opinions sought",
        "征求人大代表政协委员意见",
        ("人大", "政协"),
        "year",
        "000 (四)1",
        "各级人口和计划生育部门，每年要采取多种形式征求NPC代表和CPPCC委员的意见和建议",
        obligations=("O008",),
    ),
    Duty(
        "MTG017",
        "半年内未对乡镇信访工作考核",
        "Half-yearly assessment of townships' petition work",
        "乡镇信访工作考核",
        ("信访考核", "信访工作考核"),
        "half",
        "003 篇3 二",
        "一年兩次對鄉鎮街道實行考核",
        obligations=("O097",),
    ),
    Duty(
        "MTG018",
        "全年未开展政务公开全面性检查",
        "Yearly comprehensive inspection of 政务公开",
        "政务公开全面性检查",
        ("全面检查", "全面性检查", "综合检查", "检查"),
        "year",
        "004 四",
        "落实专人负责监督，每年开展1-2次全面性检查",
        reading="“1-2次” sets the minimum at one; a record of kind 检查 counts (明察暗访 does not: "
        "it is MTG006's unannounced visits).",
        obligations=("O111",),
    ),
    Duty(
        "MTG019",
        "全年未进行政务公开年度评估",
        "Annual 政务公开 evaluation",
        "政务公开年度评估",
        ("年度评估", "评估"),
        "year",
        "000 (八)1",
        "各级人口和计划生育政务公开领导小组应按照《评估标准》的要求，对政务公开工作进行年度评估，排定评估排名，写出评估报告",
        obligations=("O016",),
    ),
    Duty(
        "MTG020",
        "上一年度档案未在年初整理归档",
        "Previous year's archive filed at the start of the year",
        "上年度档案整理归档",
        ("档案归档", "归档", "档案整理"),
        "quarter",
        "003 文秘工作制度 3",
        "每年年初要對上一年度的檔案材料進行整理歸檔，編寫檔案目錄",
        only="Q1",
        subject="综合股",
        reading="“年初” is read as the first quarter: the filing must be dated by 31 March.",
        obligations=("O091",),
    ),
    Duty(
        "MTG022",
        "未定期清理审查不予公开的信息",
        "Withheld information reviewed periodically",
        "不予公开信息清理审查",
        ("不予公开信息清理", "公开属性审查", "不予公开清理"),
        "year",
        "002 (十二)2",
        "目標法制科要對照“五公開”要求，定期對本單位不予公開的信息以及依申請公開較為集中的信息進行全面清理審查",
        subject="目标法制科",
        reading="the clause says “定期” without a period: once a year is assumed (``[rules.MTG022]`` "
        "may set another minimum; the period is a year).",
        obligations=("O047",),
    ),
)

_EXAMPLE_DATES = {
    # period → (as-of, one date in each of three consecutive periods, the label of the middle one)
    "week": ("2026-09-20", ("2026-08-31", "2026-09-07", "2026-09-14"), "2026-W37", "2026-09-13"),
    "month": ("2026-09-30", ("2026-07-08", "2026-08-12", "2026-09-08"), "2026-08", "2026-08-31"),
    "quarter": ("2026-09-30", ("2026-02-10", "2026-05-12", "2026-08-11"), "2026Q2", "2026-06-30"),
    "half": ("2026-06-30", ("2025-03-10", "2025-09-10", "2026-03-10"), "2025H2", "2025-12-31"),
    "year": ("2025-12-31", ("2023-05-10", "2024-05-10", "2025-05-10"), "2024", "2024-12-31"),
}


def _duty_examples(d: Duty) -> tuple[Example, ...]:
    """A passing and a failing case built from the duty's period (the middle period left empty)."""
    if d.examples:
        return d.examples
    as_of, dates, label, due = _EXAMPLE_DATES[d.period]
    if d.only == "Q1":
        return (
            Example("pass", ({"会议日期": "2025-02-20"}, {"会议日期": "2026-03-05"}), as_of="2026-06-30"),
            Example(
                "fail",
                ({"会议日期": "2025-02-20"}, {"会议日期": "2026-04-20"}),
                "2025's archive filed in April",
                as_of="2026-06-30",
                expect=({"status": "missing", "period": "2026Q1", "due": "2026-03-31"},),
            ),
        )

    def rows(ds: tuple[str, ...]) -> tuple[dict[str, Any], ...]:
        return tuple({"会议日期": x} for x in ds for _ in range(d.per_period))

    missing = {"status": "missing", "period": label, "due": due}
    if d.per_dept:
        missing["subject"] = "综合股"
    fail_rows = rows((dates[0], dates[2]))
    if d.per_period > 1:
        fail_rows += ({"会议日期": dates[1]},)
    return (
        Example("pass", rows(dates), as_of=as_of),
        Example(
            "fail",
            fail_rows,
            f"{d.per_period - 1 or 'none'} in {label}" if d.per_period > 1 else f"none in {label}",
            as_of=as_of,
            expect=(missing,),
        ),
    )


def _duty_doc(d: Duty) -> str:
    many = f"at least {d.per_period}" if d.per_period > 1 else "one"
    where = "for each section (部门), " if d.per_dept else ""
    span = "each year's first quarter" if d.only == "Q1" else f"each {PERIOD_EN[d.period]}"
    text = (
        f"{d.title_en}: {where}{many} in {span}. {d.title_zh}。\n\n"
        f"Checks the meetings/activities register: {where}{span} lying wholly inside the audited "
        f"range (from the register's first date on) must have {many} record(s) whose 会议类型 names "
        f"{' / '.join(d.words)} (``words``).\n\n"
        f"Clause: {d.citation} “{d.quote}”."
    )
    if d.reading:
        text += f"\n\nInterpretation: {d.reading}"
    return text + f"\n\nDefaults: per_period = {d.per_period}, words = {list(d.words)}."


def _duty_rule(d: Duty) -> type[PeriodicDuty]:
    attrs = {
        "__doc__": _duty_doc(d),
        "__module__": __name__,
        "id": d.id,
        "title_zh": d.title_zh,
        "title_en": d.title_en,
        "citation": d.citation,
        "what_zh": d.what_zh,
        "words": d.words,
        "period": d.period,
        "only": d.only,
        "per_dept": d.per_dept,
        "subject": d.subject,
        "params": {"per_period": d.per_period, "words": list(d.words)},
        "example_base": {"会议日期": "2026-07-08", "会议类型": d.words[0], "部门": "综合股"},
        "examples": _duty_examples(d),
        "obligations": d.obligations,
    }
    if d.per_dept:
        attrs["needs"] = ("date", "kind", "dept")
    return type(d.id, (PeriodicDuty,), attrs)


for _duty in PERIODIC_DUTIES:
    register(_duty_rule(_duty))


@register
class MTG099(Rule):
    """An office-defined periodic duty not met in a period. 本单位自定的定期工作未按期开展。

    The catalog above holds the duties of the five regulations; an office's own ones (a
    county notice, a local rule) are declared in the rulebook and judged the same way:
    at least ``per_period`` records of the kind in each period wholly inside the range.

    ```toml
    [rules.MTG099]
    duties = [
      { name = "消防安全检查", words = ["消防"], period = "quarter", per_period = 1, clause = "县安委〔2026〕3号" },
    ]
    ```

    ``period`` is one of week, month, quarter, half, year; ``per_dept = true`` judges each
    section.  A malformed entry is a rulebook error (exit 2), never skipped silently.

    Clause: the office's own, named by each entry's ``clause``; the counting is that of
    the catalog's duties (e.g. 000 (二)2 “领导小组应每月召开一次会议”).

    Defaults: duties = [] (none).
    """

    id = "MTG099"
    batched = True
    title_zh = "本单位自定的定期工作未按期开展"
    title_en = "Office-defined periodic duty"
    citation = "本单位规定 (rulebook)"
    register = "meetings"
    kind = "periodic"
    needs = ("date", "kind")
    params: ClassVar[dict[str, Any]] = {"duties": []}
    fields = PeriodicDuty.fields
    message_zh = PeriodicDuty.message_zh
    message_en = PeriodicDuty.message_en
    message_fields = PeriodicDuty.message_fields
    what_zh = ""
    example_base = {"会议日期": "2026-04-10", "会议类型": "消防安全检查"}
    _DUTY = {"name": "消防安全检查", "words": ["消防"], "period": "quarter", "per_period": 1}
    examples = (
        Example(
            "pass",
            ({"会议日期": "2026-04-10"}, {"会议日期": "2026-08-10"}),
            as_of="2026-09-30",
            params={"duties": [_DUTY]},
        ),
        Example(
            "fail",
            ({"会议日期": "2026-02-10"}, {"会议日期": "2026-08-10"}),
            "no fire-safety check in the second quarter",
            as_of="2026-09-30",
            params={"duties": [_DUTY]},
            expect=({"status": "missing", "period": "2026Q2"},),
        ),
    )

    def check(self, ctx: Context) -> pd.DataFrame:
        duties = [_office_duty(i, d) for i, d in enumerate(ctx.params["duties"])]
        f = ctx.registers["meetings"].valid(self.needs)
        f = f[f["date"].notna()]
        if f.empty or not duties:
            return empty_findings()
        out = [
            short_periods(
                ctx,
                self,
                f,
                kind_matches(f["kind"], d["words"]),
                period=d["period"],
                need=d["per_period"],
                per_dept=d["per_dept"],
                subject=d["subject"],
                duty=d["name"],
            )
            for d in duties
        ]
        return pd.concat(out, ignore_index=True)


def _office_duty(i: int, d: Any) -> dict[str, Any]:
    """One ``[rules.MTG099] duties`` entry, checked: a bad one is the office's to fix."""
    where = f"[rules.MTG099] duties[{i}]"
    if not isinstance(d, dict):
        raise ParameterError(f"{where}: 应为表 {{name = …, words = […], period = …}} (expected a table)")
    unknown = set(d) - {"name", "words", "period", "per_period", "per_dept", "clause", "subject"}
    if unknown:
        raise ParameterError(f"{where}: 未知参数 (unknown key) {sorted(unknown)[0]}")
    name, words, period = d.get("name"), d.get("words"), d.get("period")
    if not isinstance(name, str) or not name.strip():
        raise ParameterError(f"{where}.name: 缺少名称 (a name is required)")
    if isinstance(words, str):
        words = [words]
    if not isinstance(words, list) or not words or not all(isinstance(w, str) and w for w in words):
        raise ParameterError(f"{where}.words: 应为非空文本列表 (a list of words is required)")
    if period not in PERIODS:
        raise ParameterError(f"{where}.period: {period!r} 不是 (is not one of) {', '.join(PERIODS)}")
    per = d.get("per_period", 1)
    if not isinstance(per, int) or isinstance(per, bool) or per < 0:
        raise ParameterError(f"{where}.per_period: 应为非负整数 (a whole number ≥ 0)")
    return {
        "name": name.strip(),
        "words": words,
        "period": period,
        "per_period": per,
        "per_dept": bool(d.get("per_dept", False)),
        "subject": str(d.get("subject", "局领导")),
    }


MEETING_EXAMPLE = {
    "会议日期": "2026-06-10",
    "会议类型": "决议会",
    "议题": "M-1",
    "应到人数": 9,
    "同意人数": 6,
    "重大事项": "是",
}


@register
class MTG008(PeriodicDuty):
    """A year in which the principal leader interpreted fewer than 2 policies. 主要负责人解读政策少于2次。

    Checks the meetings register: each calendar year lying wholly inside the audited
    range must have at least ``per_period`` records of kind 政策解读 whose 解读人 is the
    principal leader — a title in ``principal_titles`` without 副 (deputy).

    Clause: 002 (七)2 “行政机关主要负责人是‘第一解读人和责任人’……每年解读重要政策措施不少于2次”.

    Interpretation: the principal leader is recognised by title (局长, 主任, 书记, 主要负责人)
    in the 解读人 cell; a deputy's interpretation does not count.
    Defaults: per_period = 2, principal_titles = ["局长", "主任", "主要负责人", "书记"].
    """

    id = "MTG008"
    obligations = ("O040",)
    feeds = {"dept_score": "leaders"}
    example_base = {"会议日期": "2025-05-20", "会议类型": "政策解读", "主持人": "郑建国（局长）"}
    examples = (
        Example("pass", ({"会议日期": "2025-05-20"}, {"会议日期": "2025-11-03"}), as_of="2026-01-05"),
        Example(
            "fail",
            ({"会议日期": "2025-05-20"}, {"会议日期": "2025-11-03", "主持人": "刘晓梅（副局长）"}),
            "a deputy's interpretation does not count",
            as_of="2026-01-05",
            expect=({"status": "missing", "due": "2025-12-31"},),
        ),
    )
    title_zh = "主要负责人全年解读政策少于2次"
    title_en = "Policy interpretations by the principal leader"
    citation = "002 (七)2"
    words = ("解读",)
    what_zh = "主要负责人政策解读"
    period = "year"
    params = {"per_period": 2, "principal_titles": ["局长", "主任", "主要负责人", "书记"]}

    def select(self, ctx: Context, f: pd.DataFrame) -> pd.Series:
        leader = f["leader"].fillna("").astype(str)
        principal = leader.str.contains("|".join(ctx.params["principal_titles"])) & ~leader.str.contains("副")
        return super().select(ctx, f) & principal


@register
class MTG004(Rule):
    """A major matter passed with fewer than 2/3 of members in favour. 重大事项表决不足三分之二。

    Checks every meeting record with both 应到人数 and 同意人数 that decides a major matter
    (重大事项 是, or a 决议会): the votes in favour must be at least ``share`` of the
    members.

    Clause: 000 (二)2 “会议讨论通过重大事项时，政务公开领导小组三分之二成员必须同意”.

    Interpretation: two thirds of the members, not of those present; 6 of 9 passes
    exactly (“三分之二成员必须同意”: two thirds is enough).  The clause speaks of major
    matters only: a meeting marked 重大事项 = 是 is judged, and so is a 决议会 whose
    重大事项 cell is blank (the 决议会 is the last step of the major-matter procedure,
    MTG005); a 决议会 recorded as 重大事项 = 否 decides an ordinary matter and is not.
    Defaults: share = 0.6667 (compared as votes × 3 ≥ members × 2 at the default).
    """

    id = "MTG004"
    batched = True
    obligations = ("O006",)
    example_base = MEETING_EXAMPLE
    examples = (
        Example("pass", ({"同意人数": 6},), "6 of 9 is two thirds"),
        Example("fail", ({"同意人数": 5},), expect=({"status": "violation"},)),
        Example("pass", ({"同意人数": 5, "重大事项": "否"},), "a 决议会 on an ordinary matter"),
        Example(
            "fail",
            ({"同意人数": 5, "重大事项": None},),
            "a 决议会 with 重大事项 blank is judged",
            expect=({"status": "violation"},),
        ),
    )
    title_zh = "重大事项同意人数不足成员三分之二"
    title_en = "Major matter passed without a two-thirds majority"
    citation = "000 (二)2"
    register = "meetings"
    kind = "row"
    needs = ("date", "kind", "members", "votes_for", "major")
    requires_columns = ("members", "votes_for")
    params = {"share": 0.6667}
    fields = {"members": "int", "votes": "int", "meeting": "text", "share": "number"}
    message_zh = "{start} {meeting}：应到 {members} 人，同意 {votes} 人，不足{share_zh}"
    message_en = "{start} {meeting}: {votes} of {members} members in favour, under {share_en}"

    @classmethod
    def message_fields(cls, f: dict, lang: str) -> dict:
        parts = extra_fields(f)
        share = float(parts.get("share", 2 / 3) or 2 / 3)
        thirds = abs(share - 2 / 3) < 1e-3
        parts.update(
            share_zh="三分之二" if thirds else f"{share:.0%}", share_en="two thirds" if thirds else f"{share:.0%}"
        )
        return parts

    def check(self, ctx: Context) -> pd.DataFrame:
        f = ctx.registers["meetings"].valid(self.needs)
        said_no = f["_given_major"].astype(bool) & ~f["major"].astype(bool) if "_given_major" in f else False
        deciding = f["major"] | (f["kind"].fillna("").astype(str).str.contains("决议") & ~said_no)
        f = f[deciding & f["members"].notna() & f["votes_for"].notna() & (f["members"] > 0)]
        share = ctx.params["share"]
        # Exact thirds at the default: 6 × 3 = 18 ≥ 9 × 2.
        enough = (
            (f["votes_for"] * 3 >= f["members"] * 2)
            if abs(share - 2 / 3) < 1e-3
            else (f["votes_for"] >= f["members"] * share)
        )
        sel = f[~enough]
        fields = {
            "members": sel["members"],
            "votes": sel["votes_for"],
            "meeting": sel["matter"].fillna(sel["kind"]).astype(str),
            "share": share,
        }
        return findings_from(
            sel,
            self,
            status="violation",
            subject="政务公开领导小组",
            dept=None,
            key=sel["matter"].fillna(sel["_sheet"].astype(str) + "!" + sel["_row"].astype(str)),
            start=sel["date"],
            date=sel["date"],
            fields=fields,
        )


@register
class MTG005(Rule):
    """A major matter lacking 初审会, 审议会 or 决议会, or holding them out of order. 重大事项未经三次会议。

    Checks every major matter (any row of it with 重大事项 是), its meetings linked by
    ``议题``/``事项编号``: it must have an 初审会, an 审议会 and a 决议会, in that order.

    Clause: 000 (二)3 “各级政务公开的重要事项必须经过三次会议。即初审会、审议会、决议会做出决定，
    再进行公示”.

    Interpretation: meetings on the same day count as in order; a major row without a
    matter id cannot be linked to others and stands alone.  The finding points at the
    matter's last meeting row and names what is missing.
    """

    id = "MTG005"
    batched = True
    obligations = ("O007",)
    example_base = {"会议日期": "2026-09-01", "会议类型": "初审会", "议题": "ZD-01", "重大事项": "是"}
    examples = (
        Example(
            "pass",
            (
                {"会议日期": "2026-09-01", "会议类型": "初审会"},
                {"会议日期": "2026-09-08", "会议类型": "审议会"},
                {"会议日期": "2026-09-15", "会议类型": "决议会"},
            ),
        ),
        Example(
            "fail",
            ({"会议日期": "2026-09-01", "会议类型": "初审会"}, {"会议日期": "2026-09-15", "会议类型": "决议会"}),
            "审议会 missing",
            expect=({"status": "missing"},),
        ),
    )
    title_zh = "重大事项未经初审会、审议会、决议会三次会议"
    title_en = "Major matter without its three meetings in order"
    citation = "000 (二)3"
    register = "meetings"
    kind = "row"
    needs = ("date", "kind", "matter", "major")
    message_zh = "重大事项 {key}：{problem_zh}"
    message_en = "Major matter {key}: {problem_en}"
    fields = {"missing": "text"}  # the steps missing: indexes into STEPS, comma-separated
    STEPS = (
        ("初审", "初审会", "preliminary review"),
        ("审议", "审议会", "deliberation"),
        ("决议", "决议会", "resolution"),
    )

    @classmethod
    def message_fields(cls, f: dict, lang: str) -> dict:
        parts = extra_fields(f)
        missing = [i for i in parts.get("missing", "").split(",") if i]
        if missing:
            return {
                "problem_zh": "缺少" + "、".join(cls.STEPS[int(i)][1] for i in missing),
                "problem_en": "no " + ", ".join(cls.STEPS[int(i)][2] for i in missing),
            }
        return {
            "problem_zh": "三次会议顺序颠倒（应为初审会→审议会→决议会）",
            "problem_en": "the three meetings are out of order (review → deliberation → resolution)",
        }

    def check(self, ctx: Context) -> pd.DataFrame:
        f = ctx.registers["meetings"].valid(self.needs)
        f = f[f["date"].notna()].copy()
        f["_matter"] = f["matter"].where(f["matter"].notna(), "row " + f["_row"].astype(str))
        # A matter is one office's: with several offices' rows, the office comes first in every key.
        f["_o"] = each_office(ctx.registers["meetings"], f)
        major = f.groupby(["_o", "_matter"])["major"].transform("max").astype(bool)
        f = f[major]
        if f.empty:
            return empty_findings()
        kind = f["kind"].fillna("").astype(str)
        step = np.select([kind.str.contains(w) for w, _, _ in self.STEPS], [0, 1, 2], -1)
        f = f.assign(_step=step)
        first = f[f["_step"] >= 0].pivot_table(index=["_o", "_matter"], columns="_step", values="date", aggfunc="min")
        for s in (0, 1, 2):
            if s not in first.columns:
                first[s] = pd.NaT
        matters = f[["_o", "_matter"]].drop_duplicates().sort_values(["_o", "_matter"])
        first = first.reindex(pd.MultiIndex.from_frame(matters))
        missing = first[[0, 1, 2]].isna()
        order_bad = (first[0] > first[1]) | (first[1] > first[2])
        bad = missing.any(axis=1) | order_bad
        last_rows = f.sort_values(["_o", "date", "_row"]).groupby(["_o", "_matter"]).tail(1)
        last_rows = last_rows.set_index(["_o", "_matter"])
        sel_keys = first.index[bad.to_numpy()]
        if not len(sel_keys):
            return empty_findings()
        sel = last_rows.loc[sel_keys].reset_index()
        miss_txt = missing.loc[sel_keys].apply(lambda r: ",".join(str(i) for i in (0, 1, 2) if r[i]), axis=1)
        return findings_from(
            sel,
            self,
            status="missing",
            subject="政务公开领导小组",
            dept=None,
            key=sel["_matter"],
            start=sel["date"],
            date=sel["date"],
            fields={"missing": miss_txt.to_numpy()},
        )


@register
class MTG009(Rule):
    """A cross-section activity held without its plan approved beforehand. 跨股室活动方案未事先报批。

    Checks every activity whose 会议类型 names a cross-section activity (``words``): its
    方案审批日期 must be on or before the activity's date.  No approval date is a missing
    approval; an approval after the activity, a late one.

    Clause: 003 請示匯報制度 3 “需要其他股（站、隊）配合開展工作，主辦股（站、隊）應事先提出活動方案，
    經局分管領導同意并報告局長，后進行安排”.

    Interpretation: approval on the activity's own day counts as beforehand (the clause
    asks that the plan precede the arrangements, and a register keeps only the day).

    Defaults: words = ["跨股室", "联合活动", "协同"].
    """

    id = "MTG009"
    batched = True
    obligations = ("O069",)
    title_zh = "跨股室活动方案未经分管领导事先同意"
    title_en = "Cross-section activity without its plan approved beforehand"
    citation = "003 請示匯報制度 3"
    register = "meetings"
    kind = "row"
    needs = ("date", "kind", "plan_approved")
    requires_columns = ("plan_approved",)
    params = {"words": ["跨股室", "联合活动", "协同"]}
    message_zh = "{start} {key}：活动方案{problem_zh}"
    message_en = "{start} {key}: the activity plan {problem_en}"
    example_base = {
        "会议日期": "2026-09-15",
        "会议类型": "跨股室活动",
        "议题": "世界人口日宣传",
        "方案审批日期": "2026-09-10",
    }
    examples = (
        Example("pass", ({},)),
        Example("fail", ({"方案审批日期": None},), "no approval", expect=({"status": "missing"},)),
        Example(
            "fail",
            ({"方案审批日期": "2026-09-16"},),
            "approved the day after",
            expect=({"status": "late", "due": "2026-09-15", "late_by": "1 d"},),
        ),
    )

    @classmethod
    def message_fields(cls, f: dict, lang: str) -> dict:
        if f.get("status") == "missing":
            return {"problem_zh": "未经分管领导同意", "problem_en": "was never approved"}
        return {
            "problem_zh": f"于 {f.get('done')} 才经同意（活动之后）",
            "problem_en": f"was approved only on {f.get('done')}",
        }

    def check(self, ctx: Context) -> pd.DataFrame:
        f = ctx.registers["meetings"].valid(self.needs)
        f = f[f["date"].notna() & kind_matches(f["kind"], ctx.params["words"])]
        approved = f["plan_approved"]
        bad = f[approved.isna() | (approved > f["date"])]
        if bad.empty:
            return empty_findings()
        approved = approved.loc[bad.index]
        late_by = (approved - bad["date"]).dt.days
        return findings_from(
            bad,
            self,
            status=np.where(approved.isna(), "missing", "late"),
            key=first_present(bad["matter"], bad["kind"]),
            subject=first_present(bad["dept"], pd.Series("主办股室", index=bad.index)),
            dept=bad["dept"],
            start=bad["date"],
            due=bad["date"],
            done=approved,
            late_by=late_by.where(approved.notna()),
            late_unit=approved.notna().map({True: "d", False: None}),
            date=bad["date"],
        )
