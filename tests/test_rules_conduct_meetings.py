"""The conduct and meetings families through the in-memory harness: exact findings and tiers."""

from __future__ import annotations

import re

import pandas as pd
from helpers import D, audit_family, check, workbook
from hypothesis import given, settings
from hypothesis import strategies as st

COMPLAINTS = ["投诉日期", "被投诉人", "部门", "投诉类型", "是否查实", "事由"]


def complaint(day, name="张三", kind="首问负责", yes="是"):
    return [D(2026, day[0], day[1]), name, "综合股", kind, yes, "推诿"]


def test_first_inquiry_ladder_climbs_by_count_and_caps_the_rating():
    sheets = {"效能投诉": [COMPLAINTS, complaint((3, 2)), complaint((5, 6)), complaint((9, 1), yes="否")]}
    found, penalties, errors = audit_family("CON", sheets, "2026-11-30")
    assert errors == []
    assert [(f["rule"], f["row"], f["subject"]) for f in found] == [("CON001", 2, "张三"), ("CON001", 3, "张三")]
    tiers = {(p["ladder"], p["subject"]): (p["tier"], p["count"], p["rating_cap"]) for p in penalties}
    # Two substantiated violations in a year: 效能告诫 (tier 2), rated at most 基本称职.
    assert tiers[("first_inquiry", "张三")] == (2, 2, "not_competent")
    assert tiers[("annual_rating", "张三")] == (1, 1, "not_competent")


def test_efficiency_warnings_count_from_the_second_violation():
    rows = [complaint((m, 3), kind="效能") for m in (2, 4, 6, 8)]
    found, penalties, _ = audit_family("CON", {"效能投诉": [COMPLAINTS, *rows]}, "2026-11-30")
    assert [f["rule"] for f in found] == ["CON003"] * 4
    eff = next(p for p in penalties if p["ladder"] == "efficiency_rules")
    assert (eff["tier"], eff["efficiency_warnings"]) == (2, 3)
    rating = next(p for p in penalties if p["ladder"] == "annual_rating")
    assert (rating["tier"], rating["rating_cap"]) == (3, "incompetent")  # three warnings: 不称职


MEETINGS = ["会议日期", "会议类型", "议题", "应到人数", "同意人数", "重大事项"]


def test_a_resolution_short_of_two_thirds_names_the_share_in_force(tmp_path):
    sheets = {
        "会议记录": [
            MEETINGS,
            [D(2026, 6, 10), "决议会", "M-1", 9, 5, "是"],
            [D(2026, 6, 11), "决议会", "M-2", 9, 6, "是"],
        ]
    }
    found, _, _ = audit_family("MTG004", sheets, "2026-11-30")
    assert [(f["row"], f["status"]) for f in found] == [(2, "violation")]
    found, _, _ = audit_family("MTG004", sheets, "2026-11-30", "[rules.MTG004]\nshare = 0.5\n", tmp_path)
    assert found == []


def _meetings(*rows):
    return {"会议记录": [["会议日期", "会议类型", "部门"], *([d, k, extra.get("部门")] for d, k, extra in rows)]}


def test_office_defined_duty_is_judged_per_period_and_per_section(tmp_path):
    sheets = _meetings(
        ("2026-01-12", "消防安全检查", {"部门": "综合股"}),
        ("2026-04-10", "消防安全检查", {"部门": "综合股"}),
        ("2026-04-20", "消防安全检查", {"部门": "财务股"}),
        ("2026-08-10", "消防安全检查", {"部门": "综合股"}),
    )
    book = (
        '[rules.MTG099]\nduties = [{ name = "消防安全检查", words = ["消防"], period = "quarter", per_dept = true }]\n'
    )
    found, _, _ = audit_family("MTG099", sheets, "2026-09-30", book, tmp_path)
    got = sorted((f["subject"], f["period"], f["key"]) for f in found)
    assert got == [
        ("财务股", "2026Q1", "消防安全检查 财务股 2026Q1"),
        ("财务股", "2026Q3", "消防安全检查 财务股 2026Q3"),
    ]


def test_a_malformed_office_duty_is_a_rulebook_error_not_a_silent_pass(tmp_path):
    f = workbook(tmp_path / "m.xlsx", {"会议记录": [["会议日期", "会议类型"], ["2026-01-12", "消防安全检查"]]})
    book = tmp_path / "book.toml"
    book.write_text('[rules.MTG099]\nduties = [{ name = "消防", words = ["消防"], period = "fortnight" }]\n', "utf-8")
    code, rep, err = check(f, "--as-of", "2026-09-30", "--rule", "MTG099", "--rulebook", book)
    assert code == 2
    assert "duties[0].period: 'fortnight'" in err and "Traceback" not in err
    assert rep is not None and rep["findings"] == []


def test_weekly_study_skips_a_week_with_no_working_day():
    # 2026-W40 (09-28 … 10-04) has working days; 2026-W41 (10-05 … 10-11) has 10-09 and 10-10.
    # The Spring Festival week 2026-W08 (02-16 … 02-22) has none: nothing is due in it.
    mondays = pd.date_range("2026-01-05", "2026-03-29", freq="7D")
    rows = [(d.strftime("%Y-%m-%d"), "集中学习", {}) for d in mondays if d != pd.Timestamp("2026-02-16")]
    found, _, _ = audit_family("MTG014", _meetings(*rows), "2026-03-31")
    assert found == []
    rows = [r for r in rows if r[0] != "2026-03-02"]
    found, _, _ = audit_family("MTG014", _meetings(*rows), "2026-03-31")
    assert [(f["period"], f["due"]) for f in found] == [("2026-W10", "2026-03-08")]


def test_periodic_duties_share_the_dated_meetings_and_each_alone_finds_the_same(monkeypatch):
    """The 18 periodic duties read one dated meetings frame and one period label per row
    per kind, made once per audit: each duty alone finds what it finds beside the others."""
    from gov_audit.engine import AuditOptions, prepare, run_audit
    from gov_audit.rules import meetings

    made = []
    real = meetings.period_label
    monkeypatch.setattr(meetings, "period_label", lambda d, k: made.append(k) or real(d, k))
    opts = AuditOptions(as_of=pd.Timestamp("2026-11-30"))
    together = run_audit(["sample_data/registers.xlsx"], opts, prepared=prepare(opts)).findings
    classes = [c for c in meetings.PeriodicDuty.__subclasses__() if hasattr(c, "id")]
    duties = sorted(c.id for c in classes)
    assert len(duties) >= 18
    # one labelling per kind of period (and set of needed columns), not one per duty
    assert 0 < len(made) <= len({(c.needs, c.period) for c in classes}) < len(duties)
    found = together[together["rule"].isin(duties)]
    assert found["rule"].nunique() >= 5  # the sample misses several duties
    for rid in found["rule"].unique():
        alone_opts = AuditOptions(as_of=opts.as_of, include=[rid])
        alone = run_audit(["sample_data/registers.xlsx"], alone_opts, prepared=prepare(alone_opts)).findings
        mine = found[found["rule"] == rid]
        assert alone["id"].tolist() == mine["id"].tolist()
        assert alone["status"].tolist() == mine["status"].tolist()


@settings(max_examples=300, deadline=None)
@given(
    kinds=st.lists(st.one_of(st.none(), st.text(st.sampled_from(list("会议学习解读领导小组.|*()")), max_size=6))),
    words=st.lists(st.text(st.sampled_from(list("会议学习解读.|*(")), max_size=3), max_size=3),
)
def test_kind_matches_is_the_literal_pattern_it_replaced(kinds, words):
    from gov_audit.rules.meetings import kind_matches

    for storage in ("python", "pyarrow"):
        with pd.option_context("mode.string_storage", storage):
            kind = pd.Series(kinds, dtype="str", index=range(5, 5 + len(kinds)))
            got = kind_matches(kind, words)
            live = [w for w in words if w]
            want = (
                kind.fillna("").astype(str).str.contains("|".join(re.escape(w) for w in live))
                if live
                else pd.Series(False, index=kind.index)
            )
            pd.testing.assert_series_equal(got, want, check_dtype=False)
            assert got.dtype == bool


def test_period_windows_are_held_as_the_audit_holds_text():
    """The judged windows are cached across audits (a county's worker audits offices of both
    kinds): their labels follow the text storage of the audit asking, never the first one's."""
    from gov_audit.calendar import WorkCalendar
    from gov_audit.rules.base import Context
    from gov_audit.rules.periods import whole_periods

    ctx = Context(
        {}, WorkCalendar(), pd.Timestamp("2026-11-30"), pd.Timestamp("2026-01-01"), pd.Timestamp("2026-11-30")
    )
    for storage in ("python", "pyarrow", "python"):
        with pd.option_context("mode.string_storage", storage):
            labels = whole_periods(ctx, "quarter")["label"]
            assert labels.dtype.storage == storage
            assert labels.tolist() == ["2026Q1", "2026Q2", "2026Q3"]


def test_an_offices_period_grid_is_made_once_per_rows_and_kind():
    """The 18 duties share their rows' period grids (meetings._office_grid): asked again of
    the same rows and kind, the grid made first; of other rows, even ones that took the
    first rows' place in memory, their own."""
    import numpy as np

    from gov_audit.calendar import WorkCalendar
    from gov_audit.rules.base import Context
    from gov_audit.rules.meetings import _office_grid

    ctx = Context(
        {}, WorkCalendar(), pd.Timestamp("2026-11-30"), pd.Timestamp("2026-01-01"), pd.Timestamp("2026-11-30")
    )
    one = np.zeros(2, dtype=np.int64)
    rows = pd.DataFrame({"date": pd.to_datetime(["2026-03-05", "2026-04-09"])})
    first = _office_grid(ctx, rows, one, "month")
    assert first["label"].tolist() == [f"2026-{m:02d}" for m in range(3, 12)]  # (November ends on the as-of day)
    assert _office_grid(ctx, rows, one, "month") is first
    assert _office_grid(ctx, rows, one, "quarter")["label"].tolist() == ["2026Q1", "2026Q2", "2026Q3"]
    later = pd.DataFrame({"date": pd.to_datetime(["2026-08-01", "2026-09-01"])})
    for key in [k for k in ctx.cache if k[0] == "office_grid" and k[2] == "month"]:  # its place, taken
        ctx.cache[(key[0], id(later), key[2])] = ctx.cache.pop(key)
    assert _office_grid(ctx, later, one, "month")["label"].tolist() == ["2026-08", "2026-09", "2026-10", "2026-11"]
