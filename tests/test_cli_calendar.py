"""`gov-audit deadline` and `gov-audit calendar`, end to end through the CLI."""

import json

import openpyxl
import pytest
from typer.testing import CliRunner

from gov_audit.cli import app

runner = CliRunner()


def run(*args):
    return runner.invoke(app, list(args))


@pytest.mark.parametrize("start", ["2026-09-25", "2026/9/25", "2026.9.25", "2026年9月25日"])
def test_deadline_json_accepts_register_date_forms(start):
    r = run("deadline", start, "--days", "15", "--format", "json")
    assert r.exit_code == 0, r.output
    out = json.loads(r.stdout)
    assert out["start"] == "2026-09-25" and out["due"] == "2026-10-10"
    assert out["unit"] == "days" and out["count"] == 15 and out["provisional"] is False
    assert out["skipped"] == []


def test_deadline_lists_skipped_holidays_for_workdays():
    r = run("deadline", "2026-09-30", "--workdays", "2", "--format", "json")
    out = json.loads(r.stdout)
    assert out["due"] == "2026-10-09"
    assert out["skipped"] == [f"2026-10-0{d}" for d in range(1, 8)]
    assert out["skipped_days"][0] == {"date": "2026-10-01", "kind": "holiday", "name": "国庆节"}


def test_deadline_roll_lists_rolled_days():
    out = json.loads(run("deadline", "2026-08-05", "--days", "60", "--format", "json").stdout)
    assert out["nominal"] == "2026-10-04" and out["due"] == "2026-10-08"
    assert out["skipped"] == ["2026-10-04", "2026-10-05", "2026-10-06", "2026-10-07"]


def test_deadline_provisional():
    out = json.loads(run("deadline", "2026-12-31", "--workdays", "3", "--format", "json").stdout)
    assert out["due"] == "2027-01-06" and out["provisional"] is True


def test_deadline_table_names_holidays():
    r = run("deadline", "2026-09-30", "--workdays", "2")
    assert r.exit_code == 0
    assert "国庆节" in r.stdout and "2026-10-09" in r.stdout


def test_deadline_bad_date_is_exit_2_one_line():
    r = run("deadline", "2026-02-30", "--days", "3")
    assert r.exit_code == 2
    lines = [ln for ln in r.stderr.splitlines() if ln.strip()]
    assert len(lines) == 1 and "2026-02-30" in lines[0] and "Traceback" not in r.output


def test_deadline_month_first_is_refused():
    assert run("deadline", "05/06/2026", "--days", "3").exit_code == 2


def test_deadline_needs_exactly_one_unit():
    assert run("deadline", "2026-09-01", "--days", "3", "--workdays", "2").exit_code == 2


def test_calendar_month_grid():
    r = run("calendar", "2026-10")
    assert r.exit_code == 0
    assert "10班" in r.stdout and "1休" in r.stdout and "工作日 18 天" in r.stdout
    assert "2004–2026" in r.stdout


def test_calendar_provisional_year_says_so():
    r = run("calendar", "2027-02")
    assert "临时推算" in r.stdout and "--calendar" in r.stdout


def test_calendar_bad_period():
    assert run("calendar", "2026-13").exit_code == 2
    assert run("calendar", "1999").exit_code == 2


def test_overrides_file_csv_local_holiday_and_complete_year(tmp_path):
    f = tmp_path / "cal.csv"
    f.write_text(
        "日期,类型,名称\n2026-07-15,休,火把节\n2027,全年,国务院办公厅通知\n2027-01-01,休,元旦\n2027-02-13,班,春节\n",
        encoding="gbk",
    )
    out = json.loads(run("deadline", "2026-07-14", "--workdays", "1", "--format", "json", "--calendar", str(f)).stdout)
    assert out["due"] == "2026-07-16" and out["skipped_days"][0]["name"] == "火把节"
    out = json.loads(run("deadline", "2027-02-12", "--workdays", "1", "--format", "json", "--calendar", str(f)).stdout)
    assert out["due"] == "2027-02-13" and out["provisional"] is False


def test_overrides_file_xlsx_with_bad_row(tmp_path):
    f = tmp_path / "cal.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "调整"
    ws.append(["某州民族节日"])
    ws.append(["日期", "类型", "名称"])
    ws.append(["2026-02-30", "休", "x"])
    wb.save(f)
    r = run("deadline", "2026-07-14", "--workdays", "1", "--calendar", str(f))
    assert r.exit_code == 2
    assert "调整!A3" in r.stderr and "2026-02-30" in r.stderr
