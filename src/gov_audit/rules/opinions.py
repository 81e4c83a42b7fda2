"""Replies to the public 群众意见."""

from __future__ import annotations

import numpy as np
import pandas as pd

from . import register
from .base import Context, Example, Rule, deadline_findings, findings_from, first_present

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
    batched = True
    obligations = ("O011",)
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
    batched = True
    obligations = ("O012",)
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


@register
class OPN003(Rule):
    """An opinion recorded without its handler or its result. 群众意见建议汇总表记录不全。

    Checks every opinion in the register (the 《群众意见和建议汇总表》): it names its
    承办人, and once answered (当场答复 是, or an 答复日期) it records its 处理结果.

    Clause: 000 (五)1 “征求意见和建议时，应及时总结，并填写《群众意见和建议汇总表》”; 000 (五)2
    “群众的意见和建议，要积极采取措施，认真落实整改”.

    Interpretation: the table is the register itself; a row without who handled it, or an
    answered row without what was done, is an incomplete summary.  Defaults: none.
    """

    id = "OPN003"
    batched = True
    obligations = ("O010",)
    title_zh = "群众意见和建议汇总表记录不全"
    title_en = "Opinion recorded without its handler or its result"
    citation = "000 (五)1"
    register = "opinions"
    kind = "row"
    needs = ("received", "handler", "on_spot", "replied")
    requires_columns = ("handler", "result")
    fields = {"gaps": "text"}
    message_zh = "意见 {key}（{start} 收到）：汇总表未填写{gaps_zh}"
    message_en = "opinion {key} (received {start}): the summary table lacks {gaps_en}"
    example_base = {**OPINION_EXAMPLE, "处理结果": "已答复并整改"}
    examples = (
        Example("pass", ({},)),
        Example("pass", ({"答复日期": None, "处理结果": None},), "not answered yet: OPN001 judges the time"),
        Example(
            "fail", ({"承办人": None, "处理结果": None},), expect=({"status": "missing", "says": "承办人、处理结果"},)
        ),
    )
    GAPS = {"handler": ("承办人", "its handler"), "result": ("处理结果", "its result")}

    @classmethod
    def message_fields(cls, f: dict, lang: str) -> dict:
        codes = [c for c in str(f.get("x_gaps") or "").split(",") if c in cls.GAPS]
        return {
            "gaps_zh": "、".join(cls.GAPS[c][0] for c in codes),
            "gaps_en": " and ".join(cls.GAPS[c][1] for c in codes),
        }

    def check(self, ctx: Context) -> pd.DataFrame:
        f = ctx.registers["opinions"].valid(self.needs)
        f = f[f["received"].notna()]
        answered = f["on_spot"].fillna(False).astype(bool) | f["replied"].notna()
        no_handler = f["handler"].fillna("").astype(str).str.strip() == ""
        no_result = answered & (f["result"].fillna("").astype(str).str.strip() == "")
        hit = no_handler | no_result
        sel = f[hit]
        gaps = pd.Series(np.where(no_handler[hit], "handler,", ""), index=sel.index) + np.where(
            no_result[hit], "result", ""
        )
        return findings_from(
            sel,
            self,
            status="missing",
            key=sel["opinion_id"],
            subject=first_present(sel["dept"], pd.Series("承办科室", index=sel.index)),
            dept=sel["dept"],
            start=sel["received"],
            date=sel["received"],
            fields={"gaps": gaps.str.rstrip(",")},
        )
