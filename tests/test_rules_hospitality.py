"""The receptions family through the in-memory harness (003 接待制度)."""

from __future__ import annotations

from helpers import D, audit_family

HEAD = ["接待日期", "接待对象", "接待人数", "陪同人数", "接待费用", "审批人", "审批日期", "承办股室"]


def test_unapproved_reception_names_the_amount_borne_personally():
    sheets = {"公务接待": [HEAD, [D(2026, 9, 16), "省调研组", 5, 3, 700.5, None, None, "办公室"]]}
    found, _, errors = audit_family("HOS001", sheets, "2026-11-30")
    assert errors == []
    assert [(f["row"], f["subject"], f["message"]) for f in found] == [
        (2, "办公室", "2026-09-16 接待省调研组：没有公务接待审批单，接待费用 700.50 元应由个人自理")
    ]


def test_an_unreadable_approval_date_is_an_error_not_a_verdict():
    sheets = {"公务接待": [HEAD, [D(2026, 9, 16), "省调研组", 5, 3, 700, "刘晓梅", "2026-02-30", "办公室"]]}
    found, _, errors = audit_family("HOS001", sheets, "2026-11-30")
    assert found == [] and len(errors) == 1 and "2026-02-30" in str(errors[0])


def test_the_county_standard_is_a_parameter_and_the_excess_is_named(tmp_path):
    sheets = {"公务接待": [HEAD, [D(2026, 5, 20), "市检查组", 8, 3, 1440, "刘晓梅", D(2026, 5, 19), "办公室"]]}
    found, _, _ = audit_family("HOS002", sheets, "2026-11-30")
    assert "人均 180.00 元，超过标准 150 元，超出 240.00 元" in found[0]["message"]
    found, _, _ = audit_family("HOS002", sheets, "2026-11-30", "[rules.HOS002]\nper_guest_max = 180\n", tmp_path)
    assert found == []


def test_companions_a_third_of_a_large_group():
    rows = [
        [D(2026, 7, d), "乡镇", g, c, 100, "郑建国", D(2026, 7, d), "综合股"]
        for d, g, c in ((1, 9, 3), (2, 9, 4), (3, 30, 10), (4, 30, 11))
    ]
    found, _, _ = audit_family("HOS003", {"公务接待": [HEAD, *rows]}, "2026-11-30")
    assert [(f["row"], f["message"]) for f in found] == [
        (3, "2026-07-02 接待 9 人，陪同 4 人，超过规定的 3 人"),
        (5, "2026-07-04 接待 30 人，陪同 11 人，超过规定的 10 人"),
    ]
