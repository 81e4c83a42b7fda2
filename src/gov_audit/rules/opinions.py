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


@register
class OPN002(Rule):
    """A rectified opinion not fed back to the person within ``feedback_wd`` working days. 整改后未及时反馈群众。

    Checks every opinion with an 整改完成日期: its 反馈日期 (the 《群众意见和建议反馈表》
    filled and sent) is no later than ``feedback_wd`` working days after the rectification.
    Fed back later is late; not at all after that, overdue.

    Clause: 000 (五)4 “對於簽署的意見和建議,整改落實後填寫《群眾意見和建議反饋表》,及時反饋給群眾”.

    Interpretation: “及時” sets no number; ``feedback_wd`` = 10 working days, the limit
    000 (五)2 sets for replying to an opinion, is the default.

    Defaults: feedback_wd = 10.
    """

    id = "OPN002"
    title_zh = "意见建议整改后未及时填写反馈表反馈群众"
    title_en = "Rectified opinion not fed back in time"
    citation = "000 (五)4"
    register = "opinions"
    kind = "deadline"
    needs = ("rectified", "feedback")
    requires_columns = ("rectified", "feedback")
    params = {"feedback_wd": 10}
    message_zh = "意见 {key}：{start} 整改完成，应于 {due} 前反馈群众{done_zh}"
    message_en = "Opinion {key}: rectified {start}, to be fed back by {due}{done_en}"
    example_base = {**OPINION_EXAMPLE, "整改完成日期": "2026-09-28", "反馈日期": "2026-10-16"}
    examples = (
        Example("pass", ({},), "10 working days over 国庆 and its 调休 Saturday"),
        Example(
            "fail",
            ({"反馈日期": "2026-10-19"},),
            expect=({"status": "late", "due": "2026-10-16", "late_by": "1 wd"},),
        ),
        Example("pass", ({"整改完成日期": None, "反馈日期": None},), "nothing rectified yet"),
    )

    def check(self, ctx: Context) -> pd.DataFrame:
        f = ctx.registers["opinions"].valid(self.needs)
        f = f[f["rectified"].notna()]
        due = pd.Series(ctx.calendar.add_workdays(f["rectified"].to_numpy(), ctx.params["feedback_wd"]), index=f.index)
        return deadline_findings(
            ctx,
            self,
            f,
            start=f["rectified"],
            due=pd.to_datetime(due),
            done=f["feedback"],
            unit="wd",
            key=f["opinion_id"],
            subject=first_present(f["handler"], f["dept"]),
            dept=f["dept"],
        )
