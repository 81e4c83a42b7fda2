"""Duty rota 值班: a duty person every working day (and every holiday day once a holiday
rota is kept), the holiday rota filed before the holiday, and the duty person early.

Clause: 003 值班制度 1 “局機關各辦公室、下屬單位要實行每天輪流值班制度。值班人員要提前10-15分鐘
上班”; 2 “重要節日、重大活動值班,局機關由綜合股負責安排;下屬單位安排情況報局綜合股備案”.
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
    each_office,
    empty_findings,
    findings_from,
    hhmm,
    name_offices,
)

CLAUSE = "003 值班制度"
DUTY_EXAMPLE = {
    "值班日期": "2026-09-29",
    "值班人员": "张三",
    "带班领导": "郑建国",
    "到岗时间": "08:15",
    "报备日期": None,
}


def _days(ctx: Context, lo: pd.Timestamp, hi: pd.Timestamp) -> pd.DataFrame:
    """Each day from lo to hi with its kind (workday, makeup, weekend, holiday) and, for
    a day off, the first day of the run of days off it belongs to."""
    info = ctx.calendar.day_info(pd.date_range(lo - pd.Timedelta(days=40), hi, freq="D"))
    work = info["kind"].isin(["workday", "makeup"]).to_numpy()
    pos = np.arange(len(info))
    last_work = np.maximum.accumulate(np.where(work, pos, -1))
    start = np.clip(last_work + 1, 0, len(info) - 1)
    info["block_start"] = info["date"].to_numpy()[start]
    info["date"] = pd.to_datetime(info["date"])
    info["block_start"] = pd.to_datetime(info["block_start"])
    return info[info["date"] >= lo].reset_index(drop=True)


def _rota(ctx: Context, needs: tuple[str, ...]) -> pd.DataFrame:
    f = ctx.registers["duty"].valid(needs)
    return f[f["date"].notna()]


class _Spans:
    """Each office's rota span, first to last day (``_o`` 0 for one office's rota), and the
    days of the spans together (``_days``) seen per office: each office's rota speaks for
    its own days, whoever's rows lie around it."""

    def __init__(self, ctx: Context, f: pd.DataFrame, until: pd.Timestamp | None = None):
        self.row_office = each_office(ctx.registers["duty"], f)
        self.row_day = f["date"].dt.normalize().to_numpy(dtype="datetime64[ns]")
        spans = pd.DataFrame({"o": self.row_office, "day": self.row_day}).groupby("o")["day"].agg(["min", "max"])
        self.offices = spans.index.to_numpy()
        self.lo = spans["min"].to_numpy(dtype="datetime64[ns]")
        hi = spans["max"].to_numpy(dtype="datetime64[ns]")
        self.hi = hi if until is None else np.minimum(hi, np.datetime64(until.to_datetime64(), "ns"))
        live = self.hi >= self.lo
        self.empty = not live.any()
        if self.empty:
            return
        self.days = _days(ctx, pd.Timestamp(self.lo[live].min()), pd.Timestamp(self.hi[live].max()))
        dates = self.days["date"].to_numpy(dtype="datetime64[ns]")
        # offices × days: the days each office's span holds
        self.inside = (dates[None, :] >= self.lo[:, None]) & (dates[None, :] <= self.hi[:, None])
        self.block, self.blocks = pd.factorize(self.days["block_start"])
        self.row_at = np.searchsorted(self.offices, self.row_office)  # (each row's office, as a row of ``inside``)

    def per_block(self, days: np.ndarray) -> np.ndarray:
        """offices × blocks: whether the office has one of ``days`` (offices × days) in the block."""
        out = np.zeros((len(self.offices), len(self.blocks)), dtype=bool)
        oi, di = np.nonzero(days)
        out[oi, self.block[di]] = True
        return out


@register
class DUT001(Rule):
    """A day with no one on duty. 值班日无人值班。

    Checks the duty rota from its first day to its last (up to the as-of day): every
    working day (a 调休 Saturday included) has a row with a duty person, and once the rota
    has any row on a holiday (a holiday rota is kept), every day of each statutory holiday
    it covers has one too.

    Clause: 003 值班制度 1 “實行每天輪流值班制度”; 工作與督查制度 “在規定的工作時間內必須有人值班,
    不得空崗”.

    Interpretation: plain weekends are not duty days unless the office records them;
    a statutory holiday (with its adjoining weekend) is, once the rota covers any holiday.

    Defaults: none.
    """

    id = "DUT001"
    batched = True
    obligations = ("O092",)
    title_zh = "值班日无人值班"
    title_en = "A day with no one on duty"
    citation = f"{CLAUSE} 1"
    register = "duty"
    kind = "periodic"
    needs = ("date", "person")
    message_zh = "{start}（{day_zh}）值班表中没有值班人员"
    message_en = "{start} ({day_en}): no one on the duty rota"
    fields = {"day": "text"}  # workday | holiday
    example_base = DUTY_EXAMPLE
    examples = (
        Example("pass", ({"值班日期": "2026-09-29"}, {"值班日期": "2026-09-30"})),
        Example(
            "fail",
            ({"值班日期": "2026-09-28"}, {"值班日期": "2026-09-30"}),
            expect=({"status": "missing", "start": "2026-09-29"},),
        ),
        Example(
            "fail",
            ({"值班日期": "2026-09-30"}, {"值班日期": "2026-10-01"}, {"值班日期": "2026-10-08"}),
            "a holiday rota is kept: every 国庆 day needs one",
            expect=tuple({"status": "missing", "start": f"2026-10-0{d}"} for d in range(2, 8)),
        ),
    )

    @classmethod
    def message_fields(cls, f: dict, lang: str) -> dict:
        day = f.get("x_day") or "workday"
        return {"day_zh": "节假日" if day == "holiday" else "工作日", "day_en": day.replace("workday", "working day")}

    def check(self, ctx: Context) -> pd.DataFrame:
        f = _rota(ctx, self.needs)
        f = f[f["person"].notna()]
        if f.empty:
            return empty_findings()
        spans = _Spans(ctx, f, until=ctx.as_of)
        if spans.empty:
            return empty_findings()
        days, inside = spans.days, spans.inside
        # offices × days, each office within its own span
        staffed = np.zeros(inside.shape, dtype=bool)
        at = np.searchsorted(days["date"].to_numpy(dtype="datetime64[ns]"), spans.row_day)
        ok = at < len(days)
        staffed[spans.row_at[ok], at[ok]] = True
        staffed &= inside
        work = days["kind"].isin(["workday", "makeup"]).to_numpy()
        holiday = (days["kind"] == "holiday").to_numpy()
        # Holiday runs the rota covers: the run has a statutory holiday and a staffed day off.
        kept = spans.per_block(staffed & ~work) & spans.per_block(inside & holiday)
        need = work | (~work & kept[:, spans.block])
        office, day = np.nonzero(inside & need & ~staffed)  # (each office's days in order)
        gap = days.iloc[day].reset_index(drop=True)
        found = findings_from(
            gap,
            self,
            status="missing",
            subject="值班",
            key=gap["date"].dt.strftime("%Y-%m-%d"),
            start=gap["date"],
            due=gap["date"],
            date=gap["date"],
            fields={"day": np.where(gap["kind"].isin(["workday", "makeup"]), "workday", "holiday")},
        )
        return name_offices(found, ctx.registers["duty"], spans.offices[office])


@register
class DUT002(Rule):
    """Holiday rota not filed before the holiday. 节假日值班安排未提前报备。

    Checks every rota row on a day off that belongs to a statutory holiday: its 报备日期
    must be before the first day of that holiday's run of days off (the due day is the
    day before it).  Filed later is late; not filed by the as-of day is overdue.

    Clause: 003 值班制度 2 “重要節日……值班,局機關由綜合股負責安排;下屬單位安排情況報局綜合股備案”.

    Interpretation: 备案 is useful only before the holiday: the due day is the day before
    its first day off (counted in calendar days).  Applies only when the rota has a
    报备日期 column.

    Defaults: none.
    """

    id = "DUT002"
    batched = True
    obligations = ("O092",)
    title_zh = "节假日值班安排未在节前报备"
    title_en = "Holiday rota not filed before the holiday"
    citation = f"{CLAUSE} 2"
    register = "duty"
    kind = "deadline"
    needs = ("date", "filed")
    requires_columns = ("filed",)
    message_zh = "{start} 的节假日值班安排应于 {due} 前报备{done_zh}"
    message_en = "the holiday rota for {start} was due to be filed by {due}{done_en}"
    example_base = {**DUTY_EXAMPLE, "值班日期": "2026-10-02"}
    examples = (
        Example("pass", ({"报备日期": "2026-09-25"},)),
        Example(
            "fail",
            ({"报备日期": "2026-10-01"},),
            "filed on the holiday's first day",
            expect=({"status": "late", "due": "2026-09-30", "late_by": "1 d"},),
        ),
    )

    def check(self, ctx: Context) -> pd.DataFrame:
        f = _rota(ctx, self.needs)
        if f.empty:
            return empty_findings()
        spans = _Spans(ctx, f)
        days = spans.days
        # The holiday runs with a statutory holiday inside the office's own span.
        holiday_blocks = spans.per_block(spans.inside & (days["kind"] == "holiday").to_numpy())
        info = days.set_index("date")
        day = f["date"].dt.normalize()
        kind = day.map(info["kind"])
        block = day.map(info["block_start"])
        row_block = pd.Index(spans.blocks).get_indexer(block)
        has_holiday = holiday_blocks[spans.row_at, row_block] & (row_block >= 0)
        on_holiday = ~kind.isin(["workday", "makeup"]) & has_holiday
        f, block = f[on_holiday], block[on_holiday]
        due = block - pd.Timedelta(days=1)
        return deadline_findings(
            ctx,
            self,
            f,
            start=due,
            due=due,
            done=f["filed"],
            unit="d",
            key=f["date"].dt.strftime("%Y-%m-%d") + " " + f["person"].astype(str),
            subject=f["person"],
            dept=f["dept"],
        )


@register
class DUT003(Rule):
    """The duty person arrived less than ``early_minutes`` before work. 值班人员未提前到岗。

    Checks every rota row on a working day with a 到岗时间: the duty person must arrive
    ``early_minutes`` or more before the start of work (the first session of the
    rulebook's schedule, 08:30 by default).

    Clause: 003 值班制度 1 “值班人員要提前10-15分鐘上班”.

    Interpretation: “提前10-15分鐘” sets the least: 10 minutes before the start (08:20 at
    an 08:30 start) passes, 08:21 fails; arriving earlier than 15 minutes is not a breach.
    A row without a 到岗时间 is judged from the duty person's first sign-in that day in
    the attendance register (the message says so); with neither, it is not judged (no
    evidence either way).

    Defaults: early_minutes = 10.
    """

    id = "DUT003"
    batched = True
    obligations = ("O092",)
    title_zh = "值班人员未提前10分钟到岗"
    title_en = "Duty person not in 10 minutes before work"
    citation = f"{CLAUSE} 1"
    register = "duty"
    kind = "row"
    needs = ("date", "person", "arrival")
    params = {"early_minutes": 10}
    fields = {"arrival": "text", "latest": "text", "from_attendance": "bool"}
    message_zh = "{subject} {start} 值班到岗 {arrival}{source_zh}，应不晚于 {latest}"
    message_en = "{subject} on duty {start}: arrived {arrival}{source_en}, due by {latest}"
    example_base = DUTY_EXAMPLE
    examples = (
        Example("pass", ({"到岗时间": "08:20"},)),
        Example("fail", ({"到岗时间": "08:21"},), expect=({"status": "violation", "subject": "张三"},)),
        Example("pass", ({"值班日期": "2026-10-03", "到岗时间": "09:00"},), "a holiday: no start of work to beat"),
        Example(
            "fail",
            ({"值班日期": "2026-09-29", "值班人员": "张三", "到岗时间": None},),
            "no arrival on the rota: the attendance sign-in of the day",
            other={"考勤": ({"姓名": "张三", "日期": "2026-09-29", "签到": "08:27", "签退": "17:40"},)},
            expect=({"status": "violation", "says": "08:27（据考勤签到）"},),
        ),
    )

    @classmethod
    def message_fields(cls, f: dict, lang: str) -> dict:
        from_att = bool(f.get("x_from_attendance"))
        return {
            "source_zh": "（据考勤签到）" if from_att else "",
            "source_en": " (attendance sign-in)" if from_att else "",
        }

    def check(self, ctx: Context) -> pd.DataFrame:
        f = _rota(ctx, self.needs)
        f = f[f["person"].notna()]
        f = f.assign(_from_att=False)
        att = ctx.registers.get("attendance")
        if att is not None and f["arrival"].isna().any():
            a = att.valid(("name", "date", "sign_in"))
            a = a[a["sign_in"].notna() & a["date"].notna()]
            # (a person signs in at their own office: by office first, when the registers hold several)
            first = a.groupby(by_office(att, a, a["name"].astype(str), a["date"].dt.normalize()))["sign_in"].min()
            idx = pd.MultiIndex.from_arrays(
                by_office(ctx.registers["duty"], f, f["person"].astype(str), f["date"].dt.normalize())
            )
            signed = pd.Series(first.reindex(idx).to_numpy(), index=f.index)
            use = f["arrival"].isna() & signed.notna()
            f = f.assign(arrival=f["arrival"].where(~use, signed), _from_att=use)
        f = f[f["arrival"].notna()]
        if f.empty:
            return empty_findings()
        start = ctx.schedules[0].sessions[0][0] if ctx.schedules else 8.5 * 3600
        latest = start - 60 * float(ctx.params["early_minutes"])
        work = pd.Series(ctx.calendar.is_workday(f["date"].to_numpy()), index=f.index).astype(bool)
        late = work & (f["arrival"] > latest)
        sel = f[late]
        return findings_from(
            sel,
            self,
            status="violation",
            subject=sel["person"],
            dept=sel["dept"],
            key=sel["person"].astype(str) + " " + sel["date"].dt.strftime("%Y-%m-%d"),
            start=sel["date"],
            date=sel["date"],
            fields={
                "arrival": hhmm(sel["arrival"]),
                "latest": f"{int(latest // 3600):02d}:{int(latest % 3600 // 60):02d}",
                "from_attendance": sel["_from_att"],
            },
        )
