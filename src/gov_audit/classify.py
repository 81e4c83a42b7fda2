"""classify: which register a raw sheet is, where its header is, which column is which.

The sheet name decides first (it equals or contains a register alias; the longest
alias contained wins: ``2026年信访台账`` is petitions, ``信息公开申请`` is requests, not
disclosures).  Otherwise the headers decide: the register whose required columns are
all present and which recognises the most columns.  A sheet that fits nothing is
skipped, not an error.  The header is looked for in the first rows (title rows and
merged title cells above it are common) and may span two rows (DingTalk's 每日汇总: a
group heading merged above its sub-headings, and single headings merged downwards).
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .errors import InputError
from .registers import ATTENDANCE_GRID, LAYOUTS, REGISTERS, Register
from .textfold import fold

if TYPE_CHECKING:  # the reader's prefetch thread classifies before pandas is imported
    from .read import RawSheet


@dataclass
class Classified:
    sheet: RawSheet
    register: Register
    header_rows: tuple[int, ...]  # 0-based sheet rows holding the header
    columns: dict[int, str]  # preview column position → canonical name
    symbols: dict[str, str] = field(default_factory=dict)  # attendance legend read beside the table
    grid: object = None  # attendance_grid.Grid for a monthly grid

    @property
    def data_start(self) -> int:
        return self.header_rows[-1] + 1


@dataclass
class Skipped:
    sheet: RawSheet
    reason: str
    # The register the sheet looks most like, and its required columns the sheet lacks
    # (for the error when nothing at all was recognised).
    resembles: Register | None = None
    lacks: tuple[str, ...] = ()
    known: bool = False  # a sheet we know and skip on purpose (the template's 说明)


# The template's own documentation sheet (gov-audit template writes it).
TEMPLATE_DOC_SHEETS = ("说明",)


def register_by_name(name: str) -> Register | None:
    folded = fold(name)
    best: tuple[int, Register] | None = None
    for reg in REGISTERS:
        for alias in reg.sheet_aliases:
            a = fold(alias)
            if (a == folded or a in folded) and (best is None or len(a) > best[0]):
                best = (len(a), reg)
    return best[1] if best else None


def _match_row(cells: list[str], reg: Register) -> dict[int, str]:
    amap = reg.alias_map()
    found: dict[int, str] = {}
    taken: set[str] = set()
    for pos, cell in enumerate(cells):
        canon = amap.get(fold(cell)) if cell else None
        if canon and canon not in taken:
            found[pos] = canon
            taken.add(canon)
    return found


def _two_level(upper: list[str], lower: list[str], reg: Register) -> dict[int, str] | None:
    """Column names for a header spanning two rows, or None if ``lower`` is data."""
    amap = reg.alias_map()
    up_match = _match_row(upper, reg)
    if not any(c.strip() for c in lower):
        return None
    # (The lower cells may mean nothing alone: DingTalk's 打卡时间 under 上班1 is 上班1打卡时间.)
    # Under a heading merged downwards the lower cell is empty; a data row would fill it.
    if any(lower[p].strip() for p in up_match if p < len(lower)):
        return None
    group = ""
    found: dict[int, str] = {}
    taken: set[str] = set()
    for pos in range(max(len(upper), len(lower))):
        up = upper[pos] if pos < len(upper) else ""
        low = lower[pos] if pos < len(lower) else ""
        if up:
            group = up
        for cand in (low, group + low, up if not low else "", group if not low else ""):
            canon = amap.get(fold(cand)) if cand else None
            if canon and canon not in taken:
                found[pos] = canon
                taken.add(canon)
                break
    return found if len(found) > len(up_match) else None


def _score(match: dict[int, str], reg: Register) -> tuple[int, int]:
    names = set(match.values())
    complete = all(c.name in names for c in reg.required)
    return (1 if complete else 0, len(names))


_TIME_COLUMNS = {"sign_in", "sign_out", "sign_in2", "sign_out2", "punch_time", "status", "status2"}
# Words in a header that only an attendance sheet has.
_ATTENDANCE_WORDS = ("签到", "签退", "打卡", "考勤结果", "最早", "最晚", "迟到", "早退", "旷工", "出勤天数", "缺卡")


def _looks_like_attendance(sheet: RawSheet, rows: tuple[int, ...]) -> str:
    for r in rows:
        for cell in sheet.preview[r]:
            for word in _ATTENDANCE_WORDS:
                if word in (cell or ""):
                    return cell.strip()
    return ""


def _lacking(match: dict[int, str], reg: Register) -> tuple[str, ...]:
    names = set(match.values())
    return tuple(c.header for c in reg.required if c.name not in names)


def classify(sheet: RawSheet) -> tuple[Classified | Skipped | None, list[InputError]]:
    """Classify one sheet; errors name the sheet, the missing column and the aliases accepted."""
    if not any(any(c for c in row) for row in sheet.preview):
        return Skipped(sheet, "空工作表 empty sheet"), []
    if (
        sheet.sheet.strip() in TEMPLATE_DOC_SHEETS
        and sheet.preview
        and [fold(c) for c in sheet.preview[0][:2]] == [fold("台账 register"), fold("工作表 sheet")]
    ):
        return Skipped(sheet, "模板说明页 the template's notes", known=True), []
    from .attendance_grid import detect

    grid = detect(sheet)
    if grid is not None:  # one column per day: a monthly attendance grid, whatever the sheet is called
        cols = {grid.name_col: "name"}
        if grid.dept_col is not None:
            cols[grid.dept_col] = "dept"
        if grid.id_col is not None:
            cols[grid.id_col] = "staff_id"
        rows = (grid.header_row,) if grid.weekday_row is None else (grid.header_row, grid.weekday_row)
        return Classified(sheet, ATTENDANCE_GRID, rows, cols, grid=grid), []
    by_name = register_by_name(sheet.sheet)
    candidates = [r for r in LAYOUTS if by_name is None or r.key == by_name.key]
    best = None  # (score, -row, register, header_rows, match)
    for i, row in enumerate(sheet.preview):
        for reg in candidates:
            match = _match_row(row, reg)
            if not match:
                continue
            rows = (i,)
            if i + 1 < len(sheet.preview):
                two = _two_level(row, sheet.preview[i + 1], reg)
                if two and _score(two, reg) > _score(match, reg):
                    match, rows = two, (i, i + 1)
            score = _score(match, reg)
            # Between attendance layouts that explain as many columns, the one that reads
            # a time, punch or status column wins (a punch export is not a daily sheet
            # with no times, which would make everybody absent).
            timed = 1 if set(match.values()) & _TIME_COLUMNS else 0
            key = ((score[0], score[1], timed), -i)
            if best is None or key > best[0]:
                best = (key, reg, rows, match)
    where = None if sheet.is_csv else sheet.sheet
    if best is None or best[0][0][1] < (1 if by_name else 2):
        if by_name is None:
            near, lacks = (best[1], _lacking(best[3], best[1])) if best else (None, ())
            return Skipped(sheet, "未识别的工作表（表头不符合任何台账）unrecognised sheet", near, lacks), []
        return None, [
            InputError(
                sheet.file,
                "missing_column",
                f"找不到“{by_name.title}”的表头行（前 {len(sheet.preview)} 行中没有可识别的列名）"
                f" (no header row of register {by_name.key} found)",
                sheet=where,
            )
        ]
    (complete, _, _), _ = best[0]
    _, reg, rows, match = best
    if reg.key == "staff":
        looks = _looks_like_attendance(sheet, rows)
        if looks:
            return None, [
                InputError(
                    sheet.file,
                    "missing_column",
                    f"看起来是考勤表（有“{looks}”列），但缺少日期或签到时间列，无法按人员名册读取 (looks like 考勤 "
                    f"attendance — it has a “{looks}” column — but lacks the date or time columns; "
                    "not read as the roster)",
                    sheet=where,
                )
            ]
    if reg.key == "attendance" and reg.layout == "daily" and not set(match.values()) & _TIME_COLUMNS:
        return None, [
            InputError(
                sheet.file,
                "missing_column",
                "考勤表缺少签到/签退时间或考勤结果列，无法判断出勤 "
                "(attendance sheet with no sign-in, sign-out or result "
                "column: nothing to judge, and never an absence)",
                sheet=where,
                column="sign_in",
                expected="签到 / 签退 / 上班打卡 / 最早 / 最晚 / 考勤结果",
            )
        ]
    if not complete:
        if by_name is None:
            return Skipped(sheet, "表头不完整，未识别为任何台账 unrecognised sheet", reg, _lacking(match, reg)), []
        names = set(match.values())
        errors = [
            InputError(
                sheet.file,
                "missing_column",
                f"缺少必填列“{c.header}”（可用列名：{'、'.join(c.aliases)}）"
                f" (required column {c.name} missing; accepted headers: {', '.join(c.aliases)})",
                sheet=where,
                column=c.name,
                expected=" / ".join(c.aliases),
            )
            for c in reg.required
            if c.name not in names
        ]
        return None, errors
    return Classified(sheet, reg, rows, match), []


def find_header(
    sheet: RawSheet, columns: Mapping[str, Collection[str]], required: tuple[str, ...]
) -> tuple[int | None, dict[str, int]]:
    """For the small tables beside the registers (calendar overrides, waivers, inspector
    lists): the first row holding every ``required`` column, and each column's position."""
    wanted = {fold(a): canon for canon, aliases in columns.items() for a in aliases}
    for i, row in enumerate(sheet.preview):
        found: dict[str, int] = {}
        for pos, cell in enumerate(row):
            canon = wanted.get(fold(cell)) if cell else None
            if canon and canon not in found:
                found[canon] = pos
        if set(required) <= found.keys():
            return i, found
    return None, {}


def data_start_of(sheet: RawSheet) -> int | None:
    """Where a register's data begins in ``sheet`` (for the reader's prefetch), or None."""
    result, _ = classify(sheet)
    return result.data_start if isinstance(result, Classified) and result.register.layout != "grid" else None
