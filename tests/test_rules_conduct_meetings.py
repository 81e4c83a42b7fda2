"""The conduct and meetings families through the in-memory harness: exact findings and tiers."""

from __future__ import annotations

from helpers import D, audit_family

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
