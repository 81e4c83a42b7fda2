"""Replies to the public 群众意见."""

from __future__ import annotations

import numpy as np
import pandas as pd

from . import register
from .base import Context, Example, Rule, deadline_findings, first_present

OPINION_EXAMPLE = {
    "意见编号": "O-1",
    "收到日期": "2026-09-14",
    "当场答复": "否",
    "答复日期": "2026-09-20",
    "承办科室": "办公室",
    "承办人": "张三",
}


@register
class OPN001(Rule):
    """Opinion not answered on the spot and no reply within 10 working days. 群众意见答复超期。

    Checks every opinion or suggestion not answered on the spot (``当场答复`` 否 or
    blank): its reply is due ``days`` working days after receipt.

    Clause: 000 (五)2 “能當場答復的，當場解決；對于一時解決不了的，要給群眾做一個耐心細致的
    解釋，10個工作日內辦理答復”.

    Defaults: days = 10.
    """

    id = "OPN001"
    example_base = OPINION_EXAMPLE
    examples = (
        Example("pass", ({"答复日期": "2026-09-28"},), "10 working days, counting the make-up Sunday 09-20"),
        Example(
            "fail", ({"答复日期": "2026-09-29"},), expect=({"status": "late", "due": "2026-09-28", "late_by": "1 wd"},)
        ),
        Example("pass", ({"当场答复": "是", "答复日期": None},), "answered on the spot: never judged"),
    )
    title_zh = "群众意见未在10个工作日内答复"
    title_en = "Public opinion not answered within 10 working days"
    citation = "000 (五)2"
    register = "opinions"
    needs = ("received", "on_spot", "replied")
    requires_columns = ("replied",)
    params = {"days": 10}
    message_zh = "意见 {key}：{start} 收到，应于 {due} 前答复{done_zh}"
    message_en = "Opinion {key}: received {start}, reply due {due}{done_en}"

    def check(self, ctx: Context) -> pd.DataFrame:
        f = ctx.registers["opinions"].valid(self.needs)
        f = f[~f["on_spot"]]
        due = pd.Series(
            pd.to_datetime(
                ctx.calendar.add_workdays(f["received"].to_numpy(dtype="datetime64[D]"), np.int64(ctx.params["days"]))
            ),
            index=f.index,
        )
        return deadline_findings(
            ctx,
            self,
            f,
            start=f["received"],
            due=due,
            done=f["replied"],
            unit="wd",
            key=f["opinion_id"],
            subject=first_present(f["handler"], f["dept"]),
            dept=f["dept"],
        )
