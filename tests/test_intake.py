"""read → classify → normalize on messy, real-world inputs."""

import datetime as dt
import hashlib
from pathlib import Path

import numpy as np
import openpyxl
import pandas as pd
import pytest
from helpers import D, T, check, workbook
from hypothesis import given, settings
from hypothesis import strategies as st

from gov_audit.classify import register_by_name
from gov_audit.intake import load_registers

FIXTURES = Path(__file__).parent / "fixtures"


def secs(h, m, s=0):
    return float(h * 3600 + m * 60 + s)


def test_title_rows_merged_title_spaced_and_fullwidth_headers(tmp_path):
    path = tmp_path / "m.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "2026年9月考勤"
    ws.append(["清河县人口和计划生育局"])
    ws.append(["2026年9月考勤表"])
    ws.merge_cells("A1:F1")
    ws.merge_cells("A2:F2")
    ws.append(["姓 名", "工　号", "部门", "日期", "签到时间", "签退时间"])  # ideographic space too
    ws.append(["张三", "00123", "办公室", D(2026, 9, 28), dt.time(8, 12), dt.time(17, 35)])
    ws.append(["李四", "00124", "办公室", "2026年9月29日", "8:41", "17:20:30"])
    ws.append(["王五", "00125", "办公室", "2026/9/30", 0.35, 0.75])
    ws.append(["赵六", "00126", "办公室", "2026.9.28", "08:30", "17:30"])
    ws.append(["钱七", "00127", "办公室", "20260928", "8:30", "17:30"])
    ws.append(["孙八", "00128", "办公室", "26-09-28 星期一", "8:30", "17:30"])
    ws.append(["周九", "00129", "办公室", "2026-09-28", "8:30", "17:30"])
    wb.save(path)
    it = load_registers([path])
    assert it.errors == []
    f = it.registers["attendance"].frame
    assert f["name"].tolist() == ["张三", "李四", "王五", "赵六", "钱七", "孙八", "周九"]
    assert f["staff_id"].tolist() == ["00123", "00124", "00125", "00126", "00127", "00128", "00129"]
    assert f["_row"].tolist() == [4, 5, 6, 7, 8, 9, 10]
    assert f["date"].dt.strftime("%Y-%m-%d").tolist() == ["2026-09-28", "2026-09-29", "2026-09-30"] + ["2026-09-28"] * 4
    assert f["sign_in"].tolist()[:3] == [secs(8, 12), secs(8, 41), round(0.35 * 86400)]
    assert f["sign_out"].tolist()[:2] == [secs(17, 35), secs(17, 20, 30)]


def test_bad_cells_are_located_and_only_their_rows_leave_the_rules(tmp_path):
    path = workbook(
        tmp_path / "b.xlsx",
        {
            "信访登记": [
                ["编号", "收到日期", "受理决定日期", "办结日期"],
                ["A", "2026-02-30", D(2026, 3, 1), D(2026, 3, 2)],
                ["B", D(2026, 9, 1), "05/06/2026", D(2026, 9, 2)],
                ["C", D(2026, 9, 1), D(2026, 9, 2), D(2026, 9, 3)],
                [None, D(2026, 9, 1), D(2026, 9, 2), D(2026, 9, 3)],
            ]
        },
    )
    it = load_registers([path])
    got = [(e.sheet, e.cell, e.value, e.column) for e in it.errors]
    assert got == [
        ("信访登记", "B2", "2026-02-30", "received"),
        ("信访登记", "C3", "05/06/2026", "accept_decided"),
        ("信访登记", "A5", "", "case_id"),
    ]
    data = it.registers["petitions"]
    # received and case_id are required: their bad or blank cells keep rows 2 and 5 out of every rule
    assert data.valid(("closed",))["_row"].tolist() == [3, 4]
    assert data.valid(("received", "accept_decided"))["case_id"].tolist() == ["C"]


def test_dates_outside_the_calendar_are_cells_in_error_and_blanks_are_not(tmp_path):
    path = workbook(
        tmp_path / "c.xlsx",
        {
            "信访登记": [
                ["编号", "收到日期", "受理决定日期", "办结日期"],
                ["A", D(2003, 12, 31), None, None],  # the day before the calendar starts
                ["B", D(2004, 1, 1), D(2004, 1, 2), None],  # its first day
                ["C", D(2026, 9, 1), D(2200, 1, 1), None],  # far past its end
                ["D", D(2026, 9, 1), None, None],  # a blank is not outside
            ]
        },
    )
    it = load_registers([path])
    assert [(e.cell, e.column) for e in it.errors] == [("B2", "received"), ("C4", "accept_decided")]
    assert all("日历范围" in e.message for e in it.errors)
    data = it.registers["petitions"]
    f = data.frame
    assert f["received"].isna().tolist() == [True, False, False, False]  # the outside day is not kept as a date
    assert f["accept_decided"].isna().tolist() == [True, False, True, True]
    assert data.valid(("accept_decided",))["case_id"].tolist() == ["B", "D"]


def test_bad_cell_gives_exit_2_with_findings_from_valid_rows(tmp_path):
    path = workbook(
        tmp_path / "b.xlsx",
        {
            "信访登记": [
                ["编号", "收到日期", "受理决定日期", "办结日期"],
                ["A", "2026-02-30", None, None],
                ["B", D(2026, 9, 15), D(2026, 10, 9), D(2026, 10, 12)],
            ]
        },
    )
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    code, rep, err = check(path, "--as-of", "2026-11-24")
    assert code == 2
    assert err.strip().splitlines() == [
        f"{path}: 信访登记!B2: “收到日期”无法识别 (cannot read received) (值 value: '2026-02-30'; "
        "应为 expected: 日期 date (2026-09-28, 2026/9/28, 2026.9.28, 2026年9月28日))"
    ]
    assert [(f["rule"], f["row"]) for f in rep["findings"]] == [("PET001", 3)]
    assert rep["errors"][0]["cell"] == "B2" and rep["errors"][0]["value"] == "2026-02-30"
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before


def test_missing_required_column_names_aliases(tmp_path):
    path = workbook(
        tmp_path / "l.xlsx",
        {"请假登记": [["姓名", "开始时间", "结束时间", "审批人"], ["张三", D(2026, 9, 1), D(2026, 9, 1), "李四"]]},
    )
    code, rep, err = check(path, "--as-of", "2026-11-24")
    assert code == 2
    assert "缺少必填列“职务类别”" in err and "人员类别" in err and "请假登记" in err
    assert "Traceback" not in err


def test_sheet_name_contains_alias_longest_wins():
    assert register_by_name("2026年信访台账").key == "petitions"
    assert register_by_name("政府信息公开申请登记").key == "requests"
    assert register_by_name("信息公开").key == "disclosures"
    assert register_by_name("说明") is None


def test_classified_by_headers_and_unknown_sheet_skipped(tmp_path):
    path = workbook(
        tmp_path / "h.xlsx",
        {
            "Sheet1": [["编号", "申请人", "收到申请日期", "答复日期"], ["S1", "某", D(2026, 9, 1), D(2026, 9, 2)]],
            "备忘": [["随便写写"], ["第二行"]],
        },
    )
    it = load_registers([path])
    assert it.inputs[0].sheets == {"Sheet1": "requests", "备忘": "skipped"}
    assert it.errors == []


def test_gbk_csv_and_utf8_bom_csv(tmp_path):
    text = "政府信息公开申请\n编号,申请人,收到申请日期,答复日期\nS-001,张三,2026年9月14日,2026/10/19\n"
    gbk = tmp_path / "依申请公开.csv"
    gbk.write_bytes(text.encode("gbk"))
    bom = tmp_path / "bom" / "依申请公开.csv"
    bom.parent.mkdir()
    bom.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    for p in (gbk, bom):
        it = load_registers([p])
        f = it.registers["requests"].frame
        assert f["applicant"].tolist() == ["张三"] and f["_row"].tolist() == [3]
        assert f["received"].tolist() == [pd.Timestamp("2026-09-14")]
        assert f["replied"].tolist() == [pd.Timestamp("2026-10-19")]


def test_punch_layout_folds_to_daily(tmp_path):
    path = workbook(
        tmp_path / "zk.xlsx",
        {
            "打卡记录": [
                ["部门", "姓名", "考勤号码", "日期时间", "机器号"],
                ["办公室", "张三", "0001", "2026/9/28 8:53:12", 1],
                ["办公室", "张三", "0001", "2026/9/28 12:01:00", 1],
                ["办公室", "张三", "0001", "2026/9/28 17:40:00", 1],
                ["办公室", "李四", "0002", "2026/9/28 17:45:00", 1],
                ["办公室", "张三", "0001", T(2026, 9, 29, 8, 20), 1],
            ]
        },
    )
    it = load_registers([path])
    f = it.registers["attendance"].frame
    got = list(zip(f["name"], f["date"].dt.strftime("%m-%d"), f["sign_in"], f["sign_out"], f["_row"], strict=True))
    assert got == [
        ("张三", "09-28", secs(8, 53, 12), secs(17, 40), 2),
        ("李四", "09-28", np.nan, secs(17, 45), 5),
        ("张三", "09-29", secs(8, 20), np.nan, 6),
    ] or _nan_equal(
        got,
        [
            ("张三", "09-28", secs(8, 53, 12), secs(17, 40), 2),
            ("李四", "09-28", None, secs(17, 45), 5),
            ("张三", "09-29", secs(8, 20), None, 6),
        ],
    )


def _nan_equal(a, b):
    def norm(rows):
        return [tuple(None if isinstance(v, float) and np.isnan(v) else v for v in r) for r in rows]

    return norm(a) == norm(b)


def test_dingtalk_two_level_header_two_sessions(tmp_path):
    path = tmp_path / "dd.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "每日统计"
    ws.append(["每日统计表"])
    ws.append(["统计日期：2026-09-01 至 2026-09-30"])
    ws.append(["姓名", "考勤组", "部门", "工号", "日期", "打卡记录", None, None, None])
    ws.append([None, None, None, None, None, "上班1打卡时间", "下班1打卡时间", "上班2打卡时间", "下班2打卡时间"])
    ws.merge_cells("F3:I3")
    ws.append(["张三", "机关", "办公室", "0001", "26-09-28 星期一", "08:21", "12:02", "14:25", "17:31"])
    wb.save(path)
    it = load_registers([path])
    assert it.errors == []
    f = it.registers["attendance"].frame
    assert f[["sign_in", "sign_out", "sign_in2", "sign_out2"]].iloc[0].tolist() == [
        secs(8, 21),
        secs(12, 2),
        secs(14, 25),
        secs(17, 31),
    ]
    assert f["_row"].tolist() == [5] and f["date"].iloc[0] == pd.Timestamp("2026-09-28")


@pytest.mark.parametrize("suffix", ["xls", "ods", "xlsx"])
def test_files_saved_by_libreoffice(suffix):
    it = load_registers([FIXTURES / f"lo_registers.{suffix}"])
    assert it.errors == []
    a = it.registers["attendance"].frame
    assert a["staff_id"].tolist() == ["00123", "00124", "00125"]
    assert a["date"].dt.strftime("%Y-%m-%d").tolist() == ["2026-09-28", "2026-09-29", "2026-10-10"]
    assert a["sign_in"].tolist() == [secs(8, 12), secs(8, 41), secs(8, 50, 30)]
    assert a["_row"].tolist() == [3, 4, 5]
    p = it.registers["petitions"].frame
    assert p["case_id"].tolist() == ["XF-2026-001", "XF-2026-002"]
    assert p["signed"].tolist() == [True, False]
    assert p["received"].dt.strftime("%Y-%m-%d").tolist() == ["2026-08-05", "2026-09-01"]


def _truncated(tmp_path):
    data = (FIXTURES / "lo_registers.xlsx").read_bytes()
    p = tmp_path / "truncated.xlsx"
    p.write_bytes(data[: len(data) // 2])
    return p


def _not_workbook(tmp_path):
    p = tmp_path / "notes.xlsx"
    p.write_text("这不是表格", encoding="utf-8")
    return p


def _empty(tmp_path):
    p = tmp_path / "empty.xlsx"
    p.write_bytes(b"")
    return p


@pytest.mark.parametrize(
    "make,words",
    [
        (lambda t: t / "missing.xlsx", "文件不存在"),
        (_not_workbook, "不是有效的 Excel/ODS 文件"),
        (_truncated, "文件不完整或已损坏"),
        (lambda t: FIXTURES / "password_protected.xlsx", "密码保护"),
        (_empty, "文件为空"),
    ],
)
def test_unreadable_inputs(tmp_path, make, words):
    path = make(tmp_path)
    code, rep, err = check(path, "--as-of", "2026-11-24")
    assert code == 2
    lines = err.strip().splitlines()
    assert len(lines) == 1 and str(path) in lines[0] and words in lines[0]
    assert "Traceback" not in err
    assert rep["errors"][0]["kind"] == "unreadable"


def test_broken_file_beside_good_one_still_audits_the_good(tmp_path):
    good = workbook(
        tmp_path / "good.xlsx",
        {"信访登记": [["编号", "收到日期", "受理决定日期"], ["B", D(2026, 9, 15), D(2026, 10, 9)]]},
    )
    bad = _truncated(tmp_path)
    code, rep, err = check(good, bad, "--as-of", "2026-11-24")  # named files: one office
    assert code == 2
    assert [(f["rule"], f["file"]) for f in rep["findings"]] == [("PET001", str(good))]
    assert str(bad) in err


def test_template_audits_clean(tmp_path):
    from helpers import runner

    from gov_audit.cli import app

    out = tmp_path / "模板.xlsx"
    r = runner.invoke(app, ["template", str(out)])
    assert r.exit_code == 0
    wb = openpyxl.load_workbook(out)
    assert "说明" in wb.sheetnames and "信访登记" in wb.sheetnames
    ws = wb["信访登记"]
    assert [c.value for c in ws[1]][:3] == ["编号", "信访人", "信访方式"]
    assert any("来信" in (dv.formula1 or "") for dv in ws.data_validations.dataValidation)
    assert ws["F2"].number_format == "yyyy-mm-dd"  # 收到日期
    code, rep, err = check(out, "--as-of", "2026-11-24")
    assert (code, rep["findings"], rep["errors"]) == (0, [], [])


def test_template_selected_registers(tmp_path):
    from helpers import runner

    from gov_audit.cli import app

    out = tmp_path / "t.xlsx"
    r = runner.invoke(app, ["template", str(out), "--register", "petitions", "--register", "考勤"])
    assert r.exit_code == 0
    assert openpyxl.load_workbook(out).sheetnames == ["考勤", "信访登记", "说明"]
    assert runner.invoke(app, ["template", str(out), "--register", "nope"]).exit_code == 2


def test_dingtalk_raw_records_with_time_only_punches(tmp_path):
    path = workbook(
        tmp_path / "dd.xlsx",
        {
            "原始记录": [
                [
                    "姓名",
                    "考勤组",
                    "部门",
                    "工号",
                    "职位",
                    "UserId",
                    "考勤日期",
                    "考勤时间",
                    "打卡时间",
                    "打卡结果",
                    "打卡地址",
                ],
                ["张三", "机关", "办公室", "0001", "科员", "u1", "2026-09-28", "08:30", "08:53", "迟到", "县政府大院"],
                ["张三", "机关", "办公室", "0001", "科员", "u1", "2026-09-28", "17:30", "17:41", "正常", "县政府大院"],
                ["李四", "机关", "办公室", "0002", "科员", "u2", "2026-09-28", "08:30", "25:61", "正常", "县政府大院"],
            ]
        },
    )
    it = load_registers([path])
    f = it.registers["attendance"].frame
    good = f[~f["_bad_sign_in"]]
    assert list(zip(good["name"], good["sign_in"], good["sign_out"], good["_row"], strict=True)) == [
        ("张三", secs(8, 53), secs(17, 41), 2)
    ]
    # 李四's day is on record (so never an absence) but not judged: its punch could not be read.
    assert list(f[f["_bad_sign_in"]]["name"]) == ["李四"]
    assert [(e.cell, e.value) for e in it.errors] == [("I4", "25:61")]


@pytest.mark.parametrize("seed", [1, 7])
def test_junk_anywhere_never_breaks_the_audit(tmp_path, seed):
    """Seeded junk in random cells of the sample: located errors and exit 2, never an internal error."""
    import random

    src = Path(__file__).parents[1] / "sample_data" / "registers.xlsx"
    junk = [
        "abc",
        "2026-02-30",
        -5,
        1e12,
        None,
        "",
        "是",
        "25:99",
        0.5,
        dt.datetime(2150, 1, 1),
        "N/A",
        "=1+1",
        "1899-12-31",
        "  ",
        46293,
        "2026年13月1日",
    ]
    rng = random.Random(seed)
    wb = openpyxl.load_workbook(src)
    for _ in range(80):
        ws = rng.choice(wb.worksheets)
        cell = ws.cell(rng.randint(3, max(3, ws.max_row)), rng.randint(1, ws.max_column))
        cell.value = rng.choice(junk)
        if isinstance(cell.value, str):
            cell.data_type = "s"
    path = tmp_path / "junk.xlsx"
    wb.save(path)
    code, rep, err = check(path, "--as-of", "2026-11-24")
    assert code == 2 and rep["errors"] and rep["findings"]
    assert all(e["kind"] != "internal" for e in rep["errors"])
    assert "Traceback" not in err and "内部错误" not in err
    cells = [(e["sheet"], e["cell"]) for e in rep["errors"] if e["cell"]]
    assert len(cells) == len(set(cells)), "one line per bad cell"


@settings(max_examples=200, deadline=None)
@given(
    days=st.lists(st.one_of(st.none(), st.integers(1, 20)), max_size=30),
    as_of=st.integers(0, 21),
    in_order=st.booleans(),
)
def test_upto_keeps_exactly_the_rows_that_exist_on_the_day(days, as_of, in_order):
    # Rows anchored after the as-of day leave; a blank (unreadable) anchor stays.  A register
    # in date order takes the fast path (its later rows are a tail), any other the mask.
    from gov_audit.normalize import RegisterData
    from gov_audit.registers import BY_KEY

    if in_order:
        days = sorted(days, key=lambda d: (d is None, d or 0))
    dates = pd.Series([pd.NaT if d is None else pd.Timestamp(2026, 9, d) for d in days], dtype="datetime64[ns]")
    frame = pd.DataFrame({"date": dates, "_row": np.arange(len(days)) + 3})
    data = RegisterData(BY_KEY["attendance"], frame)
    day = pd.Timestamp(2026, 9, 1) + pd.Timedelta(days=as_of - 1)
    got = data.upto(day).frame
    want = frame[~(frame["date"] > day).to_numpy()]
    assert got["_row"].tolist() == want["_row"].tolist()
    assert got.index.is_unique


def test_classifying_a_sheet_imports_no_pandas():
    # The reader's prefetch thread classifies each sheet to know where its data starts,
    # then parses it.  If classifying imports pandas (it once did, through the grid
    # legend's module), the parse of a million-row sheet starts 0.3 s late.
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from gov_audit.classify import data_start_of\n"
        "from gov_audit.read import RawSheet\n"
        "rows = [['姓名', '日期', '签到', '签退'], ['张三', '2026-09-01', '8:00', '17:30']]\n"
        "assert data_start_of(RawSheet('a.xlsx', '考勤', rows, [0, 1, 2, 3])) == 1\n"
        "grid = [['姓名'] + [str(d) for d in range(1, 31)], ['张三'] + ['√'] * 30, ['注：√出勤 迟迟到']]\n"
        "assert data_start_of(RawSheet('a.xlsx', '9月考勤', grid, list(range(31)))) is None\n"
        "assert 'pandas' not in sys.modules, 'classify imported pandas'\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_text_is_held_as_python_strings_for_a_small_office_and_in_arrow_for_a_large(tmp_path, monkeypatch):
    import gov_audit.intake as intake
    from gov_audit.engine import AuditOptions, run_audit
    from gov_audit.report import build_report

    small = tmp_path / "small.csv"
    small.write_text("a\n" * 10, encoding="utf-8")
    big = tmp_path / "big.csv"
    big.write_bytes(b"a\n" * (intake.SMALL_INPUT_BYTES // 2 + 1))
    assert intake.text_storage([small]) == "python"
    assert intake.text_storage([big]) == "pyarrow"
    assert intake.text_storage([small, tmp_path / "gone.xlsx"]) == "python"  # the reader reports it
    assert intake.text_storage([small, big]) == "pyarrow"  # the office's files together

    sample = Path(__file__).resolve().parent.parent / "sample_data" / "registers.xlsx"
    before = pd.get_option("mode.string_storage")
    for bound, storage, array in (
        (intake.SMALL_INPUT_BYTES, "python", pd.arrays.StringArray),
        (-1, "pyarrow", pd.arrays.ArrowStringArray),
    ):
        monkeypatch.setattr(intake, "SMALL_INPUT_BYTES", bound)
        result = run_audit([sample], AuditOptions(as_of=pd.Timestamp("2026-11-30")))
        assert result.intake.text_storage == storage
        assert type(result.intake.registers["petitions"].frame["petitioner"].array) is array
        assert len(build_report(result)["findings"]) == 177
        assert pd.get_option("mode.string_storage") == before  # nothing leaks to the caller


_COLUMN_KINDS = {
    "object": lambda r, n: np.array([r.choice(["甲", None, 3]) for _ in range(n)], dtype=object),
    "str": lambda r, n: pd.array([r.choice(["乙", None]) for _ in range(n)], dtype="str"),
    "category": lambda r, n: pd.Categorical([r.choice(["a.xlsx", "b.xlsx"]) for _ in range(n)]),
    "datetime64[ns]": lambda r, n: pd.to_datetime([r.choice(["2026-01-05", None]) for _ in range(n)]).as_unit("ns"),
    # numpy's own date arrays, as typing hands them over (wrapped without pandas' check)
    "M8[ns]": lambda r, n: np.array([r.choice(["2026-01-05T08:01", "NaT"]) for _ in range(n)], dtype="M8[ns]"),
    "M8[s]": lambda r, n: np.array([r.choice(["1899-12-31T17:30", "NaT"]) for _ in range(n)], dtype="M8[s]"),
    "float64": lambda r, n: np.array([r.choice([2.5, np.nan]) for _ in range(n)], dtype=float),
    "int64": lambda r, n: np.array([r.choice([1, 2]) for _ in range(n)], dtype=np.int64),
    "bool": lambda r, n: np.array([r.choice([True, False]) for _ in range(n)], dtype=bool),
}


@given(
    st.lists(st.sampled_from(sorted(_COLUMN_KINDS)), min_size=1, max_size=8),
    st.integers(0, 6),
    st.integers(0, 6),
    st.randoms(use_true_random=False),
)
def test_a_sheets_frame_of_views_is_the_dict_constructors(kinds, a, extra, rnd):
    """A sheet's register frame is built from views of its group's typed columns
    (normalize._frame_of_views): the same columns, dtypes, values and index as pandas'
    dict constructor gives, and a view, not a copy."""
    from gov_audit.normalize import _frame_of_views

    total = a + extra
    group = {f"c{i}_{k}": _COLUMN_KINDS[k](rnd, total) for i, k in enumerate(kinds)}
    rows = {name: values[a:total] for name, values in group.items()}
    got = _frame_of_views(rows, extra)
    # (each Series in its column's dtype, as typing made it: text in an object column stays object)
    want = pd.DataFrame({name: pd.Series(v, dtype=v.dtype, copy=False) for name, v in rows.items()}, copy=False)
    pd.testing.assert_frame_equal(got, want, check_exact=True)
    pd.testing.assert_index_equal(got.columns, want.columns, exact=True)
    for name, values in rows.items():
        if isinstance(values, np.ndarray) and len(values):
            assert np.shares_memory(got[name].to_numpy(), values)


@given(
    st.lists(st.sampled_from(sorted(_COLUMN_KINDS)), min_size=1, max_size=8),
    st.integers(0, 5),
    st.randoms(use_true_random=False),
    st.data(),
)
def test_a_sheets_recognised_columns_are_its_selection(kinds, n, rnd, data):
    """The recognised columns of a loaded sheet (normalize._selected) are ``frame[labels]``:
    any subset, in any order, with the sheet's Excel rows as the index."""
    from gov_audit.normalize import _selected

    frame = pd.DataFrame(
        {i: pd.Series(_COLUMN_KINDS[k](rnd, n)) for i, k in enumerate(kinds)},
        index=pd.RangeIndex(3, 3 + n),
    )
    labels = data.draw(
        st.permutations(list(frame.columns)).flatmap(lambda p: st.just(p[: data.draw(st.integers(1, len(p)))]))
    )
    got = _selected(frame, list(labels))
    pd.testing.assert_frame_equal(got, frame[list(labels)], check_exact=True)
    pd.testing.assert_index_equal(got.columns, frame[list(labels)].columns, exact=True)


@given(
    st.lists(st.lists(st.sampled_from(sorted(_COLUMN_KINDS)), min_size=3, max_size=3), min_size=2, max_size=4),
    st.lists(st.integers(0, 4), min_size=4, max_size=4),
    st.randoms(use_true_random=False),
)
def test_registers_joined_are_what_pandas_concat_gives(kinds, sizes, rnd):
    """Sheets' and offices' registers joined (normalize._joined): pandas' concat, column by
    column, whatever dtype each part's column has (text held as objects in one office and
    as str in another, dates in two units, categoricals of other files)."""
    from gov_audit.normalize import _joined

    frames = []
    for k, row in enumerate(kinds):
        # (a yes/no column meeting a number in another part is not a register's: each
        # typed column has one type, and pandas' frame concat of such a pair depends on
        # its block layout)
        row = [kinds[0][i] if (kind == "bool") != (kinds[0][i] == "bool") else kind for i, kind in enumerate(row)]
        n = sizes[k]
        frames.append(
            pd.DataFrame({f"c{i}": pd.Series(_COLUMN_KINDS[kind](rnd, n), copy=False) for i, kind in enumerate(row)})
        )
    want = pd.concat(frames, ignore_index=True)
    got = _joined(frames)
    pd.testing.assert_frame_equal(got, want, check_exact=True)
    pd.testing.assert_index_equal(got.columns, want.columns, exact=True)


@pytest.mark.parametrize("days,wide", [(20, 0), (19, 0), (20, 5), (19, 5)])
def test_a_grid_header_needs_a_name_and_twenty_days(days, wide):
    """attendance_grid.detect: 姓名 and 20 day columns make a month's grid header (the
    narrowest there is), 19 do not, however wide the sheet and wherever the blanks."""
    from gov_audit.attendance_grid import MIN_DAYS, detect
    from gov_audit.read import RawSheet

    header = ["", "姓名", *[f"{d}日" for d in range(1, days + 1)], *[""] * wide]
    rows = [["2026年9月考勤表", *[""] * (len(header) - 1)], header, ["", "张三", *["√"] * days, *[""] * wide]]
    sheet = RawSheet("考勤.xlsx", "9月", rows, list(range(len(header))))
    grid = detect(sheet)
    if days >= MIN_DAYS:
        assert grid is not None and grid.header_row == 1 and grid.name_col == 1 and len(grid.day_cols) == days
    else:
        assert grid is None
