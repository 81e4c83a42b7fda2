"""Meetings and periodic duties: the leading group's rhythm, forums, petition meetings,
the two-thirds vote and the three meetings of a major matter, yearly inspections,
trainings and policy interpretations."""

from __future__ import annotations

import numpy as np
import pandas as pd

from . import register
from .base import Context, Example, Rule, empty_findings, extra_fields, findings_from
from .periods import period_label, whole_periods


class _PeriodicMeeting(Rule):
    """Base: at least ``per_period`` meetings of a kind in each period wholly inside the range."""

    register = "meetings"
    kind = "periodic"
    needs = ("date", "kind", "leader")
    words = ""
    what_zh = ""
    period = "month"
    params = {"per_period": 1}
    fields = {"count": "int", "need": "int"}  # held in the period, and the minimum
    message_zh = "{period}：{what_zh} {count} 次，少于规定的 {need} 次"
    message_en = "{period}: {count} × {what_en}, fewer than the {need} required"

    @classmethod
    def message_fields(cls, f: dict, lang: str) -> dict:
        parts = extra_fields(f)
        return {**parts, "what_zh": cls.what_zh, "what_en": cls.title_en.lower()}

    def select(self, ctx: Context, f: pd.DataFrame) -> pd.Series:
        return f["kind"].fillna("").astype(str).str.contains(self.words)

    def check(self, ctx: Context) -> pd.DataFrame:
        f = ctx.registers["meetings"].valid(self.needs)
        f = f[f["date"].notna()]
        if f.empty:
            return empty_findings()
        periods = whole_periods(ctx, self.period, f["date"].min())
        if periods.empty:
            return empty_findings()
        held = f[self.select(ctx, f)]
        counts = period_label(held["date"], self.period).value_counts()
        periods["n"] = periods["label"].map(counts).fillna(0).astype(int)
        need = ctx.params["per_period"]
        short = periods[periods["n"] < need].reset_index(drop=True)
        return findings_from(
            short,
            self,
            status="missing",
            key=short["label"],
            period=short["label"],
            date=short["end"],
            due=short["end"],
            subject="局领导",
            dept=None,
            fields={"count": short["n"], "need": need},
        )


MEETING_EXAMPLE = {
    "会议日期": "2026-06-10",
    "会议类型": "决议会",
    "议题": "M-1",
    "应到人数": 9,
    "同意人数": 6,
    "重大事项": "是",
}


@register
class MTG001(_PeriodicMeeting):
    """A month without a leading-group meeting. 政务公开领导小组未按月开会。

    Checks the meetings register: each month lying wholly inside the audited range
    (from the register's first month on) must have at least ``per_period`` meetings of
    kind 领导小组会议.

    Clause: 000 (二)2 “领导小组应每月召开一次会议，讨论决定近期应披露的内容”.

    Defaults: per_period = 1.
    """

    id = "MTG001"
    example_base = {"会议日期": "2026-07-08", "会议类型": "领导小组会议"}
    examples = (
        Example(
            "pass",
            ({"会议日期": "2026-07-08"}, {"会议日期": "2026-08-12"}, {"会议日期": "2026-09-08"}),
            as_of="2026-09-30",
        ),
        Example(
            "fail",
            ({"会议日期": "2026-07-08"}, {"会议日期": "2026-09-08"}),
            as_of="2026-09-30",
            expect=({"status": "missing", "period": "2026-08"},),
        ),
    )
    title_zh = "政务公开领导小组当月未召开会议"
    title_en = "Leading-group meetings"
    citation = "000 (二)2"
    words = "领导小组"
    what_zh = "政务公开领导小组会议"
    period = "month"


@register
class MTG002(_PeriodicMeeting):
    """A quarter without a supervisors' forum. 未按季召开监督员座谈会。

    Checks the meetings register: each quarter lying wholly inside the audited range
    must have at least ``per_period`` meetings of kind 座谈会.

    Clause: 000 (四)3 “各级人口和计划生育部门应聘请政务监督员，每季度召开一次座谈会征求意见”.

    Defaults: per_period = 1.
    """

    id = "MTG002"
    example_base = {"会议日期": "2026-04-15", "会议类型": "座谈会"}
    examples = (
        Example("pass", ({"会议日期": "2026-04-15"}, {"会议日期": "2026-08-20"}), as_of="2026-09-30"),
        Example(
            "fail",
            ({"会议日期": "2026-02-10"}, {"会议日期": "2026-08-20"}),
            "none in the second quarter",
            as_of="2026-09-30",
            expect=({"status": "missing", "due": "2026-06-30"},),
        ),
    )
    title_zh = "当季度未召开政务监督员座谈会"
    title_en = "Supervisors' forums"
    citation = "000 (四)3"
    words = "座谈"
    what_zh = "政务监督员座谈会"
    period = "quarter"


@register
class MTG003(_PeriodicMeeting):
    """A half-year without a petition work meeting. 未每半年召开信访工作例会。

    Checks the meetings register: each half-year lying wholly inside the audited range
    must have at least ``per_period`` meetings of kind 信访例会.

    Clause: 003 篇3 五 “人口計生局每半年召開一次人口計生信訪工作例會”.

    Defaults: per_period = 1.
    """

    id = "MTG003"
    example_base = {"会议日期": "2026-03-10", "会议类型": "信访例会"}
    examples = (
        Example("pass", ({"会议日期": "2026-03-10"}, {"会议日期": "2026-06-25"}), as_of="2026-06-30"),
        Example(
            "fail",
            ({"会议日期": "2025-03-01"}, {"会议日期": "2026-03-01"}),
            "none in 2025's second half",
            as_of="2026-06-30",
            expect=({"status": "missing", "due": "2025-12-31"},),
        ),
    )
    title_zh = "半年内未召开信访工作例会"
    title_en = "Petition work meetings"
    citation = "003 篇3 五"
    words = "信访例会"
    what_zh = "信访工作例会"
    period = "half"


@register
class MTG006(_PeriodicMeeting):
    """A year with fewer than 2 unannounced inspections. 每年明察暗访少于2次。

    Checks the meetings register: each calendar year lying wholly inside the audited
    range must have at least ``per_period`` records of kind 明察暗访.

    Clause: 001 ㈢ “每年组织两次以上明察暗访”; 000 (八)2 “采取定期和不定期检查与暗访相结合的方法”.

    Defaults: per_period = 2.
    """

    id = "MTG006"
    example_base = {"会议日期": "2025-04-10", "会议类型": "明察暗访"}
    examples = (
        Example("pass", ({"会议日期": "2025-04-10"}, {"会议日期": "2025-10-15"}), as_of="2025-12-31"),
        Example(
            "fail",
            ({"会议日期": "2025-04-10"},),
            as_of="2025-12-31",
            expect=({"status": "missing", "due": "2025-12-31"},),
        ),
    )
    title_zh = "全年明察暗访少于2次"
    title_en = "Unannounced inspections"
    citation = "001 ㈢"
    words = "暗访"
    what_zh = "明察暗访"
    period = "year"
    params = {"per_period": 2}


@register
class MTG007(_PeriodicMeeting):
    """A year with fewer than 2 petition trainings. 每年信访培训少于2次。

    Checks the meetings register: each calendar year lying wholly inside the audited
    range must have at least ``per_period`` records of kind 培训.

    Clause: 003 篇3 三 “通過每年不少于2次對鄉鎮街道信訪工作人員的法律法規知識培訓和業務培訓”.

    Interpretation: trainings only.  004 四 (“每年开展1-2次全面性检查”) is about the yearly
    comprehensive inspections of 政务公开, a different duty that this rule does not count.

    Defaults: per_period = 2.
    """

    id = "MTG007"
    example_base = {"会议日期": "2025-03-12", "会议类型": "培训"}
    examples = (
        Example("pass", ({"会议日期": "2025-03-12"}, {"会议日期": "2025-09-18"}), as_of="2025-12-31"),
        Example(
            "fail",
            ({"会议日期": "2025-03-12"},),
            as_of="2025-12-31",
            expect=({"status": "missing", "due": "2025-12-31"},),
        ),
    )
    title_zh = "全年信访业务培训少于2次"
    title_en = "Petition trainings"
    citation = "003 篇3 三"
    words = "培训"
    what_zh = "信访业务培训"
    period = "year"
    params = {"per_period": 2}


@register
class MTG008(_PeriodicMeeting):
    """A year in which the principal leader interpreted fewer than 2 policies. 主要负责人解读政策少于2次。

    Checks the meetings register: each calendar year lying wholly inside the audited
    range must have at least ``per_period`` records of kind 政策解读 whose 解读人 is the
    principal leader — a title in ``principal_titles`` without 副 (deputy).

    Clause: 002 (七)2 “行政机关主要负责人是‘第一解读人和责任人’……每年解读重要政策措施不少于2次”.

    Interpretation: the principal leader is recognised by title (局长, 主任, 书记, 主要负责人)
    in the 解读人 cell; a deputy's interpretation does not count.
    Defaults: per_period = 2, principal_titles = ["局长", "主任", "主要负责人", "书记"].
    """

    id = "MTG008"
    feeds = {"dept_score": "leaders"}
    example_base = {"会议日期": "2025-05-20", "会议类型": "政策解读", "主持人": "郑建国（局长）"}
    examples = (
        Example("pass", ({"会议日期": "2025-05-20"}, {"会议日期": "2025-11-03"}), as_of="2025-12-31"),
        Example(
            "fail",
            ({"会议日期": "2025-05-20"}, {"会议日期": "2025-11-03", "主持人": "刘晓梅（副局长）"}),
            "a deputy's interpretation does not count",
            as_of="2025-12-31",
            expect=({"status": "missing", "due": "2025-12-31"},),
        ),
    )
    title_zh = "主要负责人全年解读政策少于2次"
    title_en = "Policy interpretations by the principal leader"
    citation = "002 (七)2"
    words = "解读"
    what_zh = "主要负责人政策解读"
    period = "year"
    params = {"per_period": 2, "principal_titles": ["局长", "主任", "主要负责人", "书记"]}

    def select(self, ctx: Context, f: pd.DataFrame) -> pd.Series:
        leader = f["leader"].fillna("").astype(str)
        principal = leader.str.contains("|".join(ctx.params["principal_titles"])) & ~leader.str.contains("副")
        return super().select(ctx, f) & principal


@register
class MTG004(Rule):
    """A major matter passed with fewer than 2/3 of members in favour. 重大事项表决不足三分之二。

    Checks every meeting record with both 应到人数 and 同意人数 that decides a major matter
    (重大事项 是, or a 决议会): the votes in favour must be at least ``share`` of the
    members.

    Clause: 000 (二)2 “会议讨论通过重大事项时，政务公开领导小组三分之二成员必须同意”.

    Interpretation: two thirds of the members, not of those present; 6 of 9 passes
    exactly (“三分之二成员必须同意”: two thirds is enough).  The clause speaks of major
    matters only: a meeting marked 重大事项 = 是 is judged, and so is a 决议会 whose
    重大事项 cell is blank (the 决议会 is the last step of the major-matter procedure,
    MTG005); a 决议会 recorded as 重大事项 = 否 decides an ordinary matter and is not.
    Defaults: share = 0.6667 (compared as votes × 3 ≥ members × 2 at the default).
    """

    id = "MTG004"
    example_base = MEETING_EXAMPLE
    examples = (
        Example("pass", ({"同意人数": 6},), "6 of 9 is two thirds"),
        Example("fail", ({"同意人数": 5},), expect=({"status": "violation"},)),
        Example("pass", ({"同意人数": 5, "重大事项": "否"},), "a 决议会 on an ordinary matter"),
        Example(
            "fail",
            ({"同意人数": 5, "重大事项": None},),
            "a 决议会 with 重大事项 blank is judged",
            expect=({"status": "violation"},),
        ),
    )
    title_zh = "重大事项同意人数不足成员三分之二"
    title_en = "Major matter passed without a two-thirds majority"
    citation = "000 (二)2"
    register = "meetings"
    kind = "row"
    needs = ("date", "kind", "members", "votes_for", "major")
    requires_columns = ("members", "votes_for")
    params = {"share": 0.6667}
    fields = {"members": "int", "votes": "int", "meeting": "text", "share": "number"}
    message_zh = "{start} {meeting}：应到 {members} 人，同意 {votes} 人，不足{share_zh}"
    message_en = "{start} {meeting}: {votes} of {members} members in favour, under {share_en}"

    @classmethod
    def message_fields(cls, f: dict, lang: str) -> dict:
        parts = extra_fields(f)
        share = float(parts.get("share", 2 / 3) or 2 / 3)
        thirds = abs(share - 2 / 3) < 1e-3
        parts.update(
            share_zh="三分之二" if thirds else f"{share:.0%}", share_en="two thirds" if thirds else f"{share:.0%}"
        )
        return parts

    def check(self, ctx: Context) -> pd.DataFrame:
        f = ctx.registers["meetings"].valid(self.needs)
        said_no = f["_given_major"].astype(bool) & ~f["major"].astype(bool) if "_given_major" in f else False
        deciding = f["major"] | (f["kind"].fillna("").astype(str).str.contains("决议") & ~said_no)
        f = f[deciding & f["members"].notna() & f["votes_for"].notna() & (f["members"] > 0)]
        share = ctx.params["share"]
        # Exact thirds at the default: 6 × 3 = 18 ≥ 9 × 2.
        enough = (
            (f["votes_for"] * 3 >= f["members"] * 2)
            if abs(share - 2 / 3) < 1e-3
            else (f["votes_for"] >= f["members"] * share)
        )
        sel = f[~enough]
        fields = {
            "members": sel["members"],
            "votes": sel["votes_for"],
            "meeting": sel["matter"].fillna(sel["kind"]).astype(str),
            "share": share,
        }
        return findings_from(
            sel,
            self,
            status="violation",
            subject="政务公开领导小组",
            dept=None,
            key=sel["matter"].fillna(sel["_sheet"].astype(str) + "!" + sel["_row"].astype(str)),
            start=sel["date"],
            date=sel["date"],
            fields=fields,
        )


@register
class MTG005(Rule):
    """A major matter lacking 初审会, 审议会 or 决议会, or holding them out of order. 重大事项未经三次会议。

    Checks every major matter (any row of it with 重大事项 是), its meetings linked by
    ``议题``/``事项编号``: it must have an 初审会, an 审议会 and a 决议会, in that order.

    Clause: 000 (二)3 “各级政务公开的重要事项必须经过三次会议。即初审会、审议会、决议会做出决定，
    再进行公示”.

    Interpretation: meetings on the same day count as in order; a major row without a
    matter id cannot be linked to others and stands alone.  The finding points at the
    matter's last meeting row and names what is missing.
    """

    id = "MTG005"
    example_base = {"会议日期": "2026-09-01", "会议类型": "初审会", "议题": "ZD-01", "重大事项": "是"}
    examples = (
        Example(
            "pass",
            (
                {"会议日期": "2026-09-01", "会议类型": "初审会"},
                {"会议日期": "2026-09-08", "会议类型": "审议会"},
                {"会议日期": "2026-09-15", "会议类型": "决议会"},
            ),
        ),
        Example(
            "fail",
            ({"会议日期": "2026-09-01", "会议类型": "初审会"}, {"会议日期": "2026-09-15", "会议类型": "决议会"}),
            "审议会 missing",
            expect=({"status": "missing"},),
        ),
    )
    title_zh = "重大事项未经初审会、审议会、决议会三次会议"
    title_en = "Major matter without its three meetings in order"
    citation = "000 (二)3"
    register = "meetings"
    kind = "row"
    needs = ("date", "kind", "matter", "major")
    message_zh = "重大事项 {key}：{problem_zh}"
    message_en = "Major matter {key}: {problem_en}"
    fields = {"missing": "text"}  # the steps missing: indexes into STEPS, comma-separated
    STEPS = (
        ("初审", "初审会", "preliminary review"),
        ("审议", "审议会", "deliberation"),
        ("决议", "决议会", "resolution"),
    )

    @classmethod
    def message_fields(cls, f: dict, lang: str) -> dict:
        parts = extra_fields(f)
        missing = [i for i in parts.get("missing", "").split(",") if i]
        if missing:
            return {
                "problem_zh": "缺少" + "、".join(cls.STEPS[int(i)][1] for i in missing),
                "problem_en": "no " + ", ".join(cls.STEPS[int(i)][2] for i in missing),
            }
        return {
            "problem_zh": "三次会议顺序颠倒（应为初审会→审议会→决议会）",
            "problem_en": "the three meetings are out of order (review → deliberation → resolution)",
        }

    def check(self, ctx: Context) -> pd.DataFrame:
        f = ctx.registers["meetings"].valid(self.needs)
        f = f[f["date"].notna()].copy()
        f["_matter"] = f["matter"].where(f["matter"].notna(), "row " + f["_row"].astype(str))
        major = f.groupby("_matter")["major"].transform("max").astype(bool)
        f = f[major]
        if f.empty:
            return empty_findings()
        kind = f["kind"].fillna("").astype(str)
        step = np.select([kind.str.contains(w) for w, _, _ in self.STEPS], [0, 1, 2], -1)
        f = f.assign(_step=step)
        first = f[f["_step"] >= 0].pivot_table(index="_matter", columns="_step", values="date", aggfunc="min")
        for s in (0, 1, 2):
            if s not in first.columns:
                first[s] = pd.NaT
        first = first.reindex(sorted(f["_matter"].unique()))
        missing = first[[0, 1, 2]].isna()
        order_bad = (first[0] > first[1]) | (first[1] > first[2])
        bad = missing.any(axis=1) | order_bad
        last_rows = f.sort_values(["date", "_row"]).groupby("_matter").tail(1).set_index("_matter")
        sel_keys = first.index[bad.to_numpy()]
        if not len(sel_keys):
            return empty_findings()
        sel = last_rows.loc[sel_keys].reset_index()
        miss_txt = missing.loc[sel_keys].apply(lambda r: ",".join(str(i) for i in (0, 1, 2) if r[i]), axis=1)
        return findings_from(
            sel,
            self,
            status="missing",
            subject="政务公开领导小组",
            dept=None,
            key=sel["_matter"],
            start=sel["date"],
            date=sel["date"],
            fields={"missing": miss_txt.to_numpy()},
        )
