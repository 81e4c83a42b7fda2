"""The service window 便民服务: first-inquiry receipts and one-time notices, A/B posts that
are never left empty, and service commitments re-signed when the head changes.

Clause: 003 首問負責制 3; 一次性告知制度 1–2; 篇2 AB頂崗制度 (1)–(3); 004 二 (service
commitments).  Complaints about a person (首问负责, 一次性告知) and their penalty ladders
are the conduct family's (CON001, CON002); this family reads the office's own registers
of the service itself.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from . import register
from .attendance import leave_cover
from .base import (
    Context,
    Example,
    Rule,
    deadline_findings,
    each_office,
    empty_findings,
    extra_fields,
    findings_from,
    first_present,
)

CASE_EXAMPLE = {
    "受理日期": "2026-09-08",
    "办事人": "陈某",
    "办理事项": "生育登记",
    "首问责任人": "王敏",
    "材料齐全": "是",
    "当场办结": "否",
    "受理回执编号": "HZ-2026-088",
    "一次性告知单编号": None,
    "告知次数": None,
    "承办股室": "政策法规股",
}


def _cases(ctx: Context, needs: tuple[str, ...]) -> pd.DataFrame:
    f = ctx.registers["service_cases"].valid(needs)
    return f[f["date"].notna()]


def _blank(s: pd.Series) -> pd.Series:
    return s.fillna("").astype(str).str.strip() == ""


def _case_findings(rule: Rule, sel: pd.DataFrame, status="missing", fields=None) -> pd.DataFrame:
    return findings_from(
        sel,
        rule,
        status=status,
        key=first_present(sel["applicant"], pd.Series("办事人", index=sel.index))
        + " "
        + sel["date"].dt.strftime("%Y-%m-%d"),
        subject=first_present(sel["officer"], sel["dept"], pd.Series("首问责任人", index=sel.index)),
        dept=sel["dept"],
        start=sel["date"],
        date=sel["date"],
        fields=fields,
    )


@register
class SRV001(Rule):
    """A complete application not settled on the spot, accepted without a receipt. 未开具受理回执单。

    Checks every case in the service register whose materials were complete (材料齐全 是)
    and that was not finished on the spot (当场办结 否): it has a 受理回执编号.

    Clause: 003 首問負責制 3 “能辦的要馬上辦；材料齊全但不能馬上辦理的，要及時受理登記并開具‘受理回執單’”.

    Interpretation: the receipt is evidenced by its number; a case finished on the spot
    needs none.  Defaults: none.
    """

    id = "SRV001"
    batched = True
    obligations = ("O049",)
    title_zh = "材料齐全未能当场办理的未开具受理回执单"
    title_en = "Complete application accepted without a receipt"
    citation = "003 首問負責制 3"
    register = "service_cases"
    kind = "row"
    needs = ("date", "complete", "on_spot", "receipt")
    requires_columns = ("complete", "receipt")
    fields = {"matter": "text"}
    message_zh = "{key}（{matter}）：材料齐全未能当场办理，未开具受理回执单"
    message_en = "{key} ({matter}): complete but not settled on the spot, and no receipt given"
    example_base = CASE_EXAMPLE
    examples = (
        Example("pass", ({},)),
        Example("pass", ({"当场办结": "是", "受理回执编号": None},), "settled on the spot"),
        Example("fail", ({"受理回执编号": None},), expect=({"status": "missing"},)),
    )

    @classmethod
    def message_fields(cls, f: dict, lang: str) -> dict:
        return {"matter": extra_fields(f).get("matter") or "—"}

    def check(self, ctx: Context) -> pd.DataFrame:
        f = _cases(ctx, self.needs)
        complete = f["complete"].fillna(False).astype(bool)
        later = ~f["on_spot"].fillna(False).astype(bool)
        sel = f[complete & later & _blank(f["receipt"])]
        return _case_findings(self, sel, fields={"matter": sel["matter"]})


@register
class SRV002(Rule):
    """An incomplete application without one written notice of everything missing. 材料不全未一次性告知。

    Checks every case whose materials were incomplete (材料齐全 否): it has a 一次性告知单
    (its number), and it was told at most once (告知次数 ≤ 1).

    Clause: 003 首問負責制 3 “對材料不全的，要發給一次性告知單，解釋有關辦理事項及需攜帶或補充的材料”;
    一次性告知制度 1 “如其提供的材料不全不能當場辦理的……要一次性告知所辦事項需要的材料、辦理的程序、
    辦結的時限等”.

    Interpretation: a second notice means the first one did not tell everything; a
    blank 告知次数 with a notice number is one notice.  The complaint-driven penalty is
    CON002's.  Defaults: none.
    """

    id = "SRV002"
    batched = True
    obligations = ("O049", "O051")
    title_zh = "材料不全未发一次性告知单或多次告知"
    title_en = "Incomplete application without a single written notice"
    citation = "003 首問負責制 3; 003 一次性告知制度 1–2"
    register = "service_cases"
    kind = "row"
    needs = ("date", "complete", "notice", "notices")
    requires_columns = ("complete",)
    fields = {"matter": "text", "times": "int"}
    message_zh = "{key}（{matter}）：材料不全，{problem_zh}"
    message_en = "{key} ({matter}): materials incomplete; {problem_en}"
    example_base = {
        **CASE_EXAMPLE,
        "材料齐全": "否",
        "受理回执编号": None,
        "一次性告知单编号": "GZ-2026-031",
        "告知次数": 1,
    }
    examples = (
        Example("pass", ({},)),
        Example(
            "fail", ({"一次性告知单编号": None, "告知次数": None},), expect=({"status": "missing", "says": "未发放"},)
        ),
        Example("fail", ({"告知次数": 3},), expect=({"status": "violation", "says": "告知 3 次"},)),
    )

    @classmethod
    def message_fields(cls, f: dict, lang: str) -> dict:
        parts = extra_fields(f)
        times = parts.get("times")
        matter = parts.get("matter") or "—"
        if times:
            return {
                "matter": matter,
                "problem_zh": f"告知 {times} 次，未做到一次性告知",
                "problem_en": f"told {times} times, not once",
            }
        return {"matter": matter, "problem_zh": "未发放一次性告知单", "problem_en": "no one-time notice given"}

    def check(self, ctx: Context) -> pd.DataFrame:
        f = _cases(ctx, self.needs)
        f = f[~f["complete"].fillna(True).astype(bool)]
        times = f["notices"]
        none = _blank(f["notice"]) & (times.isna() | (times < 1))
        many = times.notna() & (times > 1)
        sel = f[none | many]
        if sel.empty:
            return empty_findings()
        return _case_findings(
            self,
            sel,
            status=np.where(many[sel.index], "violation", "missing"),
            fields={"matter": sel["matter"], "times": times[sel.index].where(many[sel.index])},
        )


def _leave_days(ctx: Context, names: set[str]) -> pd.DataFrame:
    """(_o, name, day) for every working day up to the as-of day that someone in ``names``
    is on leave, ``_o`` the office (``leave_cover``): the attendance family's leave cover
    (a leave filed too late is no leave: it is ATT003's absence, not this family's)."""
    cover = leave_cover(ctx)
    cover = cover[cover["name"].astype(str).isin(names) & (cover["date"] <= ctx.as_of)]
    if cover.empty:
        return pd.DataFrame(columns=["_o", "name", "day"])
    work = np.asarray(ctx.calendar.is_workday(cover["date"].to_numpy(dtype="datetime64[D]")), dtype=bool)
    out = pd.DataFrame(
        {
            "_o": cover["_o"].to_numpy(dtype=np.int64),
            "name": cover["name"].astype(str).to_numpy(),
            "day": cover["date"].to_numpy(),
        }
    )[work]
    return out.drop_duplicates().reset_index(drop=True)


def _posts(ctx: Context) -> pd.DataFrame:
    f = ctx.registers["ab_posts"].valid(("post", "a_person", "b_person"))
    f = f[f["post"].notna() & f["a_person"].notna() & f["b_person"].notna()]
    return f.assign(
        post=f["post"].astype(str).str.strip(),
        a_person=f["a_person"].astype(str).str.strip(),
        b_person=f["b_person"].astype(str).str.strip(),
        _o=each_office(ctx.registers["ab_posts"], f),  # (a post, a leave, a handover meet within an office)
    )


class _PostRule(Rule):
    """Base of the A/B post rules: the posts, and the working days their people are away."""

    register = "ab_posts"
    kind = "row"
    needs = ("post", "a_person", "b_person")

    @classmethod
    def message_fields(cls, f: dict, lang: str) -> dict:
        return extra_fields(f)

    def posts_away(self, ctx: Context, with_b: bool) -> tuple[pd.DataFrame, pd.DataFrame] | None:
        """(posts, (name, day) away) — None when there is nothing to judge."""
        posts = _posts(ctx)
        if posts.empty:
            return None
        names = set(posts["a_person"]) | (set(posts["b_person"]) if with_b else set())
        away = _leave_days(ctx, names)
        return None if away.empty else (posts, away)


POST_EXAMPLE = {"岗位": "生育登记窗口", "A岗人员": "王敏", "B岗人员": "李静"}
LEAVE_ROW = {
    "姓名": "王敏",
    "职务类别": "一般工作人员",
    "开始时间": "2026-09-08",
    "结束时间": "2026-09-09",
    "审批人": "张三",
}


@register
class ABP001(_PostRule):
    """A post left empty: its A and B staff away on the same working day. A、B岗同时不在岗（空岗）。

    Checks every post of the A/B register against the leave register: on a working day
    when both its A and its B person are on leave (any kind, a business trip included),
    the post is empty.  One finding per post and day.

    Clause: 003 篇2 AB頂崗制度 (1) “在規定的工作時間內必須有人值班，不得空崗”; (2) “如A崗人員因事外出，
    B崗人員頂替上崗”.

    Interpretation: absence is read from the leave register (whole days); an unrecorded
    absence is the attendance rules' (ATT003).  Defaults: none.
    """

    id = "ABP001"
    batched = True
    obligations = ("O093",)
    title_zh = "A、B岗人员同时不在岗（空岗）"
    title_en = "Post left empty: A and B both away"
    citation = "003 篇2 AB頂崗制度 (1)(2)"
    also_needs = ("leave",)
    fields = {"post": "text"}
    message_zh = "{start}（工作日）{post} 的A岗、B岗人员均请假，岗位无人"
    message_en = "{start} (working day): both A and B staff of {post} away, the post was empty"
    example_base = POST_EXAMPLE
    examples = (
        Example("pass", ({},), other={"请假登记": (LEAVE_ROW,)}),
        Example(
            "fail",
            ({},),
            "both away on 09-09",
            other={"请假登记": (LEAVE_ROW, {**LEAVE_ROW, "姓名": "李静", "开始时间": "2026-09-09"})},
            expect=({"status": "violation", "says": "2026-09-09"},),
        ),
    )

    def check(self, ctx: Context) -> pd.DataFrame:
        found = self.posts_away(ctx, with_b=True)
        if found is None:
            return empty_findings()
        posts, away = found
        a = posts.merge(away, left_on=["_o", "a_person"], right_on=["_o", "name"])
        a = a[["_o", "post", "day", "_row", "_sheet", "_file"]]
        b = posts.merge(away, left_on=["_o", "b_person"], right_on=["_o", "name"])[["_o", "post", "day"]]
        both = a.merge(b, on=["_o", "post", "day"]).drop_duplicates(["_o", "post", "day"])
        both = both.sort_values(["_o", "post", "day"])
        both = both.reset_index(drop=True)
        day = pd.to_datetime(both["day"])
        return findings_from(
            both,
            self,
            status="violation",
            key=both["post"] + " " + day.dt.strftime("%Y-%m-%d"),
            subject=both["post"],
            dept=None,
            start=day,
            date=day,
            fields={"post": both["post"]},
        )


@register
class ABP002(_PostRule):
    """An A-post person away with no handover logged. A岗人员外出未办理交接班登记。

    Checks every leave of an A-post person covering a working day: the handover log
    (交接班登记) has an entry for that post dated from ``before_days`` days before the
    leave's first working day up to that day.

    Clause: 003 篇2 AB頂崗制度 (3) “A崗、B崗人員應認真履行交接班手續，做好交接班登記，在崗人員為第一
    責任人”.

    Interpretation: the handover happens when the A person leaves, so it is looked for
    around the leave's first working day; a handover logged a week earlier does not
    cover a later absence.  Defaults: before_days = 3.
    """

    id = "ABP002"
    batched = True
    obligations = ("O093",)
    title_zh = "A岗人员外出未做交接班登记"
    title_en = "A-post person away with no handover logged"
    citation = "003 篇2 AB頂崗制度 (3)"
    also_needs = ("leave", "handovers")
    params = {"before_days": 3}
    fields = {"post": "text", "person": "text"}
    message_zh = "{person}（{post} A岗）{start} 起不在岗，没有交接班登记"
    message_en = "{person} (A post of {post}) away from {start}, with no handover logged"
    example_base = POST_EXAMPLE
    _HANDOVER = {"交接日期": "2026-09-07", "岗位": "生育登记窗口", "交班人": "王敏", "接班人": "李静"}
    examples = (
        Example("pass", ({},), other={"请假登记": (LEAVE_ROW,), "交接班登记": (_HANDOVER,)}),
        Example(
            "fail",
            ({},),
            "a handover for another post only",
            other={"请假登记": (LEAVE_ROW,), "交接班登记": ({**_HANDOVER, "岗位": "流动人口窗口"},)},
            expect=({"status": "missing", "says": "2026-09-08 起不在岗"},),
        ),
    )

    def check(self, ctx: Context) -> pd.DataFrame:
        found = self.posts_away(ctx, with_b=False)
        if found is None:
            return empty_findings()
        posts, away = found
        # A spell of absence starts on a day the person was not away on the previous working day.
        away = away.sort_values(["_o", "name", "day"]).reset_index(drop=True)
        prev = away["day"].shift().fillna(away["day"]).to_numpy(dtype="datetime64[D]")
        gap = np.asarray(ctx.calendar.workdays_between(prev, away["day"].to_numpy(dtype="datetime64[D]")))
        same = away["_o"].eq(away["_o"].shift()) & away["name"].eq(away["name"].shift())
        continues = same.to_numpy() & (gap == 1)
        firsts = away[~continues][["_o", "name", "day"]]
        spells = posts.merge(firsts, left_on=["_o", "a_person"], right_on=["_o", "name"])
        logs = ctx.registers["handovers"].valid(("date", "post"))
        logs = logs[logs["date"].notna() & logs["post"].notna()]
        logs = pd.DataFrame(
            {
                "_o": each_office(ctx.registers["handovers"], logs),
                "post": logs["post"].astype(str).str.strip(),
                "logged": logs["date"].dt.normalize(),
            }
        )
        pairs = spells.reset_index().merge(logs, on=["_o", "post"], how="left")
        day = pd.to_datetime(pairs["day"])
        lo = day - pd.Timedelta(days=int(ctx.params["before_days"]))
        pairs["_ok"] = pairs["logged"].notna() & (pairs["logged"] >= lo) & (pairs["logged"] <= day)
        covered = pairs.groupby("index")["_ok"].any()
        sel = spells[~spells.index.isin(covered[covered].index)].reset_index(drop=True)
        if sel.empty:
            return empty_findings()
        day = pd.to_datetime(sel["day"])
        return findings_from(
            sel,
            self,
            status="missing",
            key=sel["post"] + " " + day.dt.strftime("%Y-%m-%d"),
            subject=sel["a_person"],
            dept=None,
            start=day,
            date=day,
            fields={"post": sel["post"], "person": sel["a_person"]},
        )


@register
class CMT001(Rule):
    """A service commitment not re-signed after the unit's head changed. 负责人更换后未重新签名承诺。

    Checks every unit of the service-commitment register: the commitment's 签署日期 is
    on or after the current head's 任职日期, and no later than ``resign_days`` days after
    it.  Signed before the change (or never) is overdue once that day is past; signed
    later, late.

    Clause: 004 二 “主要負責人已更換的部門、單位，要重新簽名承諾”.

    Interpretation: the seed sets no time; ``resign_days`` = 30 is an assumption for the
    office to set.  The signer is taken to be the head the row names.
    Defaults: resign_days = 30.
    """

    id = "CMT001"
    batched = True
    obligations = ("O105",)
    title_zh = "主要负责人更换后未重新签名服务承诺"
    title_en = "Service commitment not re-signed after the head changed"
    citation = "004 二"
    register = "commitments"
    kind = "deadline"
    needs = ("unit", "head_since", "signed")
    params = {"resign_days": 30}
    message_zh = "{subject} 负责人 {start} 更换，服务承诺应于 {due} 前重新签名{done_zh}"
    message_en = "{subject}: head changed on {start}; the commitment was to be re-signed by {due}{done_en}"
    example_base = {
        "单位": "计生服务站",
        "主要负责人": "周涛",
        "负责人任职日期": "2026-03-02",
        "承诺签署日期": "2026-03-20",
    }
    examples = (
        Example("pass", ({},)),
        Example(
            "fail",
            ({"承诺签署日期": "2025-04-01"},),
            "signed by the previous head",
            expect=({"status": "overdue", "due": "2026-04-01"},),
        ),
        Example(
            "fail",
            ({"承诺签署日期": "2026-04-10"},),
            expect=({"status": "late", "due": "2026-04-01", "late_by": "9 d"},),
        ),
    )

    def check(self, ctx: Context) -> pd.DataFrame:
        f = ctx.registers["commitments"].valid(self.needs)
        f = f[f["unit"].notna() & f["head_since"].notna()]
        if f.empty:
            return empty_findings()
        due = f["head_since"] + pd.Timedelta(days=int(ctx.params["resign_days"]))
        done = f["signed"].where(f["signed"] >= f["head_since"])
        return deadline_findings(
            ctx,
            self,
            f,
            start=f["head_since"],
            due=due,
            done=done,
            unit="d",
            key=f["unit"].astype(str) + " " + first_present(f["head"], pd.Series("", index=f.index)).astype(str),
            subject=f["unit"],
            dept=f["unit"],
        )
