import datetime as dt

from helpers import D, check, workbook
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

t = dt.time
HEAD = ["姓名", "部门", "日期", "签到", "签退"]
SEPT = [D(2026, 9, d) for d in (1, 2, 3, 4, 7, 8, 9, 10, 11)]


def month(name, lates=0, earlies=0, absent_half=0, dept="办公室"):
    """A person's September 1–11 records with the given number of lates / earlies / >15-minute lates."""
    rows = []
    for i, d in enumerate(SEPT):
        sin, sout = t(8, 25), t(17, 35)
        if i < lates:
            sin = t(8, 42)
        elif i < lates + absent_half:
            sin = t(8, 50)
        if lates + absent_half <= i < lates + absent_half + earlies:
            sout = t(17, 25)
        rows.append([name, dept, d, sin, sout])
    return rows


def ladder(rep, name, subject):
    return [
        (p["period"], p["count"], p["tier"], p["consequence"])
        for p in rep["penalties"]
        if p["ladder"] == name and p["subject"] == subject
    ]


def test_attendance_month_tiers_with_yuan(tmp_path):
    rows = (
        month("一次")
        + month("两次", lates=2)
        + month("三次", lates=2, earlies=1)
        + month("五次", lates=3, earlies=2)
        + month("半天", absent_half=1)
        + month("一天半", absent_half=3)
    )
    staff = [["姓名", "部门", "出勤津贴", "福利补贴"], ["两次", "办公室", 300, 500], ["五次", "办公室", 300, 500]]
    f = workbook(tmp_path / "a.xlsx", {"考勤": [HEAD, *rows], "人员名册": staff})
    _, rep, _ = check(f, "--as-of", "2026-09-11", "--since", "2026-09-01")
    assert ladder(rep, "attendance_month", "一次") == []
    assert ladder(rep, "attendance_month", "两次") == [("2026-09", 2, 1, "扣除当月出勤津贴一半（合计 150.00 元）")]
    assert ladder(rep, "attendance_month", "三次") == [("2026-09", 3, 2, "取消当月出勤津贴")]
    assert ladder(rep, "attendance_month", "五次") == [
        ("2026-09", 5, 3, "取消当月出勤津贴，并扣除当月福利补贴（合计 800.00 元）")
    ]
    assert ladder(rep, "attendance_month", "半天") == [("2026-09", 0, 1, "扣除当月出勤津贴一半")]
    assert ladder(rep, "attendance_month", "一天半") == [("2026-09", 0, 3, "取消当月出勤津贴，并扣除当月福利补贴")]
    two = [p for p in rep["penalties"] if p["ladder"] == "attendance_month" and p["subject"] == "两次"][0]
    assert two["amount_yuan"] == 150 and len(two["findings"]) == 2
    assert all(i in {f["id"] for f in rep["findings"]} for i in two["findings"])


def test_attendance_year_tiers(tmp_path):
    rows = month("一次", lates=1) + month("两次", lates=2) + month("四次", lates=4) + month("五次", lates=5)
    f = workbook(tmp_path / "a.xlsx", {"考勤": [HEAD, *rows]})
    _, rep, _ = check(f, "--as-of", "2026-09-11", "--since", "2026-09-01")
    assert ladder(rep, "attendance_year", "一次") == [("2026", 1, 1, "批评教育")]
    assert ladder(rep, "attendance_year", "两次") == [("2026", 2, 2, "责令在股室作书面检查")]
    # exactly four stays at the third tier; “超过四次” starts at five
    assert ladder(rep, "attendance_year", "四次")[0][2] == 3
    assert ladder(rep, "attendance_year", "五次")[0][2] == 4
    assert ladder(rep, "annual_rating", "四次") == [("2026", 1, 1, "年度考核不得评为优秀")]


def test_one_time_notice_plus_attendance_warning_caps_rating(tmp_path):
    f = workbook(
        tmp_path / "a.xlsx",
        {
            "考勤": [HEAD, *month("张三", lates=3)],
            "效能投诉": [
                ["日期", "被投诉人", "部门", "投诉类型", "是否查实", "事由"],
                [D(2026, 5, 6), "张三", "办公室", "一次性告知", "是", "让群众跑了三趟"],
            ],
        },
    )
    _, rep, _ = check(f, "--as-of", "2026-09-11")
    assert ladder(rep, "one_time_notice", "张三") == [("2026", 1, 1, "效能告诫")]
    assert ladder(rep, "attendance_year", "张三")[0][2] == 3
    rating = [p for p in rep["penalties"] if p["ladder"] == "annual_rating" and p["subject"] == "张三"][0]
    assert (rating["count"], rating["tier"], rating["rating_cap"]) == (2, 2, "not_competent")
    assert rating["consequence"] == "年度考核不得评为称职"
    assert rating["from_ladders"] == ["attendance_year", "one_time_notice"]


def test_conduct_ladders(tmp_path):
    c = [["日期", "被投诉人", "部门", "投诉类型", "是否查实", "事由"]]
    c += [[D(2026, m, 1), "甲", "办公室", "首问负责", "是", "x"] for m in (2, 3, 4)]
    c += [[D(2026, m, 1), "乙", "办公室", "一次性告知", "是", "x"] for m in (2, 3)]
    c += [[D(2026, m, 1), "丙", "办公室", "效能告诫", "是", "x"] for m in (2, 3, 4)]
    c += [
        [D(2025, 12, 1), "丁", "办公室", "首问负责", "是", "x"],
        [D(2026, 1, 5), "丁", "办公室", "首问负责", "是", "x"],
    ]
    f = workbook(tmp_path / "c.xlsx", {"效能投诉": c})
    _, rep, _ = check(f, "--as-of", "2026-11-24")
    assert ladder(rep, "first_inquiry", "甲") == [("2026", 3, 3, "行政警告以上纪律处分")]
    assert ladder(rep, "one_time_notice", "乙") == [("2026", 2, 2, "行政警告以上纪律处分")]
    assert ladder(rep, "efficiency_rules", "丙") == [("2026", 3, 2, "效能告诫")]
    # 丙: two warnings (the 2nd and 3rd violation) → cannot be rated 称职
    assert ladder(rep, "annual_rating", "丙") == [("2026", 2, 2, "年度考核不得评为称职")]
    # 甲: first_inquiry's third tier fixes the rating at 不称职 directly
    assert [p["rating_cap"] for p in rep["penalties"] if p["ladder"] == "annual_rating" and p["subject"] == "甲"] == [
        "incompetent"
    ]
    # 丁: one violation each calendar year — the 2025 one is in its own year (shown though before --since? no)
    assert ladder(rep, "first_inquiry", "丁") == [("2026", 1, 1, "书面检讨，诫勉教育")]


def test_rolling_window(tmp_path):
    c = [
        ["日期", "被投诉人", "部门", "投诉类型", "是否查实", "事由"],
        [D(2025, 12, 1), "丁", "办公室", "首问负责", "是", "x"],
        [D(2026, 1, 5), "丁", "办公室", "首问负责", "是", "x"],
    ]
    f = workbook(tmp_path / "c.xlsx", {"效能投诉": c})
    book = tmp_path / "r.toml"
    book.write_text('[settings]\nladder_window = "rolling12"\n', encoding="utf-8")
    _, rep, _ = check(f, "--as-of", "2026-11-24", "--rulebook", book)
    assert ladder(rep, "first_inquiry", "丁") == [("2025-11-25..2026-11-24", 2, 2, "效能告诫")]


# The grouped ladders against the group-at-a-time reference, on generated findings.
_SUBJECTS = st.sampled_from(["张三", "李四", "王五", "赵六"])
_FINDING = st.fixed_dictionaries(
    {
        "subject": _SUBJECTS,
        "dept": st.sampled_from([None, "", "综合股", "信访股", "财务股"]),
        "window": st.sampled_from(["2025", "2026"]),
        "role": st.sampled_from(["count", "severe", "overdue", "leaders"]),
        "status": st.sampled_from(["late", "overdue", "missing"]),
        "severity": st.sampled_from(["breach", "warning"]),
        "date": st.sampled_from([None, "2025-07-01", "2026-01-05", "2026-03-01"]),
    }
)


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rows=st.lists(_FINDING, min_size=1, max_size=40), seed=st.integers(0, 2**16))
def test_grouped_ladders_match_the_group_at_a_time_reference(rows, seed):
    import random

    import pandas as pd
    import reference_ladders as ref

    from gov_audit import ladders
    from gov_audit.rules import LADDERS

    frame = pd.DataFrame(rows)
    frame["id"] = [f"F{i:03d}" for i in range(len(frame))]
    order = list(range(len(frame)))
    random.Random(seed).shuffle(order)  # ids in no particular order: each group keeps the findings' order
    frame = frame.iloc[order].reset_index(drop=True)
    frame["w_from"] = pd.to_datetime(frame["window"] + "-01-01")
    frame["w_to"] = pd.to_datetime(frame["window"] + "-12-31")
    book = type("Book", (), {"settings": {"office": "某局"}})()
    # Two offices' findings together (the ladders of a worker's share are computed in one
    # pass): each office's entries are those the reference gives its findings alone.
    frame["_o"] = [random.Random(seed + i).randrange(2) for i in range(len(frame))]
    pairs = [(ladders._count, ref._count), (ladders._unit, ref._unit), (ladders._dept_points, ref._dept_points)]
    for lad in LADDERS.values():
        for grouped, reference in pairs:
            kind = {ladders._count: "count", ladders._unit: "unit", ladders._dept_points: "dept_points"}[grouped]
            if lad.kind != kind:
                continue
            params = {"points": 0.5}
            new = grouped(lad, frame.copy(), params, book, [None, None])
            for o in (0, 1):
                alone = frame[frame["_o"] == o].drop(columns="_o").reset_index(drop=True)
                old = reference(lad, alone, params, book, None)
                mine = [{k: v for k, v in e.items() if k != "_o"} for e in new if e["_o"] == o]
                assert [dict(e, findings=list(e["findings"])) for e in mine] == [
                    dict(e, findings=list(e["findings"])) for e in old
                ]
            # The same findings in another order: the same penalties, departments included
            # (a person's department once came from whichever finding was first).
            shuffled = frame.sample(frac=1, random_state=seed).reset_index(drop=True)
            again = grouped(lad, shuffled, params, book, [None, None])
            assert sorted((e["_o"], e["subject"], e["period"], sorted(e["findings"])) for e in again) == sorted(
                (e["_o"], e["subject"], e["period"], sorted(e["findings"]))
                for e in grouped(lad, frame.copy(), params, book, [None, None])
            )


# A ladder's year window: its label and first and last day, as parsing "YYYY-01-01" and
# "YYYY-12-31" made them (the window is built from the year's number now).
_STAMP = st.one_of(
    st.none(),
    st.datetimes(min_value=dt.datetime(2004, 1, 1), max_value=dt.datetime(2030, 12, 31, 23, 59)),
)


@settings(deadline=None)
@given(stamps=st.lists(_STAMP, min_size=0, max_size=30))
def test_year_windows_are_those_of_the_parsed_year_bounds(stamps):
    import numpy as np
    import pandas as pd

    from gov_audit import ladders

    findings = pd.DataFrame({"date": pd.Series(stamps, dtype="datetime64[us]"), "id": range(len(stamps))})
    book = type("Book", (), {"settings": {}})()
    got = ladders._window(findings, book, pd.Timestamp("2026-11-30"))
    window = findings["date"].dt.year.astype("Int64").astype(str)
    assert got["window"].tolist() == window.tolist()
    for column, day in (("w_from", "-01-01"), ("w_to", "-12-31")):
        parsed = pd.to_datetime(window + day, errors="coerce")
        assert got[column].tolist() == parsed.tolist()
        assert np.array_equal(got[column].isna().to_numpy(), findings["date"].isna().to_numpy())


# The attendance ladders against pandas' sort and named aggregations they were computed
# by, on generated findings of two offices: lates, absences (days in halves, or none, or
# unreadable), dismissals, undated findings, blank and named departments, a roster.
_ATTENDANCE = st.fixed_dictionaries(
    {
        "subject": _SUBJECTS,
        "dept": st.sampled_from([None, "", "综合股", "信访股", "财务股"]),
        "role": st.sampled_from(["late", "absence", "dismissal"]),
        "absent_days": st.sampled_from([None, 0.5, 1.0, 1.5, 3.0, "x"]),
        "date": st.sampled_from([None, "2025-12-31", "2026-01-05", "2026-01-20", "2026-02-01", "2026-03-01"]),
        "_o": st.integers(0, 1),
    }
)


def _attendance_frame(rows):
    import pandas as pd

    from gov_audit import ladders

    frame = pd.DataFrame(rows)
    frame["id"] = [f"F{i:03d}" for i in range(len(frame))]
    frame["absent_days"] = frame["absent_days"].astype(object)
    frame["date"] = pd.to_datetime(frame["date"])
    book = type("Book", (), {"settings": {}})()
    return ladders._window(frame, book, pd.Timestamp("2026-11-30"))


def _intakes():
    from types import SimpleNamespace

    import pandas as pd

    roster = pd.DataFrame(
        {"name": ["张三", "李四", "张三"], "allowance": [600.0, 500.0, 400.0], "welfare": [200.0, None, 100.0]}
    )
    return [SimpleNamespace(registers={"staff": SimpleNamespace(frame=roster)}), SimpleNamespace(registers={})]


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rows=st.lists(_ATTENDANCE, min_size=1, max_size=40), seed=st.integers(0, 2**16))
def test_attendance_ladders_match_pandas_aggregations(rows, seed):
    import reference_ladders as ref

    from gov_audit import ladders
    from gov_audit.rules import LADDERS

    frame = _attendance_frame(rows)
    for lad in LADDERS.values():
        if lad.kind not in ("attendance_month", "attendance_year"):
            continue
        reference = {"attendance_month": ref._attendance_month, "attendance_year": ref._attendance_year}[lad.kind]
        params = ladders.LADDER_DEFAULTS[lad.name]
        mine = ladders.KINDS[lad.kind](lad, frame.copy(), params, None, _intakes())
        old = reference(lad, frame.copy(), params, None, _intakes())
        assert sorted(mine, key=repr) == sorted(old, key=repr)
        # The findings in another order: the same penalties.
        shuffled = frame.sample(frac=1, random_state=seed).reset_index(drop=True)
        assert sorted(ladders.KINDS[lad.kind](lad, shuffled, params, None, _intakes()), key=repr) == sorted(
            mine, key=repr
        )


def test_absent_days_are_summed_whatever_the_order_of_the_rows():
    """Tenths of a day: a running sum depends on the rows' order, the correctly rounded one
    does not."""
    from gov_audit import ladders
    from gov_audit.rules import LADDERS

    days = [0.1, 0.2, 0.3, 0.1, 0.2]
    rows = [
        {"subject": "张三", "dept": "综合股", "role": "absence", "absent_days": d, "date": "2026-03-02", "_o": 0}
        for d in days
    ]
    frame = _attendance_frame(rows)
    lad = next(lad for lad in LADDERS.values() if lad.kind == "attendance_year")
    params = ladders.LADDER_DEFAULTS[lad.name]
    got = {
        ladders.KINDS["attendance_year"](lad, frame.iloc[order].reset_index(drop=True), params, None, _intakes())[0][
            "absent_days"
        ]
        for order in ([0, 1, 2, 3, 4], [4, 3, 2, 1, 0], [2, 0, 4, 1, 3])
    }
    assert got == {0.9}
    # (a running sum of these orders: 0.9 and 0.9000000000000001)
    assert {sum(days[i] for i in order) for order in ([0, 1, 2, 3, 4], [4, 3, 2, 1, 0])} == {0.9, 0.9000000000000001}
