"""The year's calendar from the State Council's notice (issue 18): `gov-audit calendar import`.

The fixtures are the notices' texts (public facts); each imported year must give exactly
chinese-calendar's working days, day by day.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import chinese_calendar
import pytest
from helpers import runner

from gov_audit.calendar import WorkCalendar
from gov_audit.calendar_file import load_calendar_file
from gov_audit.cli import app

NOTICES = Path(__file__).parent / "fixtures" / "notices"


def imported(tmp_path: Path, name: str, *extra: str) -> Path:
    out = tmp_path / f"{name}.csv"
    r = runner.invoke(app, ["calendar", "import", str(NOTICES / f"{name}.txt"), "-o", str(out), *extra])
    assert r.exit_code == 0, r.stderr
    return out


def differences(path: Path, year: int) -> list[str]:
    overrides, errors = load_calendar_file(path)
    assert errors == []
    cal = WorkCalendar(overrides)
    out, day = [], dt.date(year, 1, 1)
    while day.year == year:
        if bool(cal.is_workday(day)) != chinese_calendar.is_workday(day):
            out.append(day.isoformat())
        day += dt.timedelta(days=1)
    return out


@pytest.mark.parametrize("year", [2008, 2017, 2024, 2025, 2026])
def test_each_notice_round_trips_against_chinese_calendar(tmp_path, year):
    path = imported(tmp_path, str(year))
    assert differences(path, year) == []
    overrides, _ = load_calendar_file(path)
    assert overrides.complete_years == {year}


def test_2020_and_its_extension_applied_on_top(tmp_path):
    first = imported(tmp_path, "2020")
    # The first notice alone: 2020-02-01 is a make-up Saturday, 01-31 a working day.
    assert differences(first, 2020) == ["2020-01-31", "2020-02-01"]
    both = imported(tmp_path, "2020-extension", "--calendar", str(first))
    assert differences(both, 2020) == []


def test_the_audit_treats_the_import_as_a_complete_year(tmp_path):
    notice = tmp_path / "2027.txt"
    notice.write_text(
        "国务院办公厅关于2027年部分节假日安排的通知\n一、元旦：1月1日（周五）至3日（周日）放假，共3天。\n"
        "二、春节：2月5日至12日放假调休，共8天。2月14日（周日）上班。\n",
        encoding="utf-8",
    )
    out = tmp_path / "c.csv"
    r = runner.invoke(app, ["calendar", "import", str(notice), "-o", str(out)])
    assert r.exit_code == 0, r.stderr
    assert "2027 年 2 月" in r.stdout and "14班" in r.stdout
    r = runner.invoke(app, ["deadline", "2027-02-04", "--workdays", "1", "--calendar", str(out), "--format", "json"])
    got = json.loads(r.stdout)
    assert got["due"] == "2027-02-14" and got["provisional"] is False


def test_stdin_full_width_or_not_with_or_without_brackets(tmp_path):
    text = (
        "关于2026年部分节假日安排的通知\n一、元旦:1月1日(周四)至3日(周六)放假调休,共3天.1月4日(周日)上班。\n"
        "二、春节：2月15日至23日放假调休，共9天。2月14日星期六、2月28日周六上班。"
    )
    out = tmp_path / "c.csv"
    r = runner.invoke(app, ["calendar", "import", "-", "-o", str(out)], input=text.encode("gb18030"))
    assert r.exit_code == 0, r.stderr
    overrides, _ = load_calendar_file(out)
    work = sorted(e.date.isoformat() for e in overrides.entries if e.kind == "workday")
    assert work == ["2026-01-04", "2026-02-14", "2026-02-28"]


@pytest.mark.parametrize(
    "sentence,says",
    [
        ("一、元旦：1月1日（周五）至3日（周六）放假调休，共3天。", "星期与日期不符"),
        ("一、元旦：1月1日至3日放假调休，共4天。1月4日（周日）上班。", "共4天"),
        ("一、植树节：3月12日放假，共1天。", "不是法定节日"),
    ],
)
def test_what_cannot_be_checked_is_refused_quoting_the_sentence(tmp_path, sentence, says):
    notice = tmp_path / "n.txt"
    notice.write_text("国务院办公厅关于2026年部分节假日安排的通知\n" + sentence + "\n", encoding="utf-8")
    out = tmp_path / "c.csv"
    r = runner.invoke(app, ["calendar", "import", str(notice), "-o", str(out)])
    assert r.exit_code == 2 and says in r.stderr
    assert sentence.rstrip("。")[:12] in r.stderr  # the sentence is quoted
    assert not out.exists() and "Traceback" not in r.stderr


def test_an_extension_without_the_years_arrangement_is_refused(tmp_path):
    r = runner.invoke(app, ["calendar", "import", str(NOTICES / "2020-extension.txt"), "-o", str(tmp_path / "c.csv")])
    assert r.exit_code == 2 and "--calendar" in r.stderr
