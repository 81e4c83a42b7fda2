"""Disclosure 政务公开: publication deadlines by category, periodic items, long-term
items, unpublished items, and the portal's weekly upkeep.

Every disclosure row gets one due date from its category (``due_dates``, computed once
per audit):

===========================  ===================================================  =========
category (公开类别)           due                                                  rule
===========================  ===================================================  =========
动态 · 随时 · 即时            ``dynamic_days`` (3) days after completion (legal      DIS001
                             counting: a last day on a rest day rolls)
发文 marked 此件公开发布       the day it was issued (``same_day_days`` = 0)           DIS002
按月 · 按季 · 按年 · 定期      ``periodic_wd`` (20) working days after formation;     DIS003
                             the period itself must have a publication: DIS004
长期                          ``proactive_wd`` (20) working days; then reviewed      DIS003
                             within ``review_months`` (12): DIS005
anything else (按批次, 发文)   ``proactive_wd`` (20) working days after formation     DIS003
===========================  ===================================================  =========

A published item later than its due date is ``late`` under its category's rule; an
unpublished one past its due date is DIS006 (``overdue``) whatever its category; an
unpublished one due within ``warn_wd`` working days is a ``due_soon`` warning under its
category's rule.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from . import register
from .base import (
    Context,
    Example,
    Rule,
    by_office,
    deadline_findings,
    each_office,
    empty_findings,
    extra_fields,
    finding_fields,
    findings_from,
    name_offices,
)
from .ladder import Ladder, Tier
from .periods import office_periods, parse_period, period_label, whole_periods

DYNAMIC = ("动态", "随时", "即时")
PERIODIC = {"按月": "month", "按季": "quarter", "按年": "year", "定期": None}
DISCLOSURE_PARAMS = {"dynamic_days": 3, "same_day_days": 0, "proactive_wd": 20, "periodic_wd": 20}


def due_dates(ctx: Context) -> pd.DataFrame:
    """Each valid disclosure row with its deadline class (rule ID) and due date."""
    key = ("disclosure_due", id(ctx.registers.get("disclosures")))
    if key in ctx.cache:
        return ctx.cache[key]
    # Each deadline class takes its number from its own rule, whichever rule asks first.
    p = {k: ctx.params[k] for k in DISCLOSURE_PARAMS}  # the family's, the same for every rule asking
    f = ctx.registers["disclosures"].valid(("category", "formed", "published", "web_same_day"))
    cat = f["category"].fillna("").astype(str)
    formed = f["formed"].to_numpy(dtype="datetime64[D]")
    dynamic = cat.str.contains("|".join(DYNAMIC)).to_numpy()
    issued = (cat.str.contains("发文") & f["web_same_day"]).to_numpy()
    periodic = cat.str.contains("|".join(PERIODIC)).to_numpy()
    cal = ctx.calendar
    due = np.where(
        dynamic,
        cal.add_days(formed, p["dynamic_days"]),
        np.where(
            issued,
            formed + np.timedelta64(p["same_day_days"], "D"),
            cal.add_workdays(formed, np.where(periodic, p["periodic_wd"], p["proactive_wd"])),
        ),
    )
    rule = np.where(dynamic, "DIS001", np.where(issued, "DIS002", "DIS003"))
    out = f.assign(_due=pd.to_datetime(due), _rule=rule)
    ctx.cache[key] = out
    return out


class _DisclosureRule(Rule):
    register = "disclosures"
    needs = ("category", "formed", "published", "web_same_day")
    requires_columns = ("published",)
    params = DISCLOSURE_PARAMS
    # DIS001–DIS003 and DIS006 judge one set of due dates: the deadlines are the family's.
    family = "disclosure"
    family_params = tuple(DISCLOSURE_PARAMS)
    message_zh = "公开事项“{key}”：{start} 形成，应于 {due} 前公开{done_zh}"
    message_en = "Disclosure “{key}”: formed {start}, to be published by {due}{done_en}"
    unit = "d"

    def check(self, ctx: Context) -> pd.DataFrame:
        f = due_dates(ctx)
        f = f[f["_rule"] == self.id]
        found = deadline_findings(
            ctx,
            self,
            f,
            start=f["formed"],
            due=f["_due"],
            done=f["published"],
            unit=self.unit,
            key=f["item"],
            subject=f["dept"],
            dept=f["dept"],
        )
        # Unpublished and past due is DIS006's, whatever the category.
        return found[found["status"] != "overdue"].reset_index(drop=True)


DISCLOSURE_EXAMPLE = {
    "公开事项": "会议动态",
    "公开类别": "动态",
    "责任科室": "办公室",
    "形成日期": "2026-09-14",
    "公开日期": "2026-09-15",
    "所属期": None,
    "此件公开发布": None,
    "最后更新": None,
}


@register
class DIS001(_DisclosureRule):
    """Dynamic item not published within 3 days of completion. 动态信息公开超期。

    Checks disclosures of category 动态, 随时 or 即时: publication (``公开日期``) is due
    ``dynamic_days`` days after completion (``形成日期``), legally counted — a last day on
    a rest day or holiday rolls to the next working day.

    Clause: 000 (一)3 “动态公开内容应在完成后3天内公开”.

    Defaults: dynamic_days = 3 (and the family's same_day_days = 0, proactive_wd = 20,
    periodic_wd = 20).
    """

    id = "DIS001"
    batched = True
    obligations = ("O003", "O024", "O106")
    feeds = {"unit_accountability": "count"}
    example_base = DISCLOSURE_EXAMPLE
    examples = (
        Example("pass", ({"形成日期": "2026-09-29", "公开日期": "2026-10-08"},), "day 3 is 10-02, National Day: 10-08"),
        Example(
            "fail",
            ({"形成日期": "2026-09-14", "公开日期": "2026-09-18"},),
            expect=({"status": "late", "due": "2026-09-17", "late_by": "1 d"},),
        ),
    )
    title_zh = "动态信息未在完成后3日内公开"
    title_en = "Dynamic item not published within 3 days"
    citation = "000 (一)3; 000 (十)1(3); 001 ㈠ 三; 004 三"


@register
class DIS002(_DisclosureRule):
    """Document marked 此件公开发布 not on the portal the day it was issued. 公开发布文件未当日上网。

    Checks disclosures of category 发文 whose ``此件公开发布`` is 是: publication is due on
    the issuing day (``印发日期``) itself, plus ``same_day_days``.

    Clause: 002 (五)3 “可公开发布的公文，在印发时批注‘此件公开发布’字样” with same-day
    publication on the portal (rules.md DIS002).

    Interpretation: the issuing day is a fixed date, not a period: it does not roll.
    Defaults: same_day_days = 0 (and the family's dynamic_days = 3, proactive_wd = 20,
    periodic_wd = 20).
    """

    id = "DIS002"
    batched = True
    obligations = ("O035",)
    feeds = {"unit_accountability": "count"}
    example_base = {**DISCLOSURE_EXAMPLE, "公开事项": "关于印发…的通知", "公开类别": "发文", "此件公开发布": "是"}
    examples = (
        Example("pass", ({"形成日期": "2026-09-15", "公开日期": "2026-09-15"},)),
        Example(
            "fail",
            ({"形成日期": "2026-09-15", "公开日期": "2026-09-16"},),
            expect=({"status": "late", "due": "2026-09-15", "late_by": "1 d"},),
        ),
    )
    title_zh = "标注“此件公开发布”的文件未在印发当日上网"
    title_en = "Document marked for publication not online the day it was issued"
    citation = "002 (五)3"


@register
class DIS003(_DisclosureRule):
    """Other proactive item not published within 20 working days of formation. 主动公开超期。

    Checks every other disclosure (长期, 按批次, 发文 without 此件公开发布, and the periodic
    categories' individual items): publication is due ``proactive_wd`` working days (for
    periodic items ``periodic_wd``) after the information was formed.

    Clause: 政府信息公开条例 第二十六条 “属于主动公开范围的政府信息，应当自该政府信息形成或者
    变更之日起20个工作日内及时公开”.

    Defaults: proactive_wd = 20, periodic_wd = 20 (and the family's dynamic_days = 3,
    same_day_days = 0).
    """

    id = "DIS003"
    batched = True
    obligations = ("O001", "O023", "O034", "O108")
    feeds = {"unit_accountability": "count"}
    example_base = {**DISCLOSURE_EXAMPLE, "公开事项": "工作要点", "公开类别": "长期"}
    examples = (
        Example("pass", ({"形成日期": "2026-09-14", "公开日期": "2026-10-16"},), "20 working days"),
        Example(
            "fail",
            ({"形成日期": "2026-09-14", "公开日期": "2026-10-19"},),
            expect=({"status": "late", "due": "2026-10-16", "late_by": "1 wd"},),
        ),
    )
    title_zh = "主动公开信息未在形成后20个工作日内公开"
    title_en = "Proactive item not published within 20 working days"
    citation = "政府信息公开条例 第二十六条; 000 (一)1; 001 ㈠ 一; 002 (五)2; 004 三"
    unit = "wd"


@register
class DIS006(_DisclosureRule):
    """Item never published and its deadline has passed: 不公开政务. 应公开未公开。

    Checks every disclosure with no publication date: once its category's due date has
    passed (see the family table) it is ``overdue``.

    Clause: 000 (十)3 “有下列情形之一的，应当追究政务公开单位负责人的责任：（一）不公开政务的”;
    002 (十三) “对重要信息不发布……要公开通报并扣除科室相应分值”.

    Interpretation: the due dates are the ones DIS001–DIS003 set, with *their* parameters
    in force (``[rules.DIS003] proactive_wd = 15`` moves DIS006's deadline too).
    Defaults: as DIS001–DIS003 (dynamic_days = 3, same_day_days = 0, proactive_wd = 20,
    periodic_wd = 20).
    """

    id = "DIS006"
    batched = True
    obligations = ("O023", "O034", "O108")
    feeds = {"unit_accountability": "severe", "dept_score": "count"}
    example_base = DISCLOSURE_EXAMPLE
    examples = (
        Example(
            "pass",
            ({"公开类别": "长期", "形成日期": "2026-11-20", "公开日期": None},),
            "due 2026-12-18",
            as_of="2026-11-24",
        ),
        Example(
            "fail",
            ({"形成日期": "2026-09-14", "公开日期": None},),
            as_of="2026-11-24",
            expect=({"status": "overdue", "due": "2026-09-17"},),
        ),
    )
    title_zh = "应公开信息逾期未公开"
    title_en = "Disclosure never published past its deadline"
    citation = "000 (十)3; 002 (十三); 001 ㈠ 一; 004 三"

    def check(self, ctx: Context) -> pd.DataFrame:
        f = due_dates(ctx)
        f = f[f["published"].isna()]
        unit = np.where(f["_rule"] == "DIS003", "wd", "d")
        out = []
        for u in ("d", "wd"):
            g = f[unit == u]
            found = deadline_findings(
                ctx,
                self,
                g,
                start=g["formed"],
                due=g["_due"],
                done=g["published"],
                unit=u,
                key=g["item"],
                subject=g["dept"],
                dept=g["dept"],
            )
            out.append(found[found["status"] == "overdue"])
        out = [o for o in out if len(o)]
        return pd.concat(out, ignore_index=True) if out else empty_findings()


@register
class DIS004(Rule):
    """Periodic item with no publication for a period. 定期公开内容缺期。

    Checks disclosures of category 按月, 按季, 按年 or 定期 (``periodic_default``): for each
    item (``公开事项``), every month / quarter / year lying wholly inside the audited range
    — from the period of the item's first record on — must have a published row, its
    period read from ``所属期`` (2026-09, 2026Q3, 2026) or else from the formation date.

    Clause: 000 (一)2 “定期公开的内容应按时公开”; 000 (十)1 “公開內容不完整” (通报批评).

    Interpretation: 定期 without a stated rhythm is taken as quarterly.  The finding
    names the item and the period and has no source row.
    Defaults: periodic_default = quarter.
    """

    id = "DIS004"
    batched = True
    obligations = ("O002", "O024", "O038", "O107")
    feeds = {"unit_accountability": "count"}
    example_base = {**DISCLOSURE_EXAMPLE, "公开事项": "财政预算执行情况", "公开类别": "按月"}
    examples = (
        Example(
            "pass",
            (
                {"所属期": "2026-07", "形成日期": "2026-07-31", "公开日期": "2026-08-03"},
                {"所属期": "2026-08", "形成日期": "2026-08-31", "公开日期": "2026-09-02"},
                {"所属期": "2026-09", "形成日期": "2026-09-30", "公开日期": "2026-10-09"},
            ),
            as_of="2026-09-30",
        ),
        Example(
            "fail",
            (
                {"所属期": "2026-07", "形成日期": "2026-07-31", "公开日期": "2026-08-03"},
                {"所属期": "2026-09", "形成日期": "2026-09-30", "公开日期": "2026-10-09"},
            ),
            as_of="2026-09-30",
            expect=({"status": "missing", "period": "2026-08"},),
        ),
    )
    title_zh = "定期公开事项缺少某期公开"
    title_en = "Periodic disclosure missing for a period"
    citation = "000 (一)2; 000 (十)1; 001 ㈠ 三; 002 (六); 004 三"
    register = "disclosures"
    kind = "periodic"
    needs = ("category", "formed", "published", "period")
    requires_columns = ("published",)
    params = {"periodic_default": "quarter"}
    fields = {"item": "text"}  # the periodic item (政府工作报告, 预决算 …)
    message_zh = "定期公开事项“{item}”{period} 期没有公开记录"
    message_en = "Periodic disclosure “{item}” has no publication for {period}"

    @classmethod
    def message_fields(cls, f: dict, lang: str) -> dict:
        return {"item": finding_fields(f).get("item") or ""}

    def check(self, ctx: Context) -> pd.DataFrame:
        data = ctx.registers["disclosures"]
        f = data.valid(self.needs)
        f = f.assign(_o=each_office(data, f))  # (an item is its office's)
        cat = f["category"].fillna("").astype(str)
        out = []
        for word, kind in PERIODIC.items():
            kind = kind or ctx.params["periodic_default"]
            g = f[cat.str.contains(word)]
            if g.empty:
                continue
            label = parse_period(g["period"], kind)
            label = label.where(label.notna(), period_label(g["formed"], kind))
            published = g.assign(_label=label)[g["published"].notna()]
            for (office, item), grp in g.assign(_label=label).groupby(["_o", "item"], sort=True):
                periods = whole_periods(ctx, kind, grp["formed"].min())
                own = (published["_o"] == office) & (published["item"] == item)
                have = set(published.loc[own, "_label"])
                missing = periods[~periods["label"].isin(have)]
                if missing.empty:
                    continue
                dept = grp["dept"].dropna().iloc[0] if grp["dept"].notna().any() else None
                rows = missing.reset_index(drop=True)
                found = findings_from(
                    rows,
                    self,
                    status="missing",
                    subject=dept,
                    dept=dept,
                    key=item + " " + rows["label"],
                    period=rows["label"],
                    date=rows["end"],
                    due=rows["end"],
                    fields={"item": item},
                )
                out.append(name_offices(found, data, np.full(len(found), office)))
        return pd.concat(out, ignore_index=True) if out else empty_findings()


@register
class DIS005(Rule):
    """Long-term item not reviewed or updated for too long: 公开内容长期不变. 长期公开内容未更新。

    Checks disclosures of category 长期: the last review (``最后更新``/``复核日期``, else the
    publication date) must be no older than ``review_months`` months on the as-of day.

    Clause: 000 (十)3 “应当追究政务公开单位负责人的责任：……（二）公众内容长期不变”; 000 (一)4
    “需要变更公开内容的应及时变更”.

    Interpretation: “长期不变” is read as no review within 12 months (a rulebook parameter).
    Defaults: review_months = 12.
    """

    id = "DIS005"
    batched = True
    obligations = ("O001", "O004", "O024", "O109")
    feeds = {"unit_accountability": "severe"}
    example_base = {
        **DISCLOSURE_EXAMPLE,
        "公开事项": "领导分工",
        "公开类别": "长期",
        "形成日期": "2025-01-06",
        "公开日期": "2025-01-08",
    }
    examples = (
        Example("pass", ({"最后更新": "2026-03-01"},), as_of="2026-11-24"),
        Example(
            "fail",
            ({"最后更新": "2025-10-31"},),
            "12 months end on 10-31, a Saturday: due 11-02",
            as_of="2026-11-24",
            expect=({"status": "overdue", "due": "2026-11-02"},),
        ),
    )
    title_zh = "长期公开内容超过12个月未更新"
    title_en = "Long-term disclosure not reviewed for 12 months"
    citation = "000 (十)3; 000 (一)4; 001 ㈠ 三; 004 三"
    register = "disclosures"
    needs = ("category", "reviewed", "published")
    params = {"review_months": 12}
    message_zh = "长期公开事项“{key}”最后更新于 {start}，应于 {due} 前复核更新{done_zh}"
    message_en = "Long-term disclosure “{key}” last updated {start}, review due {due}{done_en}"

    def check(self, ctx: Context) -> pd.DataFrame:
        f = ctx.registers["disclosures"].valid(self.needs)
        f = f[f["category"].fillna("").astype(str).str.contains("长期")]
        last = f["reviewed"].where(f["reviewed"].notna(), f["published"])
        f, last = f[last.notna()], last[last.notna()]
        # The latest review of each item is what counts.
        # (an item is its office's: with several offices' rows, the office leads every key)
        data = ctx.registers["disclosures"]
        latest = last.groupby(by_office(data, f, f["item"])).transform("max")
        f, last = f[last == latest], last[last == latest]
        # Rows tied on the latest date: one chosen by content, never by row order (the
        # same register sorted otherwise gives the same finding).
        tie = f["dept"].fillna("").astype(str)
        f = f.assign(_tie=tie, _o=each_office(data, f)).sort_values(["_o", "item", "_tie"], kind="stable")
        f = f[~f[["_o", "item"]].duplicated(keep="last")]
        last = last[f.index]
        due = pd.Series(
            pd.to_datetime(ctx.calendar.add_months(last.to_numpy(dtype="datetime64[D]"), ctx.params["review_months"])),
            index=f.index,
        )
        never = pd.Series(pd.NaT, index=f.index, dtype="datetime64[ns]")
        found = deadline_findings(
            ctx, self, f, start=last, due=due, done=never, unit="d", key=f["item"], subject=f["dept"], dept=f["dept"]
        )
        return found[found["status"] != "due_soon"].reset_index(drop=True) if len(found) else found


@register
class WEB001(Rule):
    """An ISO week with fewer than 2 portal updates. 网站每周更新不足2次。

    Checks the portal update register: every ISO week (Monday–Sunday) lying wholly
    inside the audited range, from the week of the register's first entry on, must have
    at least ``per_week`` updates.  Weeks with fewer than ``min_workdays`` working days
    (a holiday week) are not judged when that parameter is above zero.

    Clause: 002 (九)3 “加强网站内容保障，每周更新不少于2次”.

    Defaults: per_week = 2, min_workdays = 0.
    """

    id = "WEB001"
    batched = True
    obligations = ("O045",)
    example_base = {"发布日期": "2026-09-15", "栏目": "工作动态", "标题": "动态"}
    examples = (
        Example("pass", ({"发布日期": "2026-09-15"}, {"发布日期": "2026-09-17"}), as_of="2026-09-20"),
        Example(
            "fail",
            ({"发布日期": "2026-09-15"}, {"发布日期": "2026-09-17"}, {"发布日期": "2026-09-22"}),
            "one update in the week of 09-21",
            as_of="2026-09-27",
            expect=({"status": "missing", "period": "2026-W39"},),
        ),
    )
    title_zh = "门户网站每周更新少于2次"
    title_en = "Fewer than 2 portal updates in a week"
    citation = "002 (九)3"
    register = "web_updates"
    kind = "periodic"
    needs = ("date",)
    params = {"per_week": 2, "min_workdays": 0}
    fields = {"count": "int", "need": "int"}  # updates that week, and the minimum
    message_zh = "{period} 周网站更新 {count} 次，少于每周 {need} 次"
    message_en = "Week {period}: {count} portal updates, fewer than {need}"

    @classmethod
    def message_fields(cls, f: dict, lang: str) -> dict:
        return extra_fields(f)

    def check(self, ctx: Context) -> pd.DataFrame:
        data = ctx.registers["web_updates"]
        dates = data.valid(self.needs)["date"].dropna()
        if dates.empty:
            return empty_findings()
        office = each_office(data, dates)  # (each office's weeks from its own first update)
        weeks = office_periods(ctx, "week", pd.Series(dates.to_numpy()).groupby(office).min())
        if weeks.empty:
            return empty_findings()
        counts = pd.DataFrame({"_o": office, "label": period_label(dates, "week").to_numpy()}).value_counts()
        at = pd.MultiIndex.from_frame(weeks[["_o", "label"]])
        weeks["n"] = counts.reindex(at, fill_value=0).to_numpy().astype(int)
        if ctx.params["min_workdays"] > 0:
            wd = ctx.calendar.workdays_between(
                (weeks["start"] - pd.Timedelta(days=1)).to_numpy(dtype="datetime64[D]"),
                weeks["end"].to_numpy(dtype="datetime64[D]"),
            )
            weeks = weeks[wd >= ctx.params["min_workdays"]]
        short = weeks[weeks["n"] < ctx.params["per_week"]].reset_index(drop=True)
        found = findings_from(
            short,
            self,
            status="missing",
            key=short["label"],
            period=short["label"],
            date=short["end"],
            due=short["end"],
            fields={"count": short["n"], "need": ctx.params["per_week"]},
            subject="网站管理",
            dept=None,
        )
        return name_offices(found, data, short["_o"])


# Once copied into DIS001–DIS003/DIS006, read only by DIS004 and DIS005.
MOVED_KEYS = {
    "DIS00:periodic_default": ("DIS004", "periodic_default"),
    "DIS00:review_months": ("DIS005", "review_months"),
}

LADDERS_READING = """\
000 (十) 问责制度: late or incomplete disclosure → 通报批评 (1); none, or stale content →
追究负责人责任 (2).  One entry per unit and window, resting on every disclosure breach.
002 (十三): 重要信息不发布、重大政策不解读、热点回应不及时、依申请公开不回复 → 公开通报并扣除科室
相应分值.  ``points`` per finding; rules of other families feed it too (their ``feeds``).
"""

LADDERS = (
    Ladder(
        "unit_accountability",
        "unit",
        "政务公开问责",
        "Disclosure accountability",
        "000 (十)",
        steps=(
            (2, Tier(2, "追究政务公开单位负责人的责任", "the unit head is held accountable")),
            (1, Tier(1, "对政务公开单位给予通报批评", "the unit is publicly criticised")),
        ),
        subject="unit",
        obligations=("O020", "O022", "O112"),
    ),
    Ladder(
        "dept_score",
        "dept_points",
        "科室考核扣分",
        "Section score deductions",
        "002 (十三)",
        steps=(
            (
                1,
                Tier(
                    1,
                    "公开通报，扣除科室考核分值 {points} 分",
                    "public notice; {points} points deducted from the section",
                ),
            ),
        ),
        params={"points": 1},
        subject="dept",
        obligations=("O048",),
    ),
)


@register
class DIS007(Rule):
    """A published disclosure not filed in the 政务公开 archive. 公开信息未归档。

    Checks every disclosure with a 公开日期: it carries an 归档号 (its number in the
    政务公开 archive).

    Clause: 000 (六)1 “各级人口和计划生育部门应建立政务公开管理档案”; (六)2 “相关文件、表格、卡片、记录、
    简报等资料应当分类归档，确保档案的真实性、完整性”.

    Interpretation: what was published is what must be on file; an item not yet published
    has nothing to file.  Defaults: none.
    """

    id = "DIS007"
    batched = True
    obligations = ("O013",)
    title_zh = "公开信息未分类归档"
    title_en = "Published disclosure not filed in the archive"
    citation = "000 (六)1–2"
    register = "disclosures"
    kind = "row"
    needs = ("item", "published")
    requires_columns = ("archive_no",)
    message_zh = "“{key}”（{start} 公开）未归档（没有归档号）"
    message_en = "“{key}” (published {start}) is not filed in the archive (no archive number)"
    example_base = {**DISCLOSURE_EXAMPLE, "归档号": "GK-2026-031"}
    examples = (
        Example("pass", ({},)),
        Example("pass", ({"公开日期": None, "归档号": None},), "not published yet"),
        Example("fail", ({"归档号": None},), expect=({"status": "missing"},)),
    )

    def check(self, ctx: Context) -> pd.DataFrame:
        f = ctx.registers["disclosures"].valid(self.needs)
        sel = f[f["published"].notna() & (f["archive_no"].fillna("").astype(str).str.strip() == "")]
        return findings_from(
            sel,
            self,
            status="missing",
            key=sel["item"],
            subject=sel["dept"].where(sel["dept"].notna(), "责任科室"),
            dept=sel["dept"],
            start=sel["published"],
            date=sel["published"],
        )
