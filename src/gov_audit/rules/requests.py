"""Disclosure on application 依申请公开: the reply period, its extension, the supplement notice."""

from __future__ import annotations

import numpy as np
import pandas as pd

from . import register
from .base import Context, Example, Rule, deadline_findings, findings_from


def _wd(ctx: Context, start: pd.Series, n) -> pd.Series:
    out = ctx.calendar.add_workdays(start.to_numpy(dtype="datetime64[D]"), np.asarray(n, dtype=np.int64))
    return pd.Series(pd.to_datetime(out), index=start.index)


def deemed_receipt(ctx: Context, day: pd.Series) -> pd.Series:
    """The day a request (or its supplement) counts as received.

    条例 第三十一条 fixes receipt by how the request arrived (the day signed for, the day
    confirmed online) and says nothing of rest days.  The disclosure guides offices publish
    under it say a request arriving on a rest day or holiday “顺延至下一个工作日” — the office
    could not have received it before then.  So receipt on a non-working day is deemed
    the next working day, and the period counts from there (``deem_next_workday``).
    """
    if not ctx.params.get("deem_next_workday", True) or day.empty:
        return day
    days = day.to_numpy(dtype="datetime64[D]")
    rolled = ctx.calendar.roll_forward(days)
    return pd.Series(pd.to_datetime(rolled), index=day.index).where(day.notna())


REQUEST_EXAMPLE = {
    "申请编号": "Y-1",
    "申请人": "李某",
    "收到申请日期": "2026-09-14",
    "补正通知日期": None,
    "收到补正日期": None,
    "答复日期": "2026-09-30",
    "承办科室": "办公室",
}


@register
class REQ001(Rule):
    """Reply to an information request later than 20 working days. 依申请公开答复超期。

    Checks every request: the reply (``答复日期``) is due ``days`` working days after
    receipt — after receipt of the supplement when the applicant was asked to complete
    the request — plus the working days spent consulting third parties, plus an
    extension that was both approved and told to the applicant.  An unanswered request
    past that day is ``overdue``.

    Clause: 政府信息公开条例 第三十三条 “不能当场答复的，应当自收到申请之日起20个工作日内予以
    答复；需要延长答复期限的，应当经政府信息公开工作机构负责人同意并告知申请人，延长的期限最长
    不得超过20个工作日。行政机关征求第三方和其他机关意见所需时间不计算在前款规定的期限内”;
    第三十条 “答复期限自行政机关收到补正的申请之日起计算”; 002 (十一) “在法定时限内作出规范答复”.

    Interpretation: an extension counts only when approved *and* notified (第三十三条
    requires both); an approved and notified extension with no length recorded counts
    as the longest allowed; a longer one counts only up to ``max_extension`` (REQ002
    reports the excess).  A request asked to supplement (补正通知日期) whose supplement
    never came (收到补正日期 blank) is abandoned, not overdue: 第三十条 “逾期不补正的，视为
    放弃申请，行政机关不再处理”; it has no reply deadline and is not judged.  A request
    (or a supplement) received on a rest day or holiday counts from the next working day
    (see ``deemed_receipt``): received 2026-10-03 is deemed received 2026-10-08.

    Defaults: days = 20, max_extension = 20, deem_next_workday = true.
    """

    id = "REQ001"
    batched = True
    obligations = ("O046",)
    feeds = {"dept_score": "overdue"}
    example_base = REQUEST_EXAMPLE
    examples = (
        Example(
            "pass",
            ({"答复日期": "2026-10-16"},),
            "20 working days counting the make-up days 09-20 and 10-10, skipping 中秋 and 国庆",
        ),
        Example(
            "fail", ({"答复日期": "2026-10-19"},), expect=({"status": "late", "due": "2026-10-16", "late_by": "1 wd"},)
        ),
        Example(
            "pass",
            ({"补正通知日期": "2026-09-16", "收到补正日期": "2026-09-21", "答复日期": "2026-10-26"},),
            "counted again from the supplement: due 10-26",
        ),
        Example(
            "pass",
            ({"补正通知日期": "2026-09-16", "收到补正日期": None, "答复日期": None},),
            "the supplement never came: abandoned (第三十条), not overdue",
        ),
        Example(
            "pass",
            ({"收到申请日期": "2026-10-03", "答复日期": "2026-11-04"},),
            "received on a holiday: deemed received 10-08, due 11-04",
        ),
        Example(
            "fail",
            ({"收到申请日期": "2026-10-03", "答复日期": "2026-11-05"},),
            expect=({"status": "late", "due": "2026-11-04", "late_by": "1 wd"},),
        ),
    )
    title_zh = "依申请公开未在20个工作日内答复"
    title_en = "Information request not answered within 20 working days"
    citation = "政府信息公开条例 第三十条、第三十三条; 002 (十一)"
    register = "requests"
    needs = (
        "received",
        "supplement_sent",
        "supplement_received",
        "consult_days",
        "extension_approved",
        "extension_notified",
        "extension_days",
        "replied",
    )
    requires_columns = ("replied",)
    params = {"days": 20, "max_extension": 20, "deem_next_workday": True}
    message_zh = "申请 {key}：{start} 起算，应于 {due} 前答复{done_zh}"
    message_en = "Request {key}: counted from {start}, reply due {due}{done_en}"

    def check(self, ctx: Context) -> pd.DataFrame:
        f = ctx.registers["requests"].valid(self.needs)
        abandoned = f["supplement_sent"].notna() & f["supplement_received"].isna()
        f = f[~abandoned]
        start = deemed_receipt(ctx, f["supplement_received"].where(f["supplement_received"].notna(), f["received"]))
        cap = ctx.params["max_extension"]
        lawful = f["extension_approved"] & f["extension_notified"]
        ext = f["extension_days"].fillna(cap).clip(lower=0, upper=cap).where(lawful, 0)
        n = ctx.params["days"] + f["consult_days"].fillna(0).clip(lower=0) + ext
        due = _wd(ctx, start, n.astype(int))
        return deadline_findings(
            ctx,
            self,
            f,
            start=start,
            due=due,
            done=f["replied"],
            unit="wd",
            key=f["case_id"],
            subject=f["dept"],
            dept=f["dept"],
        )


@register
class REQ002(Rule):
    """Reply period extended too long, without approval, or without telling the applicant. 延期答复违规。

    Checks every request that records an extension (延期 是, or 延长天数 above zero): the
    extension may not exceed ``max_days`` working days, must have been approved, and the
    applicant must have been told.

    Clause: 政府信息公开条例 第三十三条 “需要延长答复期限的，应当经政府信息公开工作机构负责人
    同意并告知申请人，延长的期限最长不得超过20个工作日”.

    Interpretation: 延期批准 = 是 with no length is an extension of unknown length, not a
    breach by itself.  The finding's date is the receipt date; the message names which
    condition failed.

    Defaults: max_days = 20.
    """

    id = "REQ002"
    batched = True
    obligations = ("O046",)
    example_base = REQUEST_EXAMPLE
    examples = (
        Example("pass", ({"延期批准": "是", "告知申请人": "是", "延长天数": 15},)),
        Example("fail", ({"延期批准": "是", "告知申请人": "否", "延长天数": 15},), expect=({"says": "未告知申请人"},)),
        Example(
            "fail", ({"延期批准": "是", "告知申请人": "是", "延长天数": 25},), expect=({"says": "超过允许的最长期限"},)
        ),
    )
    title_zh = "依申请公开延期超过20个工作日、未经批准或未告知申请人"
    title_en = "Request extension too long, unapproved or not notified"
    citation = "政府信息公开条例 第三十三条; 002 (十一)"
    register = "requests"
    kind = "row"
    needs = ("received", "extension_approved", "extension_notified", "extension_days")
    params = {"max_days": 20}
    fields = {"extension_days": "int", "reasons": "text"}  # reasons: codes of base.REASONS
    message_zh = "申请 {key}：延期{extra_zh}"
    message_en = "Request {key}: extension {extra_en}"

    def check(self, ctx: Context) -> pd.DataFrame:
        f = ctx.registers["requests"].valid(self.needs)
        days = f["extension_days"]
        extended = f["extension_approved"] | (days > 0)
        too_long = days > ctx.params["max_days"]
        unapproved = extended & ~f["extension_approved"]
        untold = extended & ~f["extension_notified"]
        hit = too_long | unapproved | untold
        codes = (
            np.where(too_long, "too_long,", "")
            + np.where(unapproved, "unapproved,", "")
            + np.where(untold, "not_notified,", "")
        )
        sel = f[hit]
        fields = {
            "reasons": pd.Series(codes, index=f.index)[hit].str.rstrip(","),
            "extension_days": days[hit].fillna(0),
        }
        return findings_from(
            sel,
            self,
            status="violation",
            subject=sel["dept"],
            dept=sel["dept"],
            key=sel["case_id"],
            start=sel["received"],
            date=sel["received"],
            fields=fields,
        )


@register
class REQ003(Rule):
    """Supplement notice later than 7 working days after receipt. 补正告知超期。

    Checks every request for which a supplement was asked (``补正通知日期``): the
    notice must go out within ``days`` working days of receipt, all at once.

    Clause: 政府信息公开条例 第三十条 “申请内容不明确的，行政机关应当给予指导和释明，并自收到
    申请之日起7个工作日内一次性告知申请人作出补正”.

    Interpretation: an added rule (the catalog allows additions); only rows with a
    补正通知日期 are judged, since a request that needed no supplement owes no notice.
    Receipt on a non-working day counts from the next working day, as for REQ001.

    Defaults: days = 7, deem_next_workday = true.
    """

    id = "REQ003"
    batched = True
    obligations = ("O046",)
    example_base = REQUEST_EXAMPLE
    examples = (
        Example("pass", ({"补正通知日期": "2026-09-22", "收到补正日期": "2026-09-25"},), "09-20 is a make-up Sunday"),
        Example(
            "fail",
            ({"补正通知日期": "2026-09-23", "收到补正日期": "2026-09-25"},),
            expect=({"status": "late", "due": "2026-09-22", "late_by": "1 wd"},),
        ),
    )
    title_zh = "补正告知超过7个工作日"
    title_en = "Supplement notice later than 7 working days"
    citation = "政府信息公开条例 第三十条; 002 (十一)"
    register = "requests"
    needs = ("received", "supplement_sent")
    requires_columns = ("supplement_sent",)
    params = {"days": 7, "deem_next_workday": True}
    message_zh = "申请 {key}：{start} 收到，应于 {due} 前一次性告知补正{done_zh}"
    message_en = "Request {key}: received {start}, supplement notice due {due}{done_en}"

    def check(self, ctx: Context) -> pd.DataFrame:
        f = ctx.registers["requests"].valid(self.needs)
        f = f[f["supplement_sent"].notna()]
        due = _wd(ctx, deemed_receipt(ctx, f["received"]), ctx.params["days"])
        return deadline_findings(
            ctx,
            self,
            f,
            start=f["received"],
            due=due,
            done=f["supplement_sent"],
            unit="wd",
            key=f["case_id"],
            subject=f["dept"],
            dept=f["dept"],
        )
