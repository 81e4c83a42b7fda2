import datetime as dt

import numpy as np
import pandas as pd
import pytest
from helpers import D, T, check, workbook

from gov_audit.rules import attendance
from gov_audit.rules.attendance import AFTERNOON, NOON, shift_for_leave

HEAD = ["姓名", "部门", "日期", "签到", "签退", "离岗时长"]
t = dt.time


def att_rows():
    z = "张三"
    rows = [
        [z, "办公室", D(2026, 9, 28), t(8, 41), t(17, 30), None],  # r2 ATT001 late 11
        [z, "办公室", D(2026, 9, 29), t(8, 40, 59), t(17, 20), None],  # r3 ATT002 early 10 (08:40:59 on time)
        [z, "办公室", D(2026, 9, 30), t(8, 46), t(17, 35), None],  # r4 ATT003 late 16 → 0.5 day
        [z, "办公室", D(2026, 10, 1), t(9, 30), t(11, 0), None],  # r5 holiday overtime: not judged
        [z, "办公室", D(2026, 10, 8), t(8, 20), None, None],  # r6 ATT004 no sign-out
        # 10-09 no row: absent; 10-10 (调休 Saturday) no row: absent
    ]
    for d in (D(2026, 9, 28), D(2026, 9, 29), D(2026, 9, 30), D(2026, 10, 8), D(2026, 10, 10)):
        rows.append(["李四", "财务股", d, t(8, 25), t(17, 45), 45 if d == D(2026, 9, 30) else None])
    # A colleague recorded every working day: a day counts as recorded when somebody was.
    for d in (D(2026, 9, 28), D(2026, 9, 29), D(2026, 9, 30), D(2026, 10, 8), D(2026, 10, 9), D(2026, 10, 10)):
        rows.append(["王五", "办公室", d, t(8, 25), t(17, 45), None])
    return rows


LEAVE_HEAD = [
    "姓名",
    "请假类型",
    "职务类别",
    "开始时间",
    "结束时间",
    "天数",
    "审批人",
    "请假单",
    "申请日期",
    "销假日期",
]


def test_attendance_rules(tmp_path):
    f = workbook(
        tmp_path / "a.xlsx",
        {
            "考勤": [HEAD, *att_rows()],
            "请假登记": [
                LEAVE_HEAD,
                [
                    "李四",
                    "事假",
                    "一般工作人员",
                    D(2026, 10, 9),
                    D(2026, 10, 9),
                    1,
                    "股室负责人、分管领导",
                    "是",
                    D(2026, 10, 8),
                    D(2026, 10, 10),
                ],
            ],
        },
    )
    _, rep, _ = check(f, "--as-of", "2026-11-24", "--rule", "ATT")
    got = [
        (x["rule"], x["status"], x["row"], x["key"], (x["late_by"] or {}).get("value"), x.get("absent_days"))
        for x in rep["findings"]
    ]
    assert sorted(got, key=lambda g: (g[0], g[3])) == sorted(
        [
            ("ATT001", "late", 2, "张三 2026-09-28", 11, None),
            ("ATT002", "violation", 3, "张三 2026-09-29", 10, None),
            ("ATT003", "missing", None, "张三 2026-10-09", None, 1),
            ("ATT003", "missing", None, "张三 2026-10-10", None, 1),  # a make-up Saturday is a working day
            ("ATT003", "violation", 4, "张三 2026-09-30", None, 0.5),
            ("ATT003", "violation", 9, "李四 2026-09-30", None, 0.5),  # off post 45 minutes
            ("ATT004", "missing", 6, "张三 2026-10-08", None, 0.5),
        ],
        key=lambda g: (g[0], g[3]),
    )
    msg = {x["rule"] + x["key"]: x["message"] for x in rep["findings"]}
    assert msg["ATT001张三 2026-09-28"] == "张三 2026-09-28 签到 08:41，迟到 11 分钟"
    assert "离岗 45 分钟" in msg["ATT003李四 2026-09-30"]


def test_late_filed_leave_does_not_excuse(tmp_path):
    f = workbook(
        tmp_path / "a.xlsx",
        {
            "考勤": [
                HEAD,
                ["李四", "财务股", D(2026, 9, 28), t(8, 25), t(17, 45), None],
                ["李四", "财务股", D(2026, 9, 30), t(8, 25), t(17, 45), None],
                *[["王五", "财务股", D(2026, 9, d), t(8, 25), t(17, 45), None] for d in (28, 29, 30)],
            ],
            "请假登记": [
                LEAVE_HEAD,
                [
                    "李四",
                    "事假",
                    "一般工作人员",
                    D(2026, 9, 29),
                    D(2026, 9, 29),
                    1,
                    "股室负责人、分管领导",
                    "是",
                    D(2026, 10, 12),
                    D(2026, 9, 30),
                ],
            ],
        },
    )
    _, rep, _ = check(f, "--as-of", "2026-11-24", "--rule", "ATT003")
    assert [(x["key"], x["status"]) for x in rep["findings"]] == [("李四 2026-09-29", "missing")]


def test_business_trip_excuses_and_half_day_leave_excuses_its_session(tmp_path):
    book = tmp_path / "g.toml"
    book.write_text('[schedule]\nsessions = [["08:30", "12:00"], ["14:30", "17:30"]]\n', encoding="utf-8")
    head = ["姓名", "部门", "日期", "上班1打卡时间", "下班1打卡时间", "上班2打卡时间", "下班2打卡时间"]
    f = workbook(
        tmp_path / "a.xlsx",
        {
            "考勤": [
                head,
                [
                    "王五",
                    "信访股",
                    D(2026, 9, 28),
                    "08:20",
                    "12:01",
                    "15:00",
                    "17:31",
                ],  # r2 afternoon late 30 → absent half
                ["王五", "信访股", D(2026, 9, 29), "08:20", "12:01", None, None],  # r3 afternoon on leave: excused
                ["王五", "信访股", D(2026, 10, 8), "08:20", "11:50", "14:30", "17:30"],
            ],  # r4 morning early 10
            "请假登记": [
                LEAVE_HEAD,
                [
                    "王五",
                    "事假",
                    "一般工作人员",
                    T(2026, 9, 29, 14, 30),
                    T(2026, 9, 29, 17, 30),
                    0.5,
                    "股室负责人",
                    "否",
                    D(2026, 9, 29),
                    D(2026, 9, 30),
                ],
                ["王五", "出差", "一般工作人员", D(2026, 9, 30), D(2026, 9, 30), None, "股室负责人", None, None, None],
            ],
        },
    )
    _, rep, _ = check(f, "--as-of", "2026-10-08", "--since", "2026-09-28", "--rule", "ATT", "--rulebook", book)
    got = sorted((x["rule"], x["row"], x["key"]) for x in rep["findings"])
    assert got == [("ATT002", 4, "王五 2026-10-08 上午"), ("ATT003", 2, "王五 2026-09-28 下午")]


def test_att005_consecutive_absence(tmp_path):
    rows = [
        ["赵六", "综合股", D(2026, 8, 31), t(8, 20), t(17, 40), None],
        ["赵六", "综合股", D(2026, 9, 30), t(8, 20), t(17, 40), None],
        ["钱七", "综合股", D(2026, 8, 31), t(8, 20), t(17, 40), None],
    ]
    rows += [
        ["钱七", "综合股", d, t(8, 20), t(17, 40), None]
        for d in (D(2026, 9, 21), D(2026, 9, 22), D(2026, 9, 28), D(2026, 9, 29), D(2026, 9, 30))
    ]
    # 孙八 is recorded every working day of September, so every day counts as recorded.
    day, end = D(2026, 8, 31), D(2026, 9, 30)
    while day <= end:
        if day.weekday() < 5 and not D(2026, 9, 25) <= day <= D(2026, 9, 27) or day == D(2026, 9, 20):
            rows.append(["孙八", "综合股", day, t(8, 20), t(17, 40), None])
        day += dt.timedelta(days=1)
    f = workbook(tmp_path / "a.xlsx", {"考勤": [HEAD, *rows]})
    _, rep, _ = check(f, "--as-of", "2026-11-24", "--rule", "ATT005")
    # 赵六 absent 09-01 … 09-29: 09-20 is a make-up Sunday, so the 16th consecutive working day is 09-21.
    # 钱七 absent 09-01 … 09-20: exactly 15 working days (then 09-23…09-25 are 3 more, a new run).
    got = [(x["subject"], x["start"]) for x in rep["findings"]]
    assert got == [("赵六", "2026-09-21")]
    assert "连续缺勤 16 个工作日" in rep["findings"][0]["message"]


def test_seasonal_schedule_by_date_range(tmp_path):
    book = tmp_path / "g.toml"
    book.write_text(
        '[schedule]\nsessions = [["08:30", "17:30"]]\n[[schedule.seasons]]\nfrom = "06-01"\nto = "09-30"\n'
        'sessions = [["08:00", "17:00"]]\n',
        encoding="utf-8",
    )
    f = workbook(
        tmp_path / "a.xlsx",
        {
            "考勤": [
                HEAD,
                ["张三", "办公室", D(2026, 9, 29), t(8, 15), t(17, 5), None],  # summer: 15 min late
                ["张三", "办公室", D(2026, 10, 8), t(8, 15), t(17, 35), None],
            ]
        },
    )  # winter: on time
    _, rep, _ = check(f, "--as-of", "2026-10-08", "--rule", "ATT001", "--rulebook", book)
    assert [(x["row"], x["late_by"]["value"]) for x in rep["findings"]] == [(2, 15)]


def test_punch_layout_with_two_sessions_keeps_four_punches(tmp_path):
    book = tmp_path / "g.toml"
    book.write_text('[schedule]\nsessions = [["08:30", "12:00"], ["14:30", "17:30"]]\n', encoding="utf-8")
    punches = [["姓名", "考勤号码", "日期时间"]]
    punches += [["王五", "7", f"2026/9/28 {hm}"] for hm in ("8:20:00", "12:05:00", "14:50:00", "17:40:00")]
    punches += [["王五", "7", f"2026/9/29 {hm}"] for hm in ("8:20:00", "11:50:00", "14:20:00", "17:40:00")]
    f = workbook(tmp_path / "a.xlsx", {"打卡记录": punches})
    _, rep, _ = check(f, "--as-of", "2026-09-29", "--since", "2026-09-28", "--rule", "ATT", "--rulebook", book)
    got = sorted((x["rule"], x["key"], (x["late_by"] or {}).get("value")) for x in rep["findings"])
    # 09-28 afternoon 20 minutes late → absent half; 09-29 morning left 10 minutes early
    assert got == [("ATT002", "王五 2026-09-29 上午", 10), ("ATT003", "王五 2026-09-28 下午", None)]


def test_nobody_is_expected_after_leaving_the_roster(tmp_path):
    # 王五 keeps coming; 赵六 is on the roster only, transferred on 10-08: absent 09-28 … 09-30, not after.
    rows = [["王五", "办公室", d, t(8, 25), t(17, 45), None] for d in (D(2026, 9, 28), D(2026, 9, 29), D(2026, 9, 30))]
    rows += [["王五", "办公室", d, t(8, 25), t(17, 45), None] for d in (D(2026, 10, 8), D(2026, 10, 9))]
    roster = [["姓名", "部门", "调离日期"], ["王五", "办公室", None], ["赵六", "办公室", D(2026, 10, 8)]]
    f = workbook(tmp_path / "a.xlsx", {"考勤": [HEAD, *rows], "人员名册": roster})
    _, rep, _ = check(f, "--as-of", "2026-10-31", "--rule", "ATT003")
    absent = sorted(x["key"] for x in rep["findings"] if x["subject"] == "赵六")
    assert absent == ["赵六 2026-09-28", "赵六 2026-09-29", "赵六 2026-09-30"]


# A roster's 调离日期 only ever removes a person's expected days from that day on: a
# metamorphic check against the same workbook without it, for any leavers and any dates.
from hypothesis import HealthCheck, example, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_WORKDAYS = [D(2026, 9, d) for d in (21, 22, 23, 24, 28, 29, 30)] + [D(2026, 10, d) for d in (8, 9, 10, 12)]


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    present=st.lists(st.sampled_from(_WORKDAYS), max_size=len(_WORKDAYS)),
    left=st.dictionaries(
        st.sampled_from(["王五", "赵六", "钱七"]), st.sampled_from([*_WORKDAYS, D(2026, 9, 1), D(2026, 12, 1)])
    ),
)
def test_leaving_only_removes_the_days_from_leaving_on(present, left):
    from helpers import audit_family

    rows = [["王五", "办公室", d, "08:25", "17:45", None] for d in _WORKDAYS]  # the day recorded by somebody
    rows += [["赵六", "办公室", d, "08:25", "17:45", None] for d in sorted(set(present))]
    roster_head = ["姓名", "部门", "调离日期"]
    without = [roster_head, *([n, "办公室", None] for n in ("王五", "赵六", "钱七"))]
    with_left = [roster_head, *([n, "办公室", left.get(n)] for n in ("王五", "赵六", "钱七"))]

    def absences(roster):
        found, _, errors = audit_family("ATT003", {"考勤": [HEAD, *rows], "人员名册": roster}, "2026-10-31")
        assert errors == []
        return {(f["subject"], f["key"].split()[-1]) for f in found if f["row"] is None}

    base, cut = absences(without), absences(with_left)
    expected = {(n, d) for n, d in base if n not in left or d < left[n].isoformat()}
    assert cut == expected


def _shift_for_leave_everywhere(cf, ct, S, E, one_session):
    """shift_for_leave as it was written, on every row (the reference for the rows-with-leave version)."""
    with np.errstate(invalid="ignore"):
        has = ~np.isnan(cf) & ~np.isnan(S)
        at_start = has & (cf <= S) & (ct > S) & (ct < E)
        at_end = has & (ct >= E) & (cf < E) & (cf > S)
        spans_lunch = one_session & (S < NOON) & (E > AFTERNOON)
        new_start = np.where(spans_lunch & (ct >= NOON) & (ct <= AFTERNOON), AFTERNOON, ct)
        new_end = np.where(spans_lunch & (cf >= NOON) & (cf <= AFTERNOON), NOON, cf)
        S2 = np.where(at_start, new_start, S)
        E2 = np.where(at_end, new_end, E)
        halved = spans_lunch & ((at_start & (S2 >= AFTERNOON - 1)) | (at_end & (E2 <= NOON + 1)))
    return S2, E2, halved


# Times on the boundaries that matter (session ends, the midday break), so they collide.
_CLOCK = st.one_of(
    st.sampled_from([np.nan, 8.5, 10.0, 12.0, 12.5, 13.0, 15.0, 17.5]).map(lambda h: h * 3600),
    st.floats(0, 86400),
)


@settings(deadline=None)
@given(st.lists(st.tuples(_CLOCK, _CLOCK, _CLOCK, _CLOCK, st.booleans()), min_size=20, max_size=60))
@example(  # the whole session on leave; morning leave into the break; afternoon leave from it; no leave
    [
        (8.5 * 3600, 17.5 * 3600, 8.5 * 3600, 17.5 * 3600, False),
        (8.5 * 3600, 12.5 * 3600, 8.5 * 3600, 17.5 * 3600, True),
        (12.0 * 3600, 17.5 * 3600, 8.5 * 3600, 17.5 * 3600, True),
        (np.nan, np.nan, 8.5 * 3600, 17.5 * 3600, True),
    ]
)
def test_leave_shifts_only_the_rows_with_leave(rows):
    cf, ct, S, E = (np.array([r[i] for r in rows], dtype=float) for i in range(4))
    one = np.array([r[4] for r in rows], dtype=bool)
    got = shift_for_leave(cf, ct, S, E, one)
    want = _shift_for_leave_everywhere(cf, ct, S, E, one)
    for g, w in zip(got, want, strict=True):
        np.testing.assert_array_equal(g, w)


# Who was present is marked a slice of rows at a time (peak memory): slices of two rows
# cut the registers below at every place and must mark exactly what one slice does.
SLICES = pytest.mark.parametrize("mark_slice", [None, 2])


@SLICES
def test_a_row_without_a_name_marks_nobody_present(tmp_path, monkeypatch, mark_slice):
    if mark_slice:
        monkeypatch.setattr(attendance, "_MARK_SLICE", mark_slice)
    # A punch row whose name cell is blank is an input error; it must not count as the
    # attendance of whoever happens to be last in the register (it once did: the blank
    # name's lookup index -1 picked the last person), hiding that person's absence.
    rows = [[n, "办公室", D(2026, 9, d), t(8, 25), t(17, 45)] for n in ("李四", "张三") for d in (28, 29)]
    rows.append(["李四", "办公室", D(2026, 9, 30), t(8, 25), t(17, 45)])
    rows.append([None, "办公室", D(2026, 9, 30), t(8, 25), t(17, 45)])  # row 7: who?
    f = workbook(tmp_path / "a.xlsx", {"考勤": [HEAD[:5], *rows]})
    code, rep, err = check(f, "--as-of", "2026-09-30", "--rule", "ATT003")
    assert code == 2 and "A7" in err  # the blank name is named as the error it is
    absent = [(x["subject"], x["start"], x["absent_days"]) for x in rep["findings"] if x["rule"] == "ATT003"]
    assert absent == [("张三", "2026-09-30", 1)]


@SLICES
def test_each_attendance_sheet_speaks_for_its_own_people_and_days(tmp_path, monkeypatch, mark_slice):
    if mark_slice:
        monkeypatch.setattr(attendance, "_MARK_SLICE", mark_slice)
    # Two sheets of one register (the bureau's, and a unit's that starts later): a person
    # is expected on the days of the sheets that list them, never on another sheet's days.
    bureau = [[n, "办公室", D(2026, 9, d), t(8, 25), t(17, 45)] for n in ("张三", "李四") for d in (28, 29)]
    bureau.append(["张三", "办公室", D(2026, 9, 30), t(8, 25), t(17, 45)])  # 李四 missing on 09-30
    unit = [["王五", "分局", D(2026, 9, 30), t(8, 25), t(17, 45)]]
    f = workbook(tmp_path / "a.xlsx", {"考勤": [HEAD[:5], *bureau], "分局考勤": [HEAD[:5], *unit]})
    code, rep, _ = check(f, "--as-of", "2026-09-30", "--rule", "ATT003")
    assert code == 1
    absent = [(x["subject"], x["start"], x["absent_days"]) for x in rep["findings"] if x["rule"] == "ATT003"]
    assert absent == [("李四", "2026-09-30", 1)]


def _least_dept_by_groupby(name_code, name_of, dept):
    """The groupby-min it replaced: the reference."""
    has_name = name_code >= 0
    people = dept[has_name].groupby(name_code[has_name], sort=False).min()
    people.index = name_of[people.index.to_numpy()]
    return people.sort_index()


@settings(max_examples=300, deadline=None)
@given(
    rows=st.lists(
        st.tuples(
            st.one_of(st.none(), st.sampled_from(["张三", "李四", "a", "b"])),
            st.one_of(st.none(), st.sampled_from(["办公室", "综合股", "A", "b", "B", "办公室 "])),
        ),
        max_size=15,
    ),
    dtype=st.sampled_from(["str", "object"]),
)
def test_a_persons_department_is_the_least_of_their_rows(rows, dtype):
    # Computed on codes (sorted factorization, minimum per person); must be the text
    # minimum, blanks never winning over a department, whatever the row order.
    from gov_audit.rules.attendance import _least_dept

    names = pd.Series([r[0] for r in rows], dtype=dtype)
    dept = pd.Series([r[1] for r in rows], dtype=dtype)
    code, of = pd.factorize(names)
    got, want = _least_dept(code, of, dept), _least_dept_by_groupby(code, of, dept)
    assert got.index.tolist() == want.index.tolist()
    blank = lambda v: v is None or v != v  # noqa: E731
    assert [None if blank(v) else v for v in got] == [None if blank(v) else v for v in want]


def test_leave_cover_is_made_once_per_audit_and_every_reader_sees_the_same(monkeypatch):
    """The attendance judgement, the leave family and the A/B post rules share one leave
    cover per audit: each family alone finds what it finds beside the others."""
    from gov_audit.engine import AuditOptions, prepare, run_audit

    made = []
    real = attendance._leave_cover
    monkeypatch.setattr(attendance, "_leave_cover", lambda ctx: made.append(1) or real(ctx))
    opts = AuditOptions(as_of=pd.Timestamp("2026-11-30"))
    together = run_audit(["sample_data/registers.xlsx"], opts, prepared=prepare(opts)).findings
    assert len(made) == 1
    for family in ("ATT", "LEV", "ABP"):
        alone_opts = AuditOptions(as_of=opts.as_of, include=[family])
        alone = run_audit(["sample_data/registers.xlsx"], alone_opts, prepared=prepare(alone_opts)).findings
        mine = together[together["rule"].str.startswith(family)]
        assert len(alone) > 0
        assert alone["id"].tolist() == mine["id"].tolist()
        assert alone["status"].tolist() == mine["status"].tolist()
