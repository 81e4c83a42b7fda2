"""`gov-audit template`: an empty workbook an office can fill in and audit straight away."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from ..registers import REGISTERS, Register
from .files import atomic_path

FORMATS = {"date": "yyyy-mm-dd", "datetime": "yyyy-mm-dd hh:mm", "time": "hh:mm", "number": "#,##0.00", "int": "0"}
TYPE_ZH = {
    "text": "文本",
    "date": "日期",
    "datetime": "日期时间",
    "time": "时间",
    "bool": "是/否",
    "bool_yes": "是/否（空白为是）",
    "datetime_or_time": "日期时间或时间",
    "number": "数字",
    "int": "整数",
    "list": "多项，用、分隔",
    "status": "考勤状态（正常、迟到12分钟、旷工、事假、出差，或 √ 迟 早 旷 假 差 休）",
}
BLANK_ROWS = 500


def select_registers(names: list[str] | None) -> tuple[list[Register], list[str]]:
    if not names:
        return list(REGISTERS), []
    chosen, unknown = [], []
    for n in names:
        reg = next((r for r in REGISTERS if n in (r.key, r.title) or n in r.sheet_aliases), None)
        (chosen.append(reg) if reg else unknown.append(n))
    return [r for r in REGISTERS if r in chosen], unknown


def write_template(path: str | Path, registers: list[Register]) -> None:
    wb = Workbook()
    wb.remove(wb.active)
    head_font = Font(bold=True, color="FFFFFF")
    head_fill = PatternFill("solid", fgColor="1F4E78")
    req_fill = PatternFill("solid", fgColor="C00000")
    for reg in registers:
        ws = wb.create_sheet(reg.title)
        for j, col in enumerate(reg.columns, start=1):
            cell = ws.cell(row=1, column=j, value=col.header)
            cell.font = head_font
            cell.fill = req_fill if col.required else head_fill
            cell.alignment = Alignment(horizontal="center")
            letter = get_column_letter(j)
            ws.column_dimensions[letter].width = max(12, 2.2 * len(col.header) + 4)
            if col.type in FORMATS:
                for r in range(2, BLANK_ROWS + 2):
                    ws.cell(row=r, column=j).number_format = FORMATS[col.type]
            if col.type == "text" and col.name in ("staff_id", "case_id", "opinion_id", "incident_id"):
                for r in range(2, BLANK_ROWS + 2):
                    ws.cell(row=r, column=j).number_format = "@"  # keep 00123 as text
            if col.choices:
                dv = DataValidation(
                    type="list", formula1='"' + ",".join(col.choices) + '"', allow_blank=True, showErrorMessage=False
                )
                dv.prompt = "可从下拉列表选择 choose from the list"
                ws.add_data_validation(dv)
                dv.add(f"{letter}2:{letter}{BLANK_ROWS + 1}")
        ws.freeze_panes = "A2"
    doc = wb.create_sheet("说明")
    doc.append(
        [
            "台账 register",
            "工作表 sheet",
            "列名 column",
            "必填 required",
            "类型 type",
            "说明 description",
            "可选值 choices",
            "也接受的列名 accepted aliases",
        ]
    )
    for c in doc[1]:
        c.font = head_font
        c.fill = head_fill
    for reg in registers:
        for col in reg.columns:
            doc.append(
                [
                    reg.key,
                    reg.title,
                    col.header,
                    "是" if col.required else "",
                    TYPE_ZH[col.type],
                    col.doc,
                    "、".join(col.choices),
                    "、".join(col.aliases[1:]),
                ]
            )
    for letter, width in zip("ABCDEFGH", (14, 12, 16, 8, 14, 40, 40, 40), strict=True):
        doc.column_dimensions[letter].width = width
    doc.freeze_panes = "A2"
    with atomic_path(path) as tmp:
        wb.save(tmp)
