"""Every output format carries the same findings; csv/xlsx are safe; files are written atomically;
waivers, baselines, batches and the random draw."""

import csv
import io
import json
from pathlib import Path

import openpyxl
import pytest
from helpers import D, check, runner, workbook

from gov_audit.cli import app

SAMPLE = Path(__file__).parents[1] / "sample_data" / "registers.xlsx"
ARGS = ["--as-of", "2026-11-24", "--since", "2025-01-01"]


def run(*args):
    return runner.invoke(app, [str(a) for a in args])


def json_ids():
    r = run("check", SAMPLE, *ARGS, "--format", "json")
    return [f["id"] for f in json.loads(r.stdout)["findings"]]


def test_csv_has_exactly_the_json_findings():
    r = run("check", SAMPLE, *ARGS, "--format", "csv")
    assert r.stdout.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(r.stdout.lstrip("\ufeff"))))
    assert rows[0][0] == "规则" and rows[0][-1] == "编号ID"
    assert [row[-1] for row in rows[1:]] == json_ids()


def test_xlsx_has_exactly_the_json_findings(tmp_path):
    out = tmp_path / "report.xlsx"
    assert run("check", SAMPLE, *ARGS, "--format", "xlsx", "--output", out).exit_code == 1
    wb = openpyxl.load_workbook(out)
    assert "处罚档次" in wb.sheetnames and "汇总" in wb.sheetnames
    ids, rectify = [], []
    for ws in wb.worksheets:
        header = [c.value for c in ws[1]]
        if "编号ID" in header and ws.title.startswith("整改清单"):
            rectify += [row[0] for row in ws.iter_rows(min_row=2, values_only=True)]
        elif "编号ID" in header:
            assert ws.freeze_panes == "A2" and ws.auto_filter.ref
            k = header.index("编号ID")
            ids += [row[k] for row in ws.iter_rows(min_row=2, values_only=True)]
    assert sorted(ids) == sorted(json_ids())
    assert sorted(rectify) == sorted(json_ids())  # the rectification list holds every finding once
    ws = wb["信访登记"]
    header = [c.value for c in ws[1]]
    due = ws.cell(2, header.index("到期") + 1).value
    assert hasattr(due, "year")  # a real date cell


def test_html_has_exactly_the_json_findings_and_no_network():
    r = run("check", SAMPLE, *ARGS, "--format", "html")
    html = r.stdout
    import re

    rows = re.findall(r'<tr class="[a-z]+" data-ids="([^"]+)"', html)
    shown = [i for m in rows for i in json.loads(__import__("html").unescape(m))]
    assert sorted(shown) == sorted(json_ids())  # every finding once; runs of days share a row
    assert "<svg" in html and "http://" not in html.replace("http://www.w3.org/2000/svg", "")
    assert "https://" not in html and "<script src" not in html


def test_english_report_has_no_chinese_labels():
    r = run("check", SAMPLE, *ARGS, "--format", "json", "--lang", "en")
    rep = json.loads(r.stdout)
    pet = [f for f in rep["findings"] if f["rule"] == "PET002"][0]
    assert pet["message"].startswith("Petition ") and pet["rule"] == "PET002" and "status" in pet
    assert all(p["consequence"].isascii() for p in rep["penalties"] if p["ladder"] != "attendance_month")


def test_formula_injection_neutralised(tmp_path):
    f = tmp_path / "信访登记.csv"  # a CSV export keeps text that looks like a formula
    f.write_text(
        '编号,信访人,收到日期,受理决定日期,承办人\n"=HYPERLINK(""http://x"")",@SUM(1),2026-09-15,2026-10-09,'
        '"+cmd|\' /C calc\'!A0"\n',
        encoding="utf-8",
    )
    r = run("check", f, "--as-of", "2026-11-24", "--format", "csv")
    rows = list(csv.reader(io.StringIO(r.stdout.lstrip("\ufeff"))))
    header = rows[0]
    row = dict(zip(header, rows[1], strict=True))
    assert row["事项"] == "'=HYPERLINK(\"http://x\")" and row["责任人"] == "'+cmd|' /C calc'!A0"
    assert not any(cell.startswith(("=", "+", "-", "@")) for cell in rows[1])
    out = tmp_path / "r.xlsx"
    run("check", f, "--as-of", "2026-11-24", "--format", "xlsx", "--output", out)
    ws = openpyxl.load_workbook(out)["信访登记"]
    values = [c.value for c in ws[2]]
    assert "'=HYPERLINK(\"http://x\")" in values
    assert all(c.data_type != "f" for c in ws[2])


def test_interrupted_write_leaves_no_partial_file(tmp_path, monkeypatch):
    from gov_audit.render import files

    out = tmp_path / "report.json"
    out.write_text("previous report", encoding="utf-8")

    def boom(*a, **k):
        raise OSError("disk full")

    monkeypatch.setattr(files.os, "replace", boom)
    with pytest.raises(OSError):
        files.write_text_atomic(out, "new report")
    assert out.read_text(encoding="utf-8") == "previous report"
    assert [p.name for p in tmp_path.iterdir()] == ["report.json"]


def test_output_dir_dated_file(tmp_path):
    r = run("check", SAMPLE, *ARGS, "--format", "html", "--output-dir", tmp_path / "out")
    assert r.exit_code == 1
    assert [p.name for p in (tmp_path / "out").iterdir()] == ["gov-audit-2026-11-24.html"]


WAIVERS = (
    "rule,key,justification,approved_by,expires\n"
    "PET002,XF-2026-029,涉法涉诉已转司法程序,郑建国,2026-12-31\n"
    "PET001,XF-2026-025,补录延误,郑建国,2026-10-31\n"
    "PET006,XF-2099-999,旧案,郑建国,2027-01-01\n"
)


def test_waivers_applied_expired_unmatched(tmp_path):
    w = tmp_path / "waivers.csv"
    w.write_text(WAIVERS, encoding="utf-8")
    code, rep, _ = check(SAMPLE, "--as-of", "2026-11-24", "--waivers", w)
    status = {x["rule"]: (x["status"], x["matched"]) for x in rep["waivers"]}
    assert status == {"PET002": ("applied", 1), "PET001": ("expired", 1), "PET006": ("unmatched", 0)}
    waived = [f for f in rep["findings"] if f.get("waived")]
    assert [(f["rule"], f["key"]) for f in waived] == [("PET002", "XF-2026-029")]
    assert rep["summary"]["waived"] == 1
    assert rep["summary"]["by_rule"]["PET002"] == 3  # counted apart
    assert [f for f in rep["findings"] if f["rule"] == "PET001" and not f.get("waived")]


def test_waiver_alone_does_not_fail_the_run(tmp_path):
    f = workbook(
        tmp_path / "p.xlsx", {"信访登记": [["编号", "收到日期", "受理决定日期"], ["A", D(2026, 9, 15), D(2026, 10, 9)]]}
    )
    w = tmp_path / "w.toml"
    w.write_text(
        '[[waiver]]\nrule = "PET001"\nkey = "A"\njustification = "系统故障补录"\napproved_by = "局长"\n'
        'expires = 2027-06-30\n',
        encoding="utf-8",
    )
    assert check(f, "--as-of", "2026-11-24")[0] == 1
    assert check(f, "--as-of", "2026-11-24", "--waivers", w)[0] == 0


def test_waiver_without_justification_is_an_input_error(tmp_path):
    w = tmp_path / "w.csv"
    w.write_text("rule,key,justification\nPET001,A,\n", encoding="utf-8")
    code, _, err = check(SAMPLE, "--waivers", w)
    assert code == 2 and "理由" in err


def test_baseline_reports_only_new_findings(tmp_path):
    f = workbook(
        tmp_path / "p.xlsx", {"信访登记": [["编号", "收到日期", "受理决定日期"], ["A", D(2026, 9, 15), D(2026, 10, 9)]]}
    )
    old = tmp_path / "old.json"
    assert run("check", f, "--as-of", "2026-11-24", "--format", "json", "--output", old).exit_code == 1
    f2 = workbook(
        tmp_path / "p.xlsx",
        {
            "信访登记": [
                ["编号", "收到日期", "受理决定日期"],
                ["A", D(2026, 9, 15), D(2026, 10, 9)],
                ["B", D(2026, 9, 16), D(2026, 10, 20)],
            ]
        },
    )
    code, rep, _ = check(f2, "--as-of", "2026-11-24", "--baseline", old)
    assert [f["key"] for f in rep["findings"]] == ["B"]
    assert rep["baseline"]["suppressed"] == 1 and rep["summary"]["baselined"] == 1
    # the same case in a workbook moved elsewhere: matched by rule, key and due date, not by path
    moved = tmp_path / "moved"
    moved.mkdir()
    import shutil

    shutil.copy(f2, moved / "p.xlsx")
    code, rep, _ = check(moved / "p.xlsx", "--as-of", "2026-11-24", "--baseline", old)
    assert [f["key"] for f in rep["findings"]] == ["B"] and rep["summary"]["baselined"] == 1
    assert check(f2, "--baseline", tmp_path / "p.xlsx")[0] == 2


def county_with_a_broken_file(tmp_path, decided_b=D(2026, 9, 2)):
    """Two offices (one in a folder) with a petition each, and a workbook that is not one."""
    root = tmp_path / "county"
    (root / "城关镇").mkdir(parents=True)
    workbook(
        root / "城关镇" / "城关镇计生办.xlsx",
        {"信访登记": [["编号", "收到日期", "受理决定日期"], ["A", D(2026, 9, 15), D(2026, 10, 9)]]},
    )
    workbook(
        root / "清河乡计生办.xlsx",
        {"信访登记": [["编号", "收到日期", "受理决定日期"], ["B", D(2026, 9, 1), decided_b]]},
    )
    (root / "坏文件.xlsx").write_bytes(b"PK\x03\x04 truncated")
    return root


def test_batch_over_offices_with_a_broken_file(tmp_path):
    root = county_with_a_broken_file(tmp_path)
    r = run("check", root, "--as-of", "2026-11-24", "--format", "json")
    assert r.exit_code == 2
    batch = json.loads(r.stdout)
    exits = {o["office"]: o["exit"] for o in batch["offices"]}
    assert exits == {"坏文件": 2, "城关镇/城关镇计生办": 1, "清河乡计生办": 0}
    assert [f["key"] for f in batch["reports"]["城关镇/城关镇计生办"]["findings"]] == ["A"]
    assert "坏文件.xlsx" in r.stderr
    out = tmp_path / "reports"
    r = run("check", root, "--as-of", "2026-11-24", "--format", "xlsx", "--output-dir", out)
    assert r.exit_code == 2
    assert sorted(p.name for p in out.iterdir()) == [
        "gov-audit-batch-2026-11-24.json",
        "gov-audit-坏文件-2026-11-24.xlsx",  # the broken office's report lists its error
        "gov-audit-城关镇_城关镇计生办-2026-11-24.xlsx",
        "gov-audit-清河乡计生办-2026-11-24.xlsx",
    ]
    table = run("check", root, "--as-of", "2026-11-24")
    assert "清河乡计生办" in table.stdout and table.exit_code == 2


def test_random_draw_is_reproducible_and_avoids_own_unit(tmp_path):
    root = tmp_path / "offices"
    root.mkdir()
    for name in ("城关镇计生办", "清河乡计生办", "东坝乡计生办", "西岭镇计生办"):
        workbook(root / f"{name}.xlsx", {"信访登记": [["编号", "收到日期"], ["A", D(2026, 9, 1)]]})
    people = tmp_path / "inspectors.csv"
    people.write_text(
        "姓名,单位\n甲,城关镇计生办\n乙,清河乡计生办\n丙,县卫健局\n丁,县卫健局\n戊,东坝乡计生办\n", encoding="gbk"
    )
    out1, out2 = tmp_path / "d1.json", tmp_path / "d2.json"
    for out in (out1, out2):
        r = run(
            "sample",
            root,
            "--offices",
            3,
            "--inspectors",
            people,
            "--seed",
            42,
            "--output",
            out,
            "--date",
            "2026-11-24",
        )
        assert r.exit_code == 0, r.output
    a, b = json.loads(out1.read_text(encoding="utf-8")), json.loads(out2.read_text(encoding="utf-8"))
    assert a == b and a["seed"] == 42 and len(a["drawn"]) == 3 and a["offices_pool"] == 4
    units = {"甲": "城关镇计生办", "乙": "清河乡计生办", "戊": "东坝乡计生办"}
    for d in a["drawn"]:
        assert len(d["inspectors"]) == 2
        assert all(units.get(p) != d["office"] for p in d["inspectors"])
    other = tmp_path / "d3.json"
    run("sample", root, "--offices", 3, "--inspectors", people, "--seed", 7, "--output", other, "--date", "2026-11-24")
    assert json.loads(other.read_text(encoding="utf-8"))["seed"] == 7


def test_xlsx_links_back_to_a_source_beside_it(tmp_path, monkeypatch):
    import shutil

    shutil.copy(SAMPLE, tmp_path / "registers.xlsx")
    monkeypatch.chdir(tmp_path)
    run("check", "registers.xlsx", *ARGS, "--format", "xlsx", "--output", "report.xlsx")
    ws = openpyxl.load_workbook(tmp_path / "report.xlsx")["信访登记"]
    header = [c.value for c in ws[1]]
    cell = ws.cell(2, header.index("行") + 1)
    # The link opens the source workbook at the finding's row (file target + in-file location).
    assert cell.hyperlink is not None and cell.hyperlink.target == "registers.xlsx"
    assert cell.hyperlink.location.startswith("'2026年信访台账'!A")


def test_unwritable_report_is_an_input_error_not_a_traceback(tmp_path):
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("x", encoding="utf-8")
    r = run("check", SAMPLE, *ARGS, "--format", "json", "--output", blocker / "r.json")
    assert r.exit_code == 2 and "无法写入报告" in r.stderr and "Traceback" not in r.output


def test_waiver_with_blank_optional_cells_gives_valid_json(tmp_path):
    w = tmp_path / "w.csv"
    w.write_text("rule,key,justification,approved_by,expires\nPET002,XF-2026-029,涉法涉诉,,\n", encoding="utf-8")
    r = run("check", SAMPLE, "--as-of", "2026-11-24", "--waivers", w, "--format", "json")
    assert "NaN" not in r.stdout
    rep = json.loads(r.stdout)
    assert rep["waivers"][0]["approved_by"] == "" and rep["waivers"][0]["expires"] is None
    assert rep["waivers"][0]["status"] == "applied"


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_batch_offices_are_judged_on_the_batchs_own_rulebook(tmp_path, jobs):
    # The batch loads the rulebook and calendar once and hands them to every office (in
    # the worker processes too): the office's own time limit moves each due date.
    root = tmp_path / "county"
    root.mkdir()
    for name in ("城关镇计生办", "清河乡计生办"):
        workbook(
            root / f"{name}.xlsx", {"信访登记": [["编号", "收到日期", "受理决定日期"], ["A", D(2026, 9, 15), None]]}
        )
    book = tmp_path / "rulebook.toml"
    book.write_text("[rules.PET001]\ndays = 20\n", encoding="utf-8")
    plain = json.loads(run("check", root, "--as-of", "2026-11-24", "--format", "json", "--jobs", jobs).stdout)
    own = json.loads(
        run("check", root, "--as-of", "2026-11-24", "--format", "json", "--jobs", jobs, "--rulebook", book).stdout
    )
    for office in ("城关镇计生办", "清河乡计生办"):
        before = {f["rule"]: f["due"] for f in plain["reports"][office]["findings"]}
        after = {f["rule"]: f["due"] for f in own["reports"][office]["findings"]}
        assert (
            before["PET001"] == "2026-09-30" and after["PET001"] == "2026-10-08"
        )  # 10-05 falls in the National Day holiday: the next working day
        assert own["reports"][office]["rulebook"] == str(book)


def test_batch_json_document_is_the_one_json_dumps_would_write(tmp_path):
    # Reports are spooled as each office finishes and copied into the document in office
    # order: the bytes are those of json.dumps over the whole document (sorted keys).
    root = county_with_a_broken_file(tmp_path, decided_b=None)
    for jobs in ("1", "2"):
        r = run("check", root, "--as-of", "2026-11-24", "--format", "json", "--jobs", jobs)
        document = json.loads(r.stdout)
        assert r.stdout == json.dumps(document, ensure_ascii=False, sort_keys=True) + "\n"
        assert sorted(document["reports"]) == ["坏文件", "城关镇/城关镇计生办", "清河乡计生办"]
        assert document["reports"]["坏文件"]["errors"] and document["reports"]["坏文件"]["findings"] == []
        assert [f["key"] for f in document["reports"]["清河乡计生办"]["findings"]] == ["B"]
        out = tmp_path / f"batch{jobs}.json"
        r = run("check", root, "--as-of", "2026-11-24", "--format", "json", "--jobs", jobs, "-o", out)
        assert out.read_text(encoding="utf-8") == json.dumps(document, ensure_ascii=False, sort_keys=True) + "\n"


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_renderer_failing_on_one_office_costs_only_that_office_its_report(tmp_path, monkeypatch, jobs):
    from gov_audit.render import csv_report

    real = csv_report.render_csv

    def broken_for_one_office(report, lang):
        if report.get("office") == "清河乡计生办":
            raise RuntimeError("renderer bug")
        return real(report, lang)

    monkeypatch.setattr(csv_report, "render_csv", broken_for_one_office)
    root = county_with_a_broken_file(tmp_path)
    out = tmp_path / "reports"
    r = run("check", root, "--as-of", "2026-11-24", "--format", "csv", "--output-dir", out, "--jobs", jobs)
    assert r.exit_code == 2
    summary = json.loads((out / "gov-audit-batch-2026-11-24.json").read_text(encoding="utf-8"))
    exits = {o["office"]: (o["exit"], o["errors"]) for o in summary["offices"]}
    assert exits["城关镇/城关镇计生办"] == (1, 0)  # the others are written as always
    assert exits["清河乡计生办"] == (2, 1)
    # Its file is still a valid report (the failure report: the header, no rows), and the
    # error names the office and the stage.
    failed = (out / "gov-audit-清河乡计生办-2026-11-24.csv").read_text(encoding="utf-8-sig")
    assert failed.count("\n") == 1 and failed.startswith("规则,状态")
    assert "清河乡计生办: csv report 内部错误" in r.stderr and "RuntimeError: renderer bug" in r.stderr


def test_a_worker_writes_its_offices_reports_and_sends_back_only_their_rows(tmp_path):
    # The reports are written (or encoded) where they were made; the command line gets each
    # office's summary row, exit code and errors, never the report itself.
    import pandas as pd

    from gov_audit.batch import discover_offices, run_batch
    from gov_audit.cli import ReportDelivery
    from gov_audit.engine import AuditOptions, prepare

    root = county_with_a_broken_file(tmp_path)
    offices, _ = discover_offices([root])
    options = AuditOptions(as_of=pd.Timestamp("2026-11-24"))
    out = tmp_path / "reports"
    out.mkdir()
    settled = []

    def batch(output_dir, spool, settle=None):
        deliver = ReportDelivery("json", "zh", output_dir, "2026-11-24", options, None, spool=spool)
        return run_batch(
            offices, options, "zh", "breach", jobs=2, prepared=prepare(options), deliver=deliver, settle=settle
        )

    results = batch(out, False, settle=lambda r: settled.append(sorted(r)) or r)
    assert settled == [["errors", "exit", "office", "row"]] * 3
    assert [(r["office"], r["exit"], r["row"]["findings"]) for r in results] == [
        ("坏文件", 2, 0),
        ("城关镇/城关镇计生办", 1, 1),
        ("清河乡计生办", 0, 0),
    ]
    written = json.loads((out / "gov-audit-城关镇_城关镇计生办-2026-11-24.json").read_text(encoding="utf-8"))
    assert [f["key"] for f in written["findings"]] == ["A"]
    spooled = batch(None, True)
    report = json.loads(spooled[1]["json"].decode("utf-8"))
    assert report == written


def test_xlsx_is_readable_whatever_text_and_departments_the_registers_hold(tmp_path):
    # Register cells reach the xlsx as text and as sheet names (整改清单-<科室>).  xlsxwriter
    # writes text shaped "<r>…</r>" into the sheet XML unescaped (its own rich-text runs),
    # and refuses a sheet name ending in an apostrophe, the name History, and two names
    # differing only in case: each made the report unreadable or unwritten.
    import pandas as pd

    from gov_audit.engine import AuditOptions, run_audit
    from gov_audit.render.output import write_report
    from gov_audit.report import build_report

    rep = build_report(run_audit([SAMPLE], AuditOptions(as_of=pd.Timestamp("2026-11-24"))))
    hostile = {0: ("<r>x<</r>", "财务科'"), 1: ("<r><t>injected</t></r>", "IT"), 2: ("a < b", "it"), 3: ("z", "'")}
    for i, (subject, dept) in hostile.items():
        rep["findings"][i]["subject"] = subject
        rep["findings"][i]["dept"] = dept
    rep["penalties"][0]["subject"] = "<r>y</r>"
    out = tmp_path / "r.xlsx"
    write_report(rep, "xlsx", out, "zh")
    wb = openpyxl.load_workbook(out)
    assert {"整改清单-财务科", "整改清单-IT", "整改清单-it(2)", "整改清单-"} <= set(wb.sheetnames)
    cells = {str(c) for ws in wb.worksheets for row in ws.iter_rows(min_row=2, values_only=True) for c in row}
    assert {"'<r>x<</r>", "'<r><t>injected</t></r>", "a < b", "'<r>y</r>"} <= cells
    assert "<r>x<</r>" not in cells and "injected" not in cells


def test_a_register_cell_shaped_like_xml_runs_keeps_the_xlsx_readable(tmp_path):
    f = tmp_path / "信访登记.csv"
    rows = "编号,信访人,收到日期,受理决定日期,承办人\n<r>XF-1<</r>,张三,2026-09-15,2026-10-09,<r>李四</r>\n"
    f.write_text(rows, encoding="utf-8")
    out = tmp_path / "r.xlsx"
    assert run("check", f, "--as-of", "2026-11-24", "--format", "xlsx", "--output", out).exit_code == 1
    values = [c.value for c in openpyxl.load_workbook(out)["信访登记"][2]]
    assert "'<r>李四</r>" in values


def test_every_hostile_value_as_text_and_department_gives_a_readable_report_in_every_format(tmp_path):
    # Each hostile value of the property tests (tests/test_properties.py) as a finding's
    # person and department, all in one report: every format is written and reads back.
    import pandas as pd
    from test_properties import HOSTILE

    from gov_audit.engine import AuditOptions, run_audit
    from gov_audit.render.output import write_report
    from gov_audit.report import build_report

    rep = build_report(run_audit([SAMPLE], AuditOptions(as_of=pd.Timestamp("2026-11-24"))))
    texts = [str(v) for v in HOSTILE]
    assert len(rep["findings"]) >= len(texts)
    for f, text in zip(rep["findings"], texts, strict=False):
        f["subject"], f["dept"] = text, text
    for fmt in ("xlsx", "csv", "html", "json"):
        out = tmp_path / f"r.{fmt}"
        write_report(rep, fmt, out, "zh")
        assert out.stat().st_size > 1000
    wb = openpyxl.load_workbook(tmp_path / "r.xlsx")
    assert len([t for t in wb.sheetnames if t.startswith("整改清单")]) == len(
        {f.get("dept") or "未注明科室" for f in rep["findings"] if not f.get("waived")}
    )
    cells = {str(c) for ws in wb.worksheets for row in ws.iter_rows(min_row=2, values_only=True) for c in row}
    assert {"'<r>x<</r>", "财务科'", "History", "'=SUM(A:A)"} <= cells
