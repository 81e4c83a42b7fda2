"""Major decisions 重大决策: disclosed before, during and after the decision.

Clause: 002 (一)1 “公布决策草案、背景、依据和主要内容，广泛征求公众意见，并公开意见采纳情况，不予采纳
的要说明理由”; (一)2 (who attends, whether and how the meeting is opened, proposed with the
meeting plan); 000 (二)3 “初审会、审议会、决议会做出决定，再进行公示”; 004 三 “重要事项……应实行
预公开；与群众利益密切相关的重大事项，做到决策前、决策中、决策后公开”.

Interpretation for the family: one row per major decision (重大决策登记), linked to its
meetings by the 事项编号 the meetings register records as 议题.  The seeds set no time
limit for publishing a decision's outcome; a decision taken is a completed matter, so
000 (一)3's “动态公开内容应在完成后3天内公开” applies: ``publish_days`` = 3 days, legally
counted (a last day on a rest day rolls), as DIS001 counts it.
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
    empty_findings,
    findings_from,
    first_present,
    office_lookup,
)

DECISION_EXAMPLE = {
    "事项编号": "ZD-2026-01",
    "决策事项": "调整计划生育特别扶助标准",
    "草案公布日期": "2026-02-10",
    "决策日期": "2026-03-16",
    "采纳情况公开日期": "2026-03-18",
    "公示日期": "2026-03-18",
    "列席公开意见": "是",
    "牵头科室": "政策法规股",
}
FAMILY = "decisions"


def _decisions(ctx: Context, needs: tuple[str, ...]) -> pd.DataFrame:
    f = ctx.registers["decisions"].valid(needs)
    return f[f["decided"].notna()]


def _common(f: pd.DataFrame) -> dict:
    return {
        "key": first_present(f["matter"], f["title"]),
        "subject": first_present(f["dept"], pd.Series("政务公开领导小组", index=f.index)),
        "dept": f["dept"],
    }


def _published_by(ctx: Context, f: pd.DataFrame, start: pd.Series, done: pd.Series, rule: Rule) -> pd.DataFrame:
    due = pd.Series(ctx.calendar.add_days(start.to_numpy(), ctx.params["publish_days"]), index=f.index)
    return deadline_findings(ctx, rule, f, start=start, due=pd.to_datetime(due), done=done, unit="d", **_common(f))


@register
class DEC001(Rule):
    """A major decision taken without its draft published for comment first. 重大决策未预公开征求意见。

    Checks every major decision: its 草案公布日期 is before the 决策日期.  No draft
    published is a missing pre-disclosure; a draft published on or after the decision
    day was not published for comment.

    Clause: 002 (一)1 “落实重大决策预公开机制……应在政府网站、政务新媒体等媒体公布决策草案、背景、依据和
    主要内容，广泛征求公众意见”; 004 三 “重要事项……应实行预公开……做到决策前、决策中、决策后公开”.

    Interpretation: the seeds set no minimum comment period; the draft must simply come
    before the decision (a later one invited no comment).  A decision the register marks
    as secret is not registered here (“除依法应当保密的外”).
    Defaults: none.
    """

    id = "DEC001"
    batched = True
    obligations = ("O029", "O110")
    title_zh = "重大决策未预公开征求意见"
    title_en = "Major decision without its draft published for comment"
    citation = "002 (一)1; 004 三"
    register = "decisions"
    kind = "row"
    needs = ("decided", "draft_published")
    requires_columns = ("draft_published",)
    fields = {"late": "bool"}
    message_zh = "重大决策 {key}（{start} 决策）：{problem_zh}"
    message_en = "major decision {key} (decided {start}): {problem_en}"
    example_base = DECISION_EXAMPLE
    examples = (
        Example("pass", ({},)),
        Example("fail", ({"草案公布日期": None},), expect=({"status": "missing"},)),
        Example(
            "fail",
            ({"草案公布日期": "2026-03-16"},),
            "published on the decision day",
            expect=({"status": "violation"},),
        ),
    )

    @classmethod
    def message_fields(cls, f: dict, lang: str) -> dict:
        if f.get("x_late"):
            return {
                "problem_zh": "决策草案决策当日或之后才公布，未征求公众意见",
                "problem_en": "the draft was published only on or after the decision day",
            }
        return {"problem_zh": "决策草案未向社会公布征求意见", "problem_en": "the draft was never published for comment"}

    def check(self, ctx: Context) -> pd.DataFrame:
        f = _decisions(ctx, self.needs)
        none = f["draft_published"].isna()
        late = ~none & (f["draft_published"] >= f["decided"])
        sel = f[none | late]
        return findings_from(
            sel,
            self,
            status=np.where(none[sel.index], "missing", "violation"),
            start=sel["decided"],
            date=sel["decided"],
            fields={"late": late[sel.index]},
            **_common(sel),
        )


@register
class DEC002(Rule):
    """Comment adoption results not published after the decision. 重大决策意见采纳情况未公开。

    Checks every major decision whose draft was published for comment: its 采纳情况公开日期
    falls within ``publish_days`` days of the 决策日期 (legally counted).

    Clause: 002 (一)1 “广泛征求公众意见，并公开意见采纳情况，不予采纳的要说明理由”.

    Interpretation: see the family notes for the 3 days (000 (一)3).  A decision with no
    draft published solicited no comments; DEC001 reports it.
    Defaults: publish_days = 3.
    """

    id = "DEC002"
    batched = True
    obligations = ("O029",)
    title_zh = "重大决策意见采纳情况未及时公开"
    title_en = "Comment adoption results not published after the decision"
    citation = "002 (一)1"
    register = "decisions"
    kind = "deadline"
    needs = ("decided", "draft_published", "adoption_published")
    requires_columns = ("adoption_published",)
    params = {"publish_days": 3}
    message_zh = "重大决策 {key} 的意见采纳情况应于 {due} 前公开{done_zh}"
    message_en = "the comment adoption results of {key} were due by {due}{done_en}"
    example_base = DECISION_EXAMPLE
    examples = (
        Example("pass", ({},)),
        Example(
            "fail",
            ({"采纳情况公开日期": "2026-03-23"},),
            "decided Monday 03-16: due Thursday 03-19",
            expect=({"status": "late", "due": "2026-03-19", "late_by": "4 d"},),
        ),
        Example("fail", ({"采纳情况公开日期": None},), expect=({"status": "overdue", "due": "2026-03-19"},)),
    )

    def check(self, ctx: Context) -> pd.DataFrame:
        f = _decisions(ctx, self.needs)
        f = f[f["draft_published"].notna()]
        if f.empty:
            return empty_findings()
        return _published_by(ctx, f, f["decided"], f["adoption_published"], self)


@register
class DEC003(Rule):
    """A major decision not made public after its 决议会. 重大事项决议后未公示。

    Checks every major decision: its 公示日期 comes on or after the resolution — the
    决议会 of the same 事项编号 in the meetings register, else the 决策日期 — and within
    ``publish_days`` days of it (legally counted).  A 公示 before the resolution is out
    of order (a violation); none by the due day is overdue.

    Clause: 000 (二)3 “各级政务公开的重要事项必须经过三次会议。即初审会、审议会、决议会做出决定，再进行
    公示”; 004 三 “决策前、决策中、决策后公开”.

    Interpretation: 000 (二)3 orders the steps; the 3 days are 000 (一)3's (family notes).
    MTG005 judges the three meetings themselves.
    Defaults: publish_days = 3.
    """

    id = "DEC003"
    batched = True
    obligations = ("O007", "O110")
    title_zh = "重大事项决议后未按时公示"
    title_en = "Major decision not made public after its resolution"
    citation = "000 (二)3; 004 三"
    register = "decisions"
    kind = "deadline"
    needs = ("decided", "publicity")
    requires_columns = ("publicity",)
    params = {"publish_days": 3}
    message_zh = "重大事项 {key} 应在决议后于 {due} 前公示{done_zh}"
    message_en = "major matter {key} was to be made public after its resolution, by {due}{done_en}"
    example_base = DECISION_EXAMPLE
    examples = (
        Example("pass", ({},)),
        Example(
            "fail",
            ({"公示日期": None},),
            "resolution on 03-20 in the meetings register (later than 决策日期)",
            other={"会议记录": ({"会议日期": "2026-03-20", "会议类型": "决议会", "议题": "ZD-2026-01"},)},
            expect=({"status": "overdue", "due": "2026-03-23"},),
        ),
        Example(
            "fail",
            ({"公示日期": "2026-03-10"},),
            "made public before the resolution",
            expect=({"status": "violation"},),
        ),
    )

    @classmethod
    def message_fields(cls, f: dict, lang: str) -> dict:
        if f.get("status") == "violation":
            return {
                "done_zh": f"，但 {f.get('done')} 在决议前即已公示",
                "done_en": f", but it was made public on {f.get('done')}, before the resolution",
            }
        return {}

    def check(self, ctx: Context) -> pd.DataFrame:
        f = _decisions(ctx, self.needs)
        if f.empty:
            return empty_findings()
        resolved = f["decided"]
        meetings = ctx.registers.get("meetings")
        if meetings is not None and f["matter"].notna().any():
            m = meetings.valid(("date", "kind", "matter"))
            m = m[m["kind"].fillna("").astype(str).str.contains("决议") & m["matter"].notna() & m["date"].notna()]
            if len(m):
                last = m.groupby(by_office(meetings, m, m["matter"].astype(str)))["date"].max()
                linked = office_lookup(last, ctx.registers["decisions"], f["matter"].astype(str))
                resolved = linked.where(linked.notna(), resolved)
        early = f["publicity"].notna() & (f["publicity"] < resolved)
        out = []
        sel = f[early]
        if len(sel):
            out.append(
                findings_from(
                    sel,
                    self,
                    status="violation",
                    start=resolved[sel.index],
                    done=sel["publicity"],
                    date=sel["publicity"],
                    **_common(sel),
                )
            )
        rest = f[~early]
        if len(rest):
            out.append(_published_by(ctx, rest, resolved[rest.index], rest["publicity"], self))
        out = [o for o in out if len(o)]
        return pd.concat(out, ignore_index=True) if out else empty_findings()


@register
class DEC004(Rule):
    """A major decision's meeting plan without the opinion on attendance and openness. 会议方案未附列席和公开意见。

    Checks every major decision: its 列席公开意见 is 是 — the plan submitted for the
    meeting carried the lead section's opinion on inviting stakeholders, the public,
    experts or the media, on whether the meeting is opened, and how.

    Clause: 002 (一)2 “对是否邀请有关人员列席、是否公开以及公开方式的意见，议题牵头科室应随会议方案一同报批；
    之前已公开征求意见的，应附意见征集和采纳情况说明”.

    Interpretation: blank is not submitted.  Defaults: none.
    """

    id = "DEC004"
    batched = True
    obligations = ("O030",)
    title_zh = "重大决策会议方案未附列席和公开方式意见"
    title_en = "Decision meeting plan without the attendance and openness opinion"
    citation = "002 (一)2"
    register = "decisions"
    kind = "row"
    needs = ("decided", "attend_opinion")
    requires_columns = ("attend_opinion",)
    message_zh = "重大决策 {key}（{start} 决策）：会议方案未附是否邀请列席、是否公开及公开方式的意见"
    message_en = (
        "major decision {key} (decided {start}): the meeting plan carried no opinion on attendance and openness"
    )
    example_base = DECISION_EXAMPLE
    examples = (
        Example("pass", ({},)),
        Example("fail", ({"列席公开意见": "否"},), expect=({"status": "missing"},)),
    )

    def check(self, ctx: Context) -> pd.DataFrame:
        f = _decisions(ctx, self.needs)
        sel = f[~f["attend_opinion"].fillna(False).astype(bool)]
        return findings_from(sel, self, status="missing", start=sel["decided"], date=sel["decided"], **_common(sel))
