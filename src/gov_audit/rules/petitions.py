"""Petitions 信访: acceptance, conclusion, extension, replies, Wednesday receptions, own limits."""

from __future__ import annotations

import numpy as np
import pandas as pd

from . import register
from .base import (
    Context,
    Example,
    Rule,
    deadline_findings,
    each_office,
    empty_findings,
    findings_from,
    first_present,
    name_offices,
)


def _who(f: pd.DataFrame) -> pd.Series:
    return first_present(f["handler"], f["dept"])


def _days(ctx: Context, start: pd.Series, n) -> pd.Series:
    out = ctx.calendar.add_days(start.to_numpy(dtype="datetime64[D]"), np.asarray(n, dtype=np.int64))
    return pd.Series(pd.to_datetime(out), index=start.index)


# The row the worked examples start from (each example changes a few cells).
PETITION_EXAMPLE = {
    "编号": "X-1",
    "收到日期": "2026-08-01",
    "受理决定日期": "2026-08-05",
    "是否受理": "是",
    "办结日期": "2026-09-01",
    "承办科室": "信访股",
    "承办人": "张三",
}


@register
class PET001(Rule):
    """Acceptance not decided within 15 days of receipt. 受理决定超期。

    Checks every petition with a receipt date: the decision whether to accept
    (``受理决定日期``) must be made within ``days`` calendar days of receipt, counted
    legally (the day of receipt not counted; a last day on a rest day or holiday rolls
    to the next working day).  An undecided petition past that day is ``overdue``.

    Clause: 003 篇3 四 “對接訪的信訪事項，規范登記，并在15日內作出處理”; 信访工作条例
    第二十四条 (15 日内决定是否受理).

    Interpretation: “作出處理” within 15 days is read as the acceptance decision the
    national regulation requires within the same 15 days.  The rule is judged only when
    the register has a 受理决定日期 column.

    Defaults: days = 15.
    """

    id = "PET001"
    batched = True
    obligations = ("O099",)
    example_base = PETITION_EXAMPLE
    examples = (
        Example("pass", ({"收到日期": "2026-09-01", "受理决定日期": "2026-09-16"},), "due 2026-09-16"),
        Example(
            "fail",
            ({"收到日期": "2026-09-15", "受理决定日期": "2026-10-09"},),
            expect=({"status": "late", "due": "2026-09-30", "late_by": "9 d"},),
        ),
        Example(
            "pass",
            ({"收到日期": "2026-09-16", "受理决定日期": "2026-10-08"},),
            "day 15 is 10-01, National Day: the period ends on 10-08",
        ),
    )
    title_zh = "信访事项未在15日内作出受理决定"
    title_en = "Petition acceptance not decided within 15 days"
    citation = "信访工作条例 第二十四条; 003 篇3 四"
    register = "petitions"
    needs = ("received", "accept_decided")
    requires_columns = ("accept_decided",)
    params = {"days": 15}
    message_zh = "信访件 {key}：{start} 收到，应于 {due} 前作出受理决定{done_zh}"
    message_en = "Petition {key}: received {start}, acceptance decision due {due}{done_en}"

    def check(self, ctx: Context) -> pd.DataFrame:
        f = ctx.registers["petitions"].valid(self.needs)
        due = _days(ctx, f["received"], ctx.params["days"])
        return deadline_findings(
            ctx,
            self,
            f,
            start=f["received"],
            due=due,
            done=f["accept_decided"],
            unit="d",
            key=f["case_id"],
            subject=_who(f),
            dept=f["dept"],
        )


@register
class PET002(Rule):
    """Petition not concluded within 60 days (plus an approved extension). 信访办理超期。

    Checks every petition: it must be concluded (``办结日期``) within ``days`` calendar
    days of the acceptance decision (of receipt when no decision date is recorded),
    plus the extension when, and only when, the extension was approved.

    Clause: 003 篇3 四 “對一般的信訪事項，應在60日內辦結；情況復雜的信訪事項，經本局批準，
    可以適當延長辦理期限，但延長期限不得超過30日”; 信访工作条例 第三十二条.

    Interpretation:

    * The clock runs from acceptance (信访工作条例 第三十二条 “自受理之日起60日内办结”): a
      petition recorded as not accepted (是否受理 = 否) has no conclusion deadline and is
      not judged; a blank 是否受理 counts as accepted (the register records accepted cases).
    * An approved extension lengthens the one period: 60 + 30 = 90 days counted from
      acceptance, and only the last day of that period rolls past a rest day or holiday
      (民法典 第二百零三条 moves the *end* of a period; the original 60th day, once
      extended, ends nothing).  Receipt 08-05 with a 30-day extension is due 11-03, not
      11-09 (which adding 30 days to the already-rolled 10-08 would give).
    * An approved extension without a recorded length counts as the longest allowed
      (``max_extension``); a recorded length over that counts only up to it (PET003
      reports the excess).

    Defaults: days = 60, max_extension = 30.
    """

    id = "PET002"
    batched = True
    obligations = ("O100", "O089")
    example_base = PETITION_EXAMPLE
    examples = (
        Example(
            "pass",
            ({"受理决定日期": "2026-08-05", "办结日期": "2026-10-08"},),
            "day 60 is 10-04, in the National Day holiday: due 10-08",
        ),
        Example(
            "fail",
            ({"受理决定日期": "2026-08-05", "办结日期": "2026-10-09"},),
            expect=({"status": "late", "due": "2026-10-08", "late_by": "1 d"},),
        ),
        Example(
            "fail",
            ({"受理决定日期": "2026-08-05", "办结日期": None},),
            as_of="2026-11-24",
            expect=({"status": "overdue", "due": "2026-10-08", "late_by": "47 d"},),
        ),
        Example(
            "pass",
            ({"受理决定日期": "2026-08-05", "是否受理": "否", "办结日期": None},),
            "not accepted: no conclusion deadline",
        ),
        Example(
            "fail",
            ({"受理决定日期": "2026-08-05", "延期批准": "是", "延长天数": 30, "办结日期": "2026-11-04"},),
            "one 90-day period from acceptance",
            expect=({"status": "late", "due": "2026-11-03", "late_by": "1 d"},),
        ),
    )
    title_zh = "信访事项未在60日内办结"
    title_en = "Petition not concluded within 60 days"
    citation = "信访工作条例 第三十二条; 003 篇3 四"
    register = "petitions"
    needs = ("received", "accept_decided", "accepted", "closed", "extension_approved", "extension_days")
    requires_columns = ("closed",)
    params = {"days": 60, "max_extension": 30}
    message_zh = "信访件 {key}：{start} 起算，应于 {due} 前办结{done_zh}"
    message_en = "Petition {key}: counted from {start}, conclusion due {due}{done_en}"

    def check(self, ctx: Context) -> pd.DataFrame:
        f = ctx.registers["petitions"].valid(self.needs)
        f = f[f["accepted"].astype(bool)]
        base = f["accept_decided"].where(f["accept_decided"].notna(), f["received"])
        cap = ctx.params["max_extension"]
        ext = f["extension_days"].fillna(cap).clip(lower=0, upper=cap).where(f["extension_approved"], 0).astype(int)
        due = _days(ctx, base, ctx.params["days"] + ext)
        return deadline_findings(
            ctx,
            self,
            f,
            start=base,
            due=due,
            done=f["closed"],
            unit="d",
            key=f["case_id"],
            subject=_who(f),
            dept=f["dept"],
        )


@register
class PET003(Rule):
    """Extension longer than allowed, or taken without approval. 信访延期违规。

    Checks every petition recording an extension: its length may not exceed
    ``max_days``, and it must have been approved (``延期批准`` = 是).

    Clause: 003 篇3 四 “經本局批準，可以適當延長辦理期限，但延長期限不得超過30日”;
    信访工作条例 第三十二条.

    Interpretation: an extension is “taken” when 延长天数 is above zero.  The finding's
    date is the receipt date.

    Defaults: max_days = 30.
    """

    id = "PET003"
    batched = True
    obligations = ("O100",)
    example_base = PETITION_EXAMPLE
    examples = (
        Example("pass", ({"延期批准": "是", "延长天数": 30},)),
        Example("fail", ({"延期批准": "是", "延长天数": 45},), expect=({"status": "violation"},)),
        Example("fail", ({"延期批准": "否", "延长天数": 10},), expect=({"status": "violation"},)),
    )
    title_zh = "信访延期超过30日或未经批准"
    title_en = "Petition extension too long or not approved"
    citation = "信访工作条例 第三十二条; 003 篇3 四"
    register = "petitions"
    kind = "row"
    needs = ("received", "extension_approved", "extension_days")
    requires_columns = ("extension_days",)
    params = {"max_days": 30}
    message_zh = "信访件 {key}：延期 {extension_days} 日，{reason_zh}"
    message_en = "Petition {key}: extended by {extension_days} days, {reason_en}"
    fields = {"extension_days": "int", "reasons": "text"}  # reasons: codes of base.REASONS

    def check(self, ctx: Context) -> pd.DataFrame:
        f = ctx.registers["petitions"].valid(self.needs)
        ext = f["extension_days"]
        too_long = ext > ctx.params["max_days"]
        unapproved = (ext > 0) & ~f["extension_approved"]
        hit = too_long | unapproved
        sel = f[hit]
        reason = np.where(unapproved[hit], "unapproved", "too_long")
        return findings_from(
            sel,
            self,
            status="violation",
            subject=_who(sel),
            dept=sel["dept"],
            key=sel["case_id"],
            start=sel["received"],
            date=sel["received"],
            due=None,
            fields={"extension_days": ext[hit], "reasons": reason},
        )


@register
class PET004(Rule):
    """Signed letter with no reply: 署名来信每信必复. 署名来信未答复。

    Checks every petition that came as a letter (信访方式 来信) and was signed (是否署名
    是, or 是否匿名 否 when only that column is kept): it must have a reply date.

    Clause: 003 篇3 八 “對署名來信每信必復，對來訪、來電登記當事人電話，處理結果及時回復”.

    Interpretation: the clause sets no period, so a reply is owed at the latest when
    the matter is concluded: a letter concluded without a reply, or still unanswered
    ``days`` days after receipt (the conclusion period), is ``missing`` its reply.
    The finding's date is the conclusion date, else that due date.

    Defaults: days = 60.
    """

    id = "PET004"
    batched = True
    obligations = ("O103",)
    example_base = {**PETITION_EXAMPLE, "信访方式": "来信", "是否署名": "是"}
    examples = (
        Example("pass", ({"答复日期": "2026-09-20"},)),
        Example("fail", ({"办结日期": "2026-10-09", "答复日期": None},), expect=({"status": "missing"},)),
    )
    title_zh = "署名来信未答复（每信必复）"
    title_en = "Signed letter never answered"
    citation = "003 篇3 八"
    register = "petitions"
    kind = "row"
    needs = ("received", "channel", "signed", "anonymous", "replied", "closed")
    requires_columns = ("channel", "replied")
    params = {"days": 60}
    message_zh = "信访件 {key}：署名来信，{start} 收到，没有答复记录"
    message_en = "Petition {key}: signed letter received {start} has no reply on record"

    def check(self, ctx: Context) -> pd.DataFrame:
        data = ctx.registers["petitions"]
        f = data.valid(self.needs)
        letter = f["channel"].fillna("").str.contains("信") & ~f["channel"].fillna("").str.contains("网")
        signed = f["signed"] if "signed" in data.present else ~f["anonymous"]
        due = _days(ctx, f["received"], ctx.params["days"])
        closed = f["closed"].where(f["closed"] <= ctx.as_of)
        owed = closed.notna() | (due < ctx.as_of)
        hit = letter & signed & f["replied"].isna() & owed & (f["received"] <= ctx.as_of)
        sel = f[hit]
        when = closed[hit].where(closed[hit].notna(), due[hit])
        return findings_from(
            sel,
            self,
            status="missing",
            subject=_who(sel),
            dept=sel["dept"],
            key=sel["case_id"],
            start=sel["received"],
            due=due[hit],
            date=when,
        )


@register
class PET005(Rule):
    """A working Wednesday with no leader reception on record. 周三领导接访缺失。

    Checks, when a 领导接访 register is supplied, that every Wednesday which is a
    working day has at least one reception record.  A Wednesday holiday needs none.

    Clause: 003 篇3 一 “每周三由局領導輪流接待和處理群眾來信來訪，并做好接待情況記錄”.

    Interpretation: the register's earliest date is taken as when the office started
    keeping it; Wednesdays from then to the end of the audited range (and not after
    the as-of day) are judged.  An empty register judges nothing.  Each finding names
    the date and has no source row.

    Defaults: weekday = 2 (Monday = 0).
    """

    id = "PET005"
    batched = True
    obligations = ("O096",)
    example_base = {"接访日期": "2026-09-23", "接待领导": "李局长", "来访人数": 2}
    examples = (
        Example("pass", ({"接访日期": "2026-09-23"}, {"接访日期": "2026-09-30"}), as_of="2026-09-30"),
        Example(
            "fail",
            ({"接访日期": "2026-09-23"},),
            "Wednesday 09-30 is a working day with no reception",
            as_of="2026-09-30",
            expect=({"status": "missing", "due": "2026-09-30"},),
        ),
    )
    title_zh = "周三未安排局领导接访"
    title_en = "No leader reception on a working Wednesday"
    citation = "003 篇3 一"
    register = "receptions"
    kind = "periodic"
    needs = ("date",)
    params = {"weekday": 2}
    message_zh = "{period}（星期三，工作日）没有局领导接访记录"
    message_en = "{period} (a working Wednesday) has no leader reception on record"

    def check(self, ctx: Context) -> pd.DataFrame:
        data = ctx.registers["receptions"]
        dates = data.valid(self.needs)["date"].dropna()
        if dates.empty:
            return empty_findings()
        # Each office from its own first reception on (offices × reception days).
        office = each_office(data, dates)
        firsts = pd.Series(dates.to_numpy()).groupby(office).min()
        first = max(firsts.min(), ctx.since)
        last = min(ctx.until, ctx.as_of)
        days = pd.date_range(first, last, freq="D")
        wanted = days[(days.day_of_week == ctx.params["weekday"])]
        if wanted.empty:
            return empty_findings()
        work = ctx.calendar.is_workday(wanted.to_numpy(dtype="datetime64[D]"))
        wanted = wanted[work].to_numpy(dtype="datetime64[ns]")
        starts = np.maximum(firsts.to_numpy(dtype="datetime64[ns]"), np.datetime64(ctx.since.to_datetime64(), "ns"))
        due = wanted[None, :] >= starts[:, None]
        held = np.zeros(due.shape, dtype=bool)
        day = dates.dt.normalize().to_numpy(dtype="datetime64[ns]")
        at = np.searchsorted(wanted, day)
        hit = at < len(wanted)
        hit[hit] &= wanted[at[hit]] == day[hit]
        held[np.searchsorted(firsts.index.to_numpy(), office[hit]), at[hit]] = True
        at_office, at_day = np.nonzero(due & ~held)  # (each office's days in order)
        missing = pd.DatetimeIndex(wanted[at_day])
        rows = pd.DataFrame(index=range(len(missing)))
        iso = missing.strftime("%Y-%m-%d")
        found = findings_from(
            rows,
            self,
            status="missing",
            key=list(iso),
            period=list(iso),
            date=list(missing),
            due=list(missing),
            subject="局领导",
        )
        return name_offices(found, data, firsts.index.to_numpy()[at_office])


@register
class PET006(Rule):
    """Concluded after the office's own promised limit. 超过限办截止时间。

    Checks every petition whose register records the office's own deadline
    (``限办截止时间``, the 信访案件限时办结制 promise): the conclusion date may not be later.
    An open petition past its limit is ``overdue``.

    Clause: 001 ㈢ “實行首問責任制、信訪案件限時辦結制”.

    Interpretation: the limit is a date the office fixed itself, so it is used as it is
    (no rolling).  Rows with no limit are not judged.
    """

    id = "PET006"
    batched = True
    obligations = ("O027", "O089")
    example_base = PETITION_EXAMPLE
    examples = (
        Example("pass", ({"限办截止时间": "2026-09-30", "办结日期": "2026-09-29"},)),
        Example(
            "fail",
            ({"限办截止时间": "2026-09-30", "办结日期": "2026-10-09"},),
            expect=({"status": "late", "due": "2026-09-30", "late_by": "9 d"},),
        ),
    )
    title_zh = "超过本单位承诺的限办时间"
    title_en = "Concluded after the office's own promised limit"
    citation = "001 ㈢ 信访案件限时办结制; 003 工作與督查制度 7"
    register = "petitions"
    needs = ("received", "limit", "closed")
    requires_columns = ("limit",)
    message_zh = "信访件 {key}：承诺 {due} 前办结{done_zh}"
    message_en = "Petition {key}: promised conclusion by {due}{done_en}"

    def check(self, ctx: Context) -> pd.DataFrame:
        f = ctx.registers["petitions"].valid(self.needs)
        f = f[f["limit"].notna()]
        return deadline_findings(
            ctx,
            self,
            f,
            start=f["received"],
            due=f["limit"],
            done=f["closed"],
            unit="d",
            key=f["case_id"],
            subject=_who(f),
            dept=f["dept"],
        )


def _case_findings(rule: Rule, sel: pd.DataFrame, status: str, fields: dict) -> pd.DataFrame:
    """One finding per petition case, dated on its receipt."""
    return findings_from(
        sel,
        rule,
        status=status,
        subject=_who(sel),
        dept=sel["dept"],
        key=sel["case_id"],
        start=sel["received"],
        date=sel["received"],
        fields=fields,
    )


@register
class PET007(Rule):
    """A major or higher-assigned case with no leader in charge (包案). 重大、上级交办信访无包案领导。

    Checks every case marked 重大 or 上级交办: its 包案领导 is named.

    Clause: 003 篇3 一 “重大信訪案件、上級交辦案件由局領導包案負責”.

    Interpretation: the register's own marks decide which cases are major or from above;
    a blank mark is “no”.  Who counts as a bureau leader is not judged here.

    Defaults: none.
    """

    id = "PET007"
    batched = True
    obligations = ("O095",)
    title_zh = "重大、上级交办信访案件未落实领导包案"
    title_en = "Major or higher-assigned petition without a leader in charge"
    citation = "003 篇3 一"
    register = "petitions"
    kind = "row"
    needs = ("case_id", "received", "major", "from_above", "lead")
    requires_columns = ("lead",)
    fields = {"why": "text"}
    message_zh = "信访件 {key}（{why}）没有包案领导"
    message_en = "Petition {key} ({why}) has no bureau leader in charge"
    example_base = {**PETITION_EXAMPLE, "重大信访": "是", "包案领导": "郑建国"}
    examples = (
        Example("pass", ({},)),
        Example("fail", ({"包案领导": None},), expect=({"status": "missing"},)),
        Example("pass", ({"重大信访": "否", "包案领导": None},), "an ordinary case needs none"),
    )

    def check(self, ctx: Context) -> pd.DataFrame:
        f = ctx.registers["petitions"].valid(self.needs)
        major = f["major"].fillna(False).astype(bool)
        above = f["from_above"].fillna(False).astype(bool)
        hit = (major | above) & f["lead"].isna()
        sel = f[hit]
        why = np.where(major[hit] & above[hit], "重大、上级交办", np.where(major[hit], "重大", "上级交办"))
        return _case_findings(self, sel, "missing", {"why": why})


@register
class PET008(Rule):
    """A visit or call with no phone recorded, or a result not fed back. 来访来电未登记电话或未回复结果。

    Checks every petition by visit or call (来访, 来电): the petitioner's phone is
    recorded, and once the case is concluded the result is fed back (结果反馈日期).

    Clause: 003 篇3 八 “對來訪、來電登記當事人電話,處理結果及時回復”.

    Interpretation: the phone is judged when the register has a phone column, the feedback
    when it has a feedback column; “及時” sets no number, so a concluded case with no
    feedback date is the finding (its timing is not judged).

    Defaults: none.
    """

    id = "PET008"
    batched = True
    obligations = ("O104",)
    title_zh = "来访、来电未登记当事人电话或未回复处理结果"
    title_en = "Visit or call: no phone recorded, or result not fed back"
    citation = "003 篇3 八"
    register = "petitions"
    kind = "row"
    needs = ("case_id", "received", "channel", "phone", "closed", "feedback")
    requires_columns = ("phone",)
    message_zh = "信访件 {key}（{channel_zh}）：{what_zh}"
    message_en = "Petition {key} ({channel_zh}): {what_en}"
    example_base = {**PETITION_EXAMPLE, "信访方式": "来电", "联系电话": "13900001111", "结果反馈日期": "2026-09-02"}
    examples = (
        Example("pass", ({},)),
        Example("fail", ({"联系电话": None},), expect=({"status": "missing", "says": "未登记当事人电话"},)),
        Example("fail", ({"结果反馈日期": None},), expect=({"status": "missing", "says": "未回复"},)),
        Example("pass", ({"信访方式": "来信", "联系电话": None, "结果反馈日期": None},), "a letter: PET004 judges it"),
    )

    @classmethod
    def message_fields(cls, f: dict, lang: str) -> dict:
        what = str(f.get("x_what") or "")
        zh = {
            "phone": "未登记当事人电话",
            "feedback": "已办结但未回复处理结果",
            "both": "未登记当事人电话，且已办结未回复处理结果",
        }
        en = {
            "phone": "no phone recorded",
            "feedback": "concluded, result not fed back",
            "both": "no phone, and result not fed back",
        }
        channel = str(f.get("x_channel") or "")
        return {"what_zh": zh.get(what, what), "what_en": en.get(what, what), "channel_zh": channel}

    fields = {"what": "text", "channel": "text"}

    def check(self, ctx: Context) -> pd.DataFrame:
        f = ctx.registers["petitions"].valid(self.needs)
        spoken = f["channel"].fillna("").astype(str).str.contains("来访|来电")
        no_phone = spoken & f["phone"].isna()
        unanswered = spoken & f["closed"].notna() & (f["closed"].dt.normalize() <= ctx.as_of) & f["feedback"].isna()
        hit = no_phone | unanswered
        sel = f[hit]
        what = np.where(no_phone[hit] & unanswered[hit], "both", np.where(no_phone[hit], "phone", "feedback"))
        return _case_findings(self, sel, "missing", {"what": what, "channel": sel["channel"]})


@register
class PET009(Rule):
    """A review requested more than ``review_days`` days after the written decision. 复查申请超过30日。

    Checks every case with a 书面意见日期 and a 复查申请日期: the request must come within
    ``review_days`` days of receiving the written decision; later, the request is out of
    time.  A warning for the office handling the review (the late party is the
    petitioner, not the office).

    Clause: 003 篇3 七 “*人如不同意處理意見……在收到書面處理意見30日之內……請求復查”.

    Interpretation: “30日之內” counts calendar days from the day the decision was
    received (not counted): day 30 is in time, day 31 is not.

    Defaults: review_days = 30.
    """

    id = "PET009"
    batched = True
    obligations = ("O102",)
    title_zh = "复查申请超过收到书面处理意见后30日"
    title_en = "Review requested more than 30 days after the written decision"
    citation = "003 篇3 七"
    register = "petitions"
    kind = "row"
    needs = ("case_id", "decision_sent", "review_requested")
    requires_columns = ("decision_sent", "review_requested")
    params = {"review_days": 30}
    message_zh = "信访件 {key}：书面意见 {start} 送达，复查申请 {done}，已超过 {due} 的期限（提示：申请已逾期）"
    message_en = (
        "Petition {key}: decision received {start}, review requested {done}, after the {due} limit (out of time)"
    )
    example_base = {**PETITION_EXAMPLE, "书面意见日期": "2026-09-01", "复查申请日期": "2026-10-01"}
    examples = (
        Example("pass", ({},), "day 30"),
        Example(
            "fail",
            ({"复查申请日期": "2026-10-02"},),
            expect=({"status": "late", "due": "2026-10-01", "late_by": "1 d"},),
        ),
    )

    def check(self, ctx: Context) -> pd.DataFrame:
        f = ctx.registers["petitions"].valid(self.needs)
        f = f[f["decision_sent"].notna() & f["review_requested"].notna()]
        due = f["decision_sent"] + pd.Timedelta(days=int(ctx.params["review_days"]))
        late = f["review_requested"].dt.normalize() > due
        sel = f[late]
        return findings_from(
            sel,
            self,
            status="late",
            severity="warning",
            subject=_who(sel),
            dept=sel["dept"],
            key=sel["case_id"],
            start=sel["decision_sent"],
            due=due[late],
            done=sel["review_requested"],
            late_by=(sel["review_requested"].dt.normalize() - due[late]).dt.days,
            late_unit="d",
            date=sel["review_requested"],
        )
