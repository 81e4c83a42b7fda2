"""Conduct 首问负责 · 一次性告知 · 效能告诫: substantiated complaints against a person."""

from __future__ import annotations

import pandas as pd

from . import register
from .base import Context, Example, Rule, deadline_findings, finding_fields, person_findings
from .ladder import Ladder, Tier


class _ComplaintRule(Rule):
    register = "complaints"
    kind = "row"
    needs = ("date", "name", "kind", "substantiated")
    words = ""
    fields = {"detail": "text"}  # the complaint's 事由
    message_zh = "{subject} {start}：{title_zh}（{detail}）"
    message_en = "{subject} {start}: {title_en} ({detail})"

    @classmethod
    def message_fields(cls, f: dict, lang: str) -> dict:
        return {"title_zh": cls.title_zh, "title_en": cls.title_en, "detail": finding_fields(f).get("detail") or "—"}

    def check(self, ctx: Context) -> pd.DataFrame:
        f = ctx.registers["complaints"].valid(self.needs)
        # 查实 is typed "yes unless said otherwise": blank means substantiated.
        hit = f["kind"].fillna("").astype(str).str.contains(self.words) & f["substantiated"].astype(bool)
        sel = f[hit]
        return person_findings(sel, self, sel["date"], status="violation", fields={"detail": sel["detail"]})


COMPLAINT_EXAMPLE = {
    "投诉日期": "2026-09-02",
    "被投诉人": "张三",
    "部门": "综合股",
    "投诉类型": "首问负责",
    "是否查实": "是",
    "事由": "推诿",
}


@register
class CON001(_ComplaintRule):
    """Substantiated first-inquiry violation (首问负责制). 违反首问负责制。

    Checks the complaints register for substantiated complaints of kind 首问负责: the
    first person asked must take the matter on (receive, register, give a receipt, or
    lead the caller to the right office).  Feeds the first_inquiry ladder.

    Clause: 003 首問負責制 1–6; 6 “違反首問負責制的個人……一年內第一次違反的要作書面檢討，給予誡勉
    教育；兩次違反的要予以效能告誡，年度考核定為基本稱職；三次違反的給予行政警告以上紀律處分”.

    Interpretation: 查实 blank counts as substantiated (the register records outcomes).
    """

    id = "CON001"
    batched = True
    obligations = ("O026",)
    feeds = {"first_inquiry": "count"}
    example_base = COMPLAINT_EXAMPLE
    examples = (
        Example("pass", ({"是否查实": "否"},)),
        Example("fail", ({"是否查实": "是"},), expect=({"status": "violation", "subject": "张三"},)),
        Example(
            "fail", ({"是否查实": None},), "a blank 查实 counts as substantiated", expect=({"status": "violation"},)
        ),
    )
    title_zh = "违反首问负责制（查实）"
    title_en = "First-inquiry responsibility violated (substantiated)"
    citation = "003 首問負責制 6; 001 ㈢"
    words = "首问"


@register
class CON002(_ComplaintRule):
    """Substantiated one-time-notice violation (一次性告知). 违反一次性告知制度。

    Checks the complaints register for substantiated complaints of kind 一次性告知: a
    citizen sent back for missing papers must be told everything needed at once.
    Feeds the one_time_notice ladder.

    Clause: 003 一次性告知制度 3 “承辦人未做到一次告知服務對象而被投訴的……一年內第一次違反的要
    予以效能告誡，年度考核定為基本稱職；有二次違反的給予行政警告以上紀律處分，年度考核定為不稱職”.

    Interpretation: 查实 blank counts as substantiated.
    """

    id = "CON002"
    batched = True
    obligations = ("O051",)
    feeds = {"one_time_notice": "count"}
    example_base = {**COMPLAINT_EXAMPLE, "投诉类型": "一次性告知"}
    examples = (
        Example("pass", ({"是否查实": "否"},)),
        Example("fail", ({"是否查实": "是"},), expect=({"status": "violation"},)),
    )
    title_zh = "违反一次性告知制度（查实）"
    title_en = "One-time notice violated (substantiated)"
    citation = "003 一次性告知制度 3"
    words = "一次性告知"


@register
class CON003(_ComplaintRule):
    """Substantiated efficiency-rule violation (效能告诫制度 一、1–6). 违反效能规定。

    Checks the complaints register for substantiated complaints of kind 效能告诫 (or
    其他 efficiency matters recorded as such): idling at work, refusing to handle a
    complete application, missing a time limit without explanation, making a citizen
    come twice.  Feeds the efficiency_rules ladder.

    Clause: 003 效能告誡制度 一 “機關工作人員有下列違紀違規行為之一的，一年內第一次給予誡勉教育，
    第二次給予效能告誡”.

    Interpretation: 查实 blank counts as substantiated.  Lateness and early leaving
    (一、1) are judged from the attendance register (ATT001/ATT002), not here.
    """

    id = "CON003"
    batched = True
    obligations = ("O053",)
    feeds = {"efficiency_rules": "count"}
    example_base = {**COMPLAINT_EXAMPLE, "投诉类型": "效能告诫"}
    examples = (
        Example("pass", ({"是否查实": "否"},)),
        Example("fail", ({"是否查实": "是"},), expect=({"status": "violation"},)),
    )
    title_zh = "违反效能告诫制度规定（查实）"
    title_en = "Efficiency rules violated (substantiated)"
    citation = "003 效能告誡制度 一"
    words = "效能"


LADDERS_READING = """\
首問負責制 6 and 一次性告知制度 3 (quoted on CON001 and CON002).  效能告誡制度 一 “一年內第一次給予
誡勉教育，第二次給予效能告誡”: each violation from the second on earns one warning (二 speaks of
“多次被效能告誡”).  效能告誡制度 二 “一年內被效能告誡一次的，年度考核不能評定為優秀；…兩次的，…不能
評定為稱職；…累計被效能告誡三次的，年度考核評為不稱職；經教育無效多次被效能告誡的給予行政警告以上紀律
處分”: the annual rating counts the warnings every person ladder gave in the window; more
than three is “多次”.  A ladder that fixes the rating itself caps it too; the stricter wins.
"""

LADDERS = (
    Ladder(
        "first_inquiry",
        "count",
        "首问负责制处理",
        "First-inquiry discipline",
        "003 首問負責制 6",
        steps=(
            (3, Tier(3, "行政警告以上纪律处分", "administrative warning or heavier sanction", 1, "incompetent")),
            (2, Tier(2, "效能告诫", "efficiency warning", 1, "not_competent")),
            (1, Tier(1, "书面检讨，诫勉教育", "written self-criticism, admonishment")),
        ),
        shown_as="discipline",
        obligations=("O026", "O050"),
    ),
    Ladder(
        "one_time_notice",
        "count",
        "一次性告知制度处理",
        "One-time-notice discipline",
        "003 一次性告知制度 3",
        steps=(
            (2, Tier(2, "行政警告以上纪律处分", "administrative warning or heavier sanction", 1, "incompetent")),
            (1, Tier(1, "效能告诫", "efficiency warning", 1, "not_competent")),
        ),
        shown_as="discipline",
        obligations=("O052",),
    ),
    Ladder(
        "efficiency_rules",
        "count",
        "效能告诫",
        "Efficiency warnings",
        "003 效能告誡制度 一",
        steps=((2, Tier(2, "效能告诫", "efficiency warning", 1)), (1, Tier(1, "诫勉教育", "admonishment"))),
        repeat_warnings=True,
        shown_as="discipline",
        obligations=("O053",),
    ),
    Ladder(
        "annual_rating",
        "rating",
        "年度考核等次限制",
        "Annual rating caps",
        "003 效能告誡制度 二",
        steps=(
            (
                4,
                Tier(
                    4,
                    "年度考核评为不称职，给予行政警告以上纪律处分",
                    "rated 'incompetent'; administrative warning or heavier",
                    0,
                    "incompetent",
                ),
            ),
            (3, Tier(3, "年度考核评为不称职", "annual rating 'incompetent'", 0, "incompetent")),
            (2, Tier(2, "年度考核不得评为称职", "annual rating cannot be 'competent'", 0, "not_competent")),
            (1, Tier(1, "年度考核不得评为优秀", "annual rating cannot be 'excellent'", 0, "not_excellent")),
        ),
        shown_as="rating",
        obligations=("O054",),
    ),
)


@register
class CON004(Rule):
    """A complaint without a result within ``result_days`` days. 投诉举报未在期限内处理出结果。

    Checks every complaint: it has a 处理结果 and an 办结日期 no later than
    ``result_days`` days after it was made (the end rolled to the next working day when it
    falls on a rest day).  Concluded later is late; still without a result after that,
    overdue.

    Clause: 000 (九)2 “認真接受群眾的舉報和投訴,做到事事有結果,有回響”.

    Interpretation: the clause sets no period; ``result_days`` (30) is the rulebook's,
    the 信访 limit for a first decision being the nearest the seeds give.  Judged when the
    register has a 办结日期 column.

    Defaults: result_days = 30.
    """

    id = "CON004"
    batched = True
    obligations = ("O018",)
    title_zh = "投诉举报未在期限内处理出结果"
    title_en = "Complaint without a result in time"
    citation = "000 (九)2"
    register = "complaints"
    kind = "deadline"
    needs = ("date", "concluded")
    requires_columns = ("concluded",)
    params = {"result_days": 30}
    message_zh = "{start} 对{subject}的投诉应于 {due} 前处理出结果{done_zh}"
    message_en = "the complaint of {start} about {subject} needed a result by {due}{done_en}"
    example_base = {
        **COMPLAINT_EXAMPLE,
        "处理结果": "已批评教育",
        "办结日期": "2026-09-20",
        "处理负责人": "郑建国（局长）",
    }
    examples = (
        Example("pass", ({},)),
        Example(
            "fail",
            ({"处理结果": None, "办结日期": None},),
            "30 days from 09-02 end on 10-02, in 国庆: the next working day",
            expect=({"status": "overdue", "due": "2026-10-08"},),
        ),
    )

    def check(self, ctx: Context) -> pd.DataFrame:
        f = ctx.registers["complaints"].valid(self.needs)
        f = f[f["date"].notna()]
        due = pd.to_datetime(
            pd.Series(ctx.calendar.add_days(f["date"].to_numpy(), ctx.params["result_days"]), index=f.index)
        )
        # A date with no result written is not a result (when the sheet records results).
        data = ctx.registers["complaints"]
        done = f["concluded"].where(f["result"].notna()) if "result" in data.present else f["concluded"]
        return deadline_findings(
            ctx,
            self,
            f,
            start=f["date"],
            due=due,
            done=done,
            unit="d",
            key=f["name"].astype(str) + " " + f["date"].dt.strftime("%Y-%m-%d"),
            subject=f["name"],
            dept=f["dept"],
        )


@register
class CON005(Rule):
    """A complaint case not handled by the principal leader. 投诉案件未由主要负责同志负责。

    Checks every complaint with a 处理负责人: it is the principal leader — a title in
    ``principal_titles`` without 副 (deputy).

    Clause: 000 (九)3 “對投訴案件,各級人口和計劃生育政務領導小組主要負責同志要親自負責,認真調查處理”.

    Interpretation: the principal is recognised by title, as for MTG008; a blank
    处理负责人 is not judged (no evidence either way).

    Defaults: principal_titles = ["局长", "主任", "主要负责人", "书记"].
    """

    id = "CON005"
    batched = True
    obligations = ("O019",)
    title_zh = "投诉案件未由主要负责同志亲自负责"
    title_en = "Complaint case not handled by the principal leader"
    citation = "000 (九)3"
    register = "complaints"
    kind = "row"
    needs = ("date", "handled_by")
    requires_columns = ("handled_by",)
    params = {"principal_titles": ["局长", "主任", "主要负责人", "书记"]}
    fields = {"handled_by": "text"}
    message_zh = "{start} 对{subject}的投诉由“{handled_by}”负责处理，应由主要负责同志亲自负责"
    message_en = "the complaint of {start} about {subject} was handled by “{handled_by}”, not the principal leader"
    example_base = {**COMPLAINT_EXAMPLE, "处理负责人": "郑建国（局长）"}
    examples = (
        Example("pass", ({},)),
        Example("fail", ({"处理负责人": "刘晓梅（副局长）"},), expect=({"status": "violation"},)),
    )

    def check(self, ctx: Context) -> pd.DataFrame:
        f = ctx.registers["complaints"].valid(self.needs)
        who = f["handled_by"].fillna("").astype(str)
        principal = who.str.contains("|".join(ctx.params["principal_titles"])) & ~who.str.contains("副")
        sel = f[f["handled_by"].notna() & f["date"].notna() & ~principal]
        return person_findings(sel, self, sel["date"], status="violation", fields={"handled_by": sel["handled_by"]})


@register
class CON006(Rule):
    """A discretionary efficiency warning given without a bureau meeting. 酌情效能告诫未经局务会集体研究。

    Checks every complaint record of kind 效能告诫 given on the discretionary ground — its
    告诫依据 names 四, or its 事由 names one of ``grounds`` (not active, irresponsible,
    lax, much public criticism): its 局务会研究 is 是.

    Clause: 003 效能告誡制度 四 “對個別人員工作不積極、不負責任、作風散漫以及群眾意見大的，經局務會
    集體研究可以給予效能告誡”.

    Interpretation: a warning under 一 (a second violation) or 三 needs no meeting; only
    the discretionary one of 四 rests on the collective decision.  Blank is not decided.
    Defaults: grounds = ["不积极", "不负责", "作风散漫", "群众意见大"].
    """

    id = "CON006"
    batched = True
    obligations = ("O055",)
    title_zh = "酌情效能告诫未经局务会集体研究"
    title_en = "Discretionary efficiency warning without a bureau meeting"
    citation = "003 效能告誡制度 四"
    register = "complaints"
    kind = "row"
    needs = ("date", "name", "kind", "meeting")
    requires_columns = ("meeting",)
    params = {"grounds": ["不积极", "不负责", "作风散漫", "群众意见大"]}
    fields = {"detail": "text"}
    message_zh = "{subject} {start}：以“{detail}”给予效能告诫，未经局务会集体研究"
    message_en = "{subject} {start}: efficiency warning for “{detail}” without a bureau meeting's decision"
    example_base = {
        **COMPLAINT_EXAMPLE,
        "投诉类型": "效能告诫",
        "事由": "作风散漫",
        "告诫依据": "四",
        "局务会研究": "是",
    }
    examples = (
        Example("pass", ({},)),
        Example("pass", ({"事由": "迟到", "告诫依据": "一", "局务会研究": None},), "a second violation (一)"),
        Example("fail", ({"局务会研究": "否"},), expect=({"status": "violation", "says": "未经局务会集体研究"},)),
        Example(
            "fail", ({"告诫依据": None, "事由": "群众意见大", "局务会研究": None},), expect=({"status": "violation"},)
        ),
    )

    @classmethod
    def message_fields(cls, f: dict, lang: str) -> dict:
        return {"detail": finding_fields(f).get("detail") or "—"}

    def check(self, ctx: Context) -> pd.DataFrame:
        f = ctx.registers["complaints"].valid(self.needs)
        warning = f["kind"].fillna("").astype(str).str.contains("效能告诫")
        basis = f["basis"].fillna("").astype(str)
        detail = f["detail"].fillna("").astype(str)
        discretionary = basis.str.contains("四") | detail.str.contains("|".join(ctx.params["grounds"]))
        sel = f[warning & discretionary & ~f["meeting"].fillna(False).astype(bool)]
        return person_findings(sel, self, sel["date"], status="violation", fields={"detail": sel["detail"]})
