"""Responding to public concern 回应关切: hour limits by incident level."""

from __future__ import annotations

import pandas as pd

from . import register
from .base import Context, Example, Rule, deadline_findings

MAJOR = ("特别重大", "重大")


def _major(f: pd.DataFrame) -> pd.Series:
    return f["level"].fillna("").str.strip().isin(MAJOR)


class _HourRule(Rule):
    register = "incidents"
    citation = "002 (八)"
    done_column = ""
    major = True

    def check(self, ctx: Context) -> pd.DataFrame:
        f = ctx.registers["incidents"].valid(self.needs)
        f = f[_major(f) == self.major]
        due = f["detected"] + pd.to_timedelta(ctx.params["hours"], unit="h")
        done = self.done(f)
        return deadline_findings(
            ctx,
            self,
            f,
            start=f["detected"],
            due=due,
            done=done,
            unit="h",
            key=f["incident_id"],
            subject=f["dept"],
            dept=f["dept"],
        )

    def done(self, f: pd.DataFrame) -> pd.Series:
        return f[self.done_column]


INCIDENT_EXAMPLE = {
    "事件编号": "E-1",
    "事件级别": "重大",
    "发现时间": "2026-10-02 09:00",
    "发布权威信息时间": "2026-10-02 13:00",
    "新闻发布会时间": "2026-10-03 08:00",
    "回应时间": "2026-10-03 09:00",
    "责任科室": "办公室",
}


@register
class RSP001(_HourRule):
    """Major incident: authoritative information not released within 5 hours. 重大舆情未及时发布权威信息。

    Checks every 特别重大 or 重大 incident: authoritative information
    (``发布权威信息时间``) is due ``hours`` elapsed hours after it happened or was found.

    Clause: 002 (八) “严格执行特别重大、重大突发事件最迟5小时内发布权威信息、24小时内举行新闻
    发布会，其他政务舆情48小时内予以权威回应的时限要求”.

    Interpretation: hours are elapsed time, through nights and holidays.

    Defaults: hours = 5.
    """

    id = "RSP001"
    batched = True
    obligations = ("O042",)
    feeds = {"dept_score": "count"}
    example_base = INCIDENT_EXAMPLE
    examples = (
        Example("pass", ({"发布权威信息时间": "2026-10-02 14:00"},), "5 hours, through the holiday"),
        Example(
            "fail",
            ({"发布权威信息时间": "2026-10-02 15:30"},),
            "1.5 hours late, counted up",
            expect=({"status": "late", "due": "2026-10-02T14:00", "late_by": "2 h"},),
        ),
    )
    title_zh = "重大突发事件未在5小时内发布权威信息"
    title_en = "Major incident: no authoritative information within 5 hours"
    needs = ("level", "detected", "info_released")
    requires_columns = ("info_released",)
    params = {"hours": 5}
    done_column = "info_released"
    message_zh = "事件 {key}（{start} 发生）：应于 {due} 前发布权威信息{done_zh}"
    message_en = "Incident {key} ({start}): authoritative information due {due}{done_en}"


@register
class RSP002(_HourRule):
    """Major incident: no press conference within 24 hours. 重大舆情未及时举行新闻发布会。

    Checks every 特别重大 or 重大 incident: a press conference (``新闻发布会时间``) is due
    ``hours`` elapsed hours after it happened or was found.

    Clause: 002 (八) “特别重大、重大突发事件最迟……24小时内举行新闻发布会”.

    Defaults: hours = 24.
    """

    id = "RSP002"
    batched = True
    obligations = ("O043",)
    feeds = {"dept_score": "count"}
    example_base = INCIDENT_EXAMPLE
    examples = (
        Example("pass", ({"新闻发布会时间": "2026-10-03 09:00"},)),
        Example(
            "fail",
            ({"新闻发布会时间": "2026-10-03 10:00"},),
            expect=({"status": "late", "due": "2026-10-03T09:00", "late_by": "1 h"},),
        ),
    )
    title_zh = "重大突发事件未在24小时内举行新闻发布会"
    title_en = "Major incident: no press conference within 24 hours"
    needs = ("level", "detected", "press_conference")
    requires_columns = ("press_conference",)
    params = {"hours": 24}
    done_column = "press_conference"
    message_zh = "事件 {key}（{start} 发生）：应于 {due} 前举行新闻发布会{done_zh}"
    message_en = "Incident {key} ({start}): press conference due {due}{done_en}"


@register
class RSP003(_HourRule):
    """Other incident: no authoritative response within 48 hours. 一般舆情未在48小时内回应。

    Checks every incident below 重大 (any level other than 特别重大/重大 counts as 一般):
    an authoritative response is due ``hours`` elapsed hours after it happened or was
    found.  The earliest of 回应时间, 发布权威信息时间 and 新闻发布会时间 is the response.

    Clause: 002 (八) “其他政务舆情48小时内予以权威回应”.

    Defaults: hours = 48.
    """

    id = "RSP003"
    batched = True
    obligations = ("O044",)
    feeds = {"dept_score": "count"}
    example_base = {**INCIDENT_EXAMPLE, "事件级别": "一般", "发布权威信息时间": None, "新闻发布会时间": None}
    examples = (
        Example("pass", ({"回应时间": "2026-10-04 09:00"},)),
        Example(
            "fail",
            ({"回应时间": "2026-10-04 12:00"},),
            expect=({"status": "late", "due": "2026-10-04T09:00", "late_by": "3 h"},),
        ),
    )
    title_zh = "一般舆情未在48小时内回应"
    title_en = "Incident not responded to within 48 hours"
    needs = ("level", "detected", "responded", "info_released", "press_conference")
    params = {"hours": 48}
    major = False
    message_zh = "事件 {key}（{start} 发生）：应于 {due} 前回应{done_zh}"
    message_en = "Incident {key} ({start}): response due {due}{done_en}"

    def done(self, f: pd.DataFrame) -> pd.Series:
        return f[["responded", "info_released", "press_conference"]].min(axis=1)
