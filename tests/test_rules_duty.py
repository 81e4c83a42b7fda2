"""The duty-rota family through the in-memory harness (003 值班制度)."""

from __future__ import annotations

from helpers import D, audit_family

HEAD = ["值班日期", "值班人员", "带班领导", "到岗时间", "报备日期"]


def test_weekends_need_no_duty_but_a_kept_holiday_rota_needs_every_day():
    # Friday 11-13 and Monday 11-16: the weekend between is not a duty day.
    found, _, errors = audit_family(
        "DUT001", {"值班表": [HEAD, [D(2026, 11, 13), "王敏"], [D(2026, 11, 16), "王敏"]]}, "2026-11-30"
    )
    assert errors == [] and found == []
    # One 国庆 day on the rota: the whole run 10-01..10-07 must be covered; 10-10 (调休) too.
    rows = [[D(2026, 9, 30), "王敏"], [D(2026, 10, 1), "李静"], *[[D(2026, 10, d), "赵磊"] for d in (2, 3, 4, 5, 6, 7)]]
    rows += [[D(2026, 10, 8), "王敏"], [D(2026, 10, 9), "王敏"], [D(2026, 10, 12), "王敏"]]
    found, _, _ = audit_family("DUT001", {"值班表": [HEAD, *rows]}, "2026-11-30")
    assert [(f["start"], f["message"]) for f in found] == [("2026-10-10", "2026-10-10（工作日）值班表中没有值班人员")]


def test_the_start_of_work_comes_from_the_rulebook_schedule(tmp_path):
    sheets = {"值班表": [HEAD, [D(2026, 9, 29), "李静", "郑建国", "08:45"]]}
    found, _, _ = audit_family("DUT003", sheets, "2026-11-30")
    assert [(f["rule"], f["subject"]) for f in found] == [("DUT003", "李静")]
    assert "应不晚于 08:20" in found[0]["message"]
    book = '[schedule]\nsessions = [["09:00", "17:30"]]\n'
    found, _, _ = audit_family("DUT003", sheets, "2026-11-30", book, tmp_path)
    assert found == []


def test_holiday_rota_filed_late_or_not_at_all():
    sheets = {
        "值班表": [
            HEAD,
            [D(2026, 10, 2), "孙强", "刘晓梅", None, D(2026, 9, 30)],  # on time: the day before 10-01
            [D(2026, 10, 3), "王敏", "刘晓梅", None, D(2026, 10, 3)],  # 3 days late
            [D(2026, 10, 4), "李静", "刘晓梅", None, None],  # never filed: overdue
        ]
    }
    found, _, _ = audit_family("DUT002", sheets, "2026-11-30")
    assert [(f["row"], f["status"], f["due"], f["late_by"]["value"]) for f in found] == [
        (3, "late", "2026-09-30", 3),
        (4, "overdue", "2026-09-30", 61),
    ]
