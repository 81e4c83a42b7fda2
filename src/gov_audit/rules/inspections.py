"""Inspections 双随机一公开: drawn targets are inspected, and results are published promptly.

The draw (``gov-audit sample``) writes the 抽查名单; the supervising office keeps the
inspections register (target, inspector, date, result, result published on).
"""

from __future__ import annotations

import pandas as pd

from ..types import fold
from . import register
from .base import Context, Example, Rule, deadline_findings, findings_from, office_codes

CLAUSE = "002 (三)2"
QUOTE = "“严格执行‘双随机一公开’监管模式……及时公布抽查情况及查处结果”"
INSPECTION_EXAMPLE = {
    "检查对象": "城关镇",
    "检查人员": "张三",
    "检查日期": "2026-09-01",
    "检查结果": "合格",
    "结果公开日期": "2026-09-03",
}


def _names(values: pd.Series) -> pd.Series:
    return values.astype(str).map(fold)


def _offices(ctx: Context, register: str, date: str) -> pd.DataFrame:
    """The register's rows that name an office and a date."""
    data = ctx.registers[register]
    f = data.valid(("office", date))
    f = f[f["office"].notna() & f[date].notna()]
    # (offices judged together: "_own" is the office whose register holds the row)
    codes = office_codes(data, f.index)
    return f if codes is None else f.assign(_own=codes)


def _met(left: pd.DataFrame, when: str, right: pd.DataFrame, other: str, *, after: bool) -> pd.Series:
    """For each row of ``left``: does ``right`` hold a row for the same office (names folded)
    dated on or after (``after``) — or on or before — this row's ``when``?"""
    if left.empty or right.empty:
        return pd.Series(False, index=left.index)
    on = ["_k", "_own"] if "_own" in left.columns else ["_k"]
    pairs = left.assign(_k=_names(left["office"]), _i=range(len(left)))[[*on, "_i", when]].merge(
        right.assign(_k=_names(right["office"]))[[*on, other]], on=on, how="inner"
    )
    hit = (pairs[other] >= pairs[when]) if after else (pairs[other] <= pairs[when])
    return pd.Series(range(len(left)), index=left.index).isin(pairs.loc[hit, "_i"])


@register
class INS001(Rule):
    """An inspection with no result recorded. 抽查未记录检查结果。

    Checks the inspections register: an inspection whose date has passed must have a
    result (检查结果).

    Clause: 002 (三)2 “严格执行‘双随机一公开’监管模式……及时公布抽查情况及查处结果”.

    Interpretation: a row with a 检查日期 on or before the as-of day and a blank 检查结果 is
    an inspection without a result.

    Defaults: none.
    """

    id = "INS001"
    batched = True
    obligations = ("O032",)
    title_zh = "双随机抽查未记录检查结果"
    title_en = "An inspection with no result recorded"
    citation = CLAUSE
    register = "inspections"
    kind = "row"
    needs = ("office", "date")
    requires_columns = ("result",)
    message_zh = "{subject} {start} 的抽查没有检查结果"
    message_en = "{subject}: the inspection of {start} has no result"
    example_base = INSPECTION_EXAMPLE
    examples = (
        Example("pass", ({"检查结果": "合格"},)),
        Example("fail", ({"检查结果": None, "结果公开日期": None},), expect=({"status": "missing"},)),
    )

    def check(self, ctx: Context) -> pd.DataFrame:
        f = ctx.registers["inspections"].valid(self.needs)
        sel = f[f["date"].notna() & f["result"].isna()]
        return findings_from(
            sel,
            self,
            status="missing",
            subject=sel["office"],
            dept=sel["office"],
            key=sel["office"].astype(str) + " " + sel["date"].dt.strftime("%Y-%m-%d"),
            start=sel["date"],
            date=sel["date"],
        )


@register
class INS002(Rule):
    """A result not published within ``publish_wd`` working days of the inspection. 抽查结果未及时公开。

    Checks every inspection with a result: its 结果公开日期 must be no later than
    ``publish_wd`` working days after the 检查日期 (the inspection day not counted).  Still
    unpublished after that is overdue.

    Clause: 002 (三)2 “……及时公布抽查情况及查处结果”.

    Interpretation: “及时” sets no number; 7 working days is the rulebook default (the
    limit 000 gives for updating public information), set by the office in
    ``[rules.INS002] publish_wd``.

    Defaults: publish_wd = 7.
    """

    id = "INS002"
    batched = True
    obligations = ("O032",)
    title_zh = "双随机抽查结果未在规定时间内公开"
    title_en = "Inspection result not published in time"
    citation = CLAUSE
    register = "inspections"
    kind = "deadline"
    needs = ("office", "date", "published")
    requires_columns = ("published",)
    params = {"publish_wd": 7}
    message_zh = "{subject} {start} 的抽查结果应于 {due} 前公开{done_zh}"
    message_en = "{subject}: the result of the inspection on {start} was due to be published by {due}{done_en}"
    example_base = INSPECTION_EXAMPLE
    examples = (
        Example(
            "pass",
            ({"检查日期": "2026-09-28", "结果公开日期": "2026-10-13"},),
            "7 working days over 国庆, counting the 调休 Saturday 10-10",
        ),
        Example(
            "fail",
            ({"检查日期": "2026-09-28", "结果公开日期": "2026-10-14"},),
            expect=({"status": "late", "due": "2026-10-13", "late_by": "1 wd"},),
        ),
    )

    def check(self, ctx: Context) -> pd.DataFrame:
        f = ctx.registers["inspections"].valid(self.needs)
        f = f[f["date"].notna() & f["result"].notna()] if "result" in f else f[f["date"].notna()]
        due = pd.Series(ctx.calendar.add_workdays(f["date"].to_numpy(), ctx.params["publish_wd"]), index=f.index)
        return deadline_findings(
            ctx,
            self,
            f,
            start=f["date"],
            due=pd.to_datetime(due),
            done=f["published"],
            unit="wd",
            key=f["office"].astype(str) + " " + f["date"].dt.strftime("%Y-%m-%d"),
            subject=f["office"],
            dept=f["office"],
        )


@register
class INS003(Rule):
    """A drawn target not inspected within ``inspect_within_days`` days of the draw. 抽中单位未检查。

    Checks the draw list (抽查名单, as ``gov-audit sample`` writes it) against the
    inspections register: every office drawn must have an inspection dated on or after
    the draw, within ``inspect_within_days`` calendar days.

    Clause: 002 (三)2 “严格执行‘双随机一公开’监管模式”: a random draw that is not carried out
    is no random inspection.

    Interpretation: a drawn office with no inspection once the period has passed is
    ``missing``; names are matched after folding (full/half width, spaces).

    Defaults: inspect_within_days = 30.
    """

    id = "INS003"
    batched = True
    obligations = ("O032",)
    title_zh = "双随机抽中的单位未按期检查"
    title_en = "A drawn target not inspected"
    citation = CLAUSE
    register = "draws"
    also_needs = ("inspections",)
    kind = "row"
    needs = ("office", "drawn_on")
    params = {"inspect_within_days": 30}
    message_zh = "{subject} 于 {start} 被抽中，截至 {due} 未见检查记录"
    message_en = "{subject} was drawn on {start} and not inspected by {due}"
    example_base = {"单位": "城关镇", "检查人员": "张三、李四", "抽取日期": "2026-08-03"}
    examples = (
        Example("pass", ({},), other={"双随机检查": (INSPECTION_EXAMPLE,)}),
        Example(
            "fail",
            ({"单位": "河西乡"},),
            "drawn, never inspected",
            other={"双随机检查": (INSPECTION_EXAMPLE,)},
            expect=({"status": "missing", "subject": "河西乡", "due": "2026-09-02"},),
        ),
    )

    def check(self, ctx: Context) -> pd.DataFrame:
        d = _offices(ctx, "draws", "drawn_on")
        due = d["drawn_on"] + pd.Timedelta(days=int(ctx.params["inspect_within_days"]))
        inspected = _met(d, "drawn_on", _offices(ctx, "inspections", "date"), "date", after=True)
        sel = d[~inspected & (due < ctx.as_of)]
        return findings_from(
            sel,
            self,
            status="missing",
            subject=sel["office"],
            dept=sel["office"],
            key=sel["office"].astype(str) + " " + sel["drawn_on"].dt.strftime("%Y-%m-%d"),
            start=sel["drawn_on"],
            due=due[sel.index],
            date=due[sel.index],
        )


@register
class INS004(Rule):
    """An inspection of an office that was not drawn. 检查对象不在抽查名单中。

    Checks the inspections register against the draw list: when a draw list is supplied,
    every inspected office must be on it (drawn on or before the inspection day).

    Clause: 002 (三)2 “双随机”: targets are drawn at random, not chosen.

    Interpretation: applies only when the 抽查名单 is supplied; names are matched after
    folding.

    Defaults: none.
    """

    id = "INS004"
    batched = True
    obligations = ("O032",)
    title_zh = "检查对象不在双随机抽查名单中"
    title_en = "Inspected office was not drawn"
    citation = CLAUSE
    register = "inspections"
    also_needs = ("draws",)
    kind = "row"
    needs = ("office", "date")
    message_zh = "{subject} {start} 被检查，但不在此前的抽查名单中"
    message_en = "{subject} was inspected on {start} but was not drawn"
    example_base = INSPECTION_EXAMPLE
    examples = (
        Example("pass", ({},), other={"抽查名单": ({"单位": "城关镇", "检查人员": "张三", "抽取日期": "2026-08-03"},)}),
        Example(
            "fail",
            ({"检查对象": "河西乡"},),
            other={"抽查名单": ({"单位": "城关镇", "检查人员": "张三", "抽取日期": "2026-08-03"},)},
            expect=({"status": "violation", "subject": "河西乡"},),
        ),
    )

    def check(self, ctx: Context) -> pd.DataFrame:
        ins = _offices(ctx, "inspections", "date")
        drawn = _met(ins, "date", _offices(ctx, "draws", "drawn_on"), "drawn_on", after=False)
        sel = ins[~drawn]
        return findings_from(
            sel,
            self,
            status="violation",
            subject=sel["office"],
            dept=sel["office"],
            key=sel["office"].astype(str) + " " + sel["date"].dt.strftime("%Y-%m-%d"),
            start=sel["date"],
            date=sel["date"],
        )
