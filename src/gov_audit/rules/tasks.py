"""Supervised tasks 督办 and appointments 办事预约: done by their due day, reported back.

Clause: 003 工作與督查制度 4 “局綜合股對上級機關布置及本局領導交辦的事項要認真做好登記、轉辦和跟蹤督促
落實……承辦人員要按時按質完成交辦任務,承辦結果要按程序向交辦單位或領導報告”; 7 “對信訪件和領導交辦
件……必須……在規定時間內辦結反饋”; 篇2 辦事預約制度 (2) “確保來辦事人員在預約時間內將事情辦結”;
篇3 四 “對上級交辦的信訪案件按時上交結案報告”.
"""

from __future__ import annotations

import pandas as pd

from . import register
from .base import Context, Example, Rule, deadline_findings, empty_findings, first_present

CLAUSE = "003 工作與督查制度 4、7; 003 篇2 辦事預約制度 (2)"
TASK_EXAMPLE = {
    "编号": "DB-1",
    "事项": "核查流动人口信息",
    "来源": "局领导交办",
    "交办日期": "2026-09-01",
    "办结期限": "2026-09-15",
    "办结日期": "2026-09-14",
    "结案报告日期": "2026-09-14",
    "承办人": "王敏",
    "承办股室": "流动人口管理股",
}


def _tasks(ctx: Context, needs: tuple[str, ...]) -> pd.DataFrame:
    f = ctx.registers["tasks"].valid(needs)
    return f[f["assigned"].notna() & f["due"].notna()]


def _key(f: pd.DataFrame) -> pd.Series:
    return first_present(f["task_id"], f["task"], f["assigned"].dt.strftime("%Y-%m-%d"))


def _by_due(ctx: Context, rule: Rule, f: pd.DataFrame, done: pd.Series) -> pd.DataFrame:
    """Tasks judged against their recorded due day, ``done`` being what must happen by it."""
    return deadline_findings(
        ctx,
        rule,
        f,
        start=f["assigned"],
        due=f["due"],
        done=done,
        unit="wd",
        key=_key(f),
        subject=first_present(f["handler"], f["dept"]),
        dept=f["dept"],
    )


@register
class TSK001(Rule):
    """A supervised task or an appointment not done by its due day. 督办事项（预约）逾期未办结。

    Checks every row with a 办结期限 (for an appointment, the appointed day): done on or
    before it, else late; still open after it, overdue; due within ``warn_wd`` working
    days and still open, a warning (due soon), as the other deadline rules do.

    Clause: 003 工作與督查制度 4 “承辦人員要按時按質完成交辦任務”; 7 “在規定時間內辦結反饋”;
    篇2 辦事預約制度 (2) “確保來辦事人員在預約時間內將事情辦結”.

    Interpretation: the due day is the one the register records (the assigning office or
    leader sets it); it is not moved off a holiday, since it was set knowing the calendar.
    Lateness is counted in working days.

    Defaults: none (``warn_wd`` from [settings], 3).
    """

    id = "TSK001"
    batched = True
    obligations = ("O087", "O089", "O094")
    title_zh = "督办事项（预约事项）逾期未办结"
    title_en = "Supervised task or appointment not done by its due day"
    citation = CLAUSE
    register = "tasks"
    kind = "deadline"
    needs = ("assigned", "due", "done")
    message_zh = "{key}（{subject}）应于 {due} 前办结{done_zh}"
    message_en = "{key} ({subject}) was due by {due}{done_en}"
    example_base = TASK_EXAMPLE
    examples = (
        Example("pass", ({},)),
        Example(
            "fail",
            ({"办结日期": "2026-09-17"},),
            expect=({"status": "late", "due": "2026-09-15", "late_by": "2 wd"},),
        ),
        Example(
            "fail",
            ({"来源": "办事预约", "办结期限": "2026-11-20", "办结日期": None, "结案报告日期": None},),
            "an appointment still open after the appointed day",
            expect=({"status": "overdue", "due": "2026-11-20"},),
        ),
        Example(
            "fail",
            ({"交办日期": "2026-11-25", "办结期限": "2026-12-02", "办结日期": None, "结案报告日期": None},),
            "due within 3 working days",
            expect=({"status": "due_soon"},),
        ),
    )

    def check(self, ctx: Context) -> pd.DataFrame:
        f = _tasks(ctx, self.needs)
        return _by_due(ctx, self, f, f["done"])


@register
class TSK002(Rule):
    """A case assigned from above without its closing report in time. 上级交办事项未按时报告。

    Checks every row whose 来源 is 上级交办: its result must be reported (结案报告日期) by
    the higher office's limit (办结期限).  Reported later is late; not reported after the
    limit, overdue.

    Clause: 003 篇3 四 “對上級交辦的信訪案件按時上交結案報告”; 工作與督查制度 4 “承辦結果要按程序
    向交辦單位或領導報告”.

    Interpretation: for a case from above, being done is not enough: the report is what
    the higher office receives, so the report date is judged against its limit.

    Defaults: none.
    """

    id = "TSK002"
    batched = True
    obligations = ("O101", "O087")
    title_zh = "上级交办事项未按时上报结案报告"
    title_en = "Case assigned from above: closing report late"
    citation = "003 篇3 四; 003 工作與督查制度 4"
    register = "tasks"
    kind = "deadline"
    needs = ("assigned", "due", "report", "source")
    requires_columns = ("report", "source")
    message_zh = "上级交办 {key} 的结案报告应于 {due} 前上报{done_zh}"
    message_en = "the closing report on {key}, assigned from above, was due by {due}{done_en}"
    example_base = {**TASK_EXAMPLE, "来源": "上级交办"}
    examples = (
        Example("pass", ({},)),
        Example(
            "fail",
            ({"结案报告日期": "2026-09-16"},),
            "done in time, reported a day late",
            expect=({"status": "late", "due": "2026-09-15", "late_by": "1 wd"},),
        ),
        Example("pass", ({"来源": "局领导交办", "结案报告日期": "2026-09-16"},), "not from above: TSK001 judges it"),
    )

    def check(self, ctx: Context) -> pd.DataFrame:
        f = _tasks(ctx, self.needs)
        f = f[f["source"].fillna("").astype(str).str.contains("上级")]
        if f.empty:
            return empty_findings()
        return _by_due(ctx, self, f, f["report"])
