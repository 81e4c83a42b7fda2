"""The findings as rows of cells, shared by the csv, xlsx and html renderers."""

from __future__ import annotations

from .labels import REGISTER, SEVERITY, STATUS

# People read these sheets: what, who and when first; the machine id last.
FINDING_FIELDS = (
    "rule",
    "status",
    "severity",
    "subject",
    "dept",
    "key",
    "start",
    "due",
    "done",
    "late_by",
    "late_unit",
    "absent_days",
    "message",
    "register",
    "file",
    "sheet",
    "row",
    "period",
    "citation",
    "provisional",
    "waived",
    "waiver",
    "id",
)
HEADERS = {
    "zh": {
        "id": "编号ID",
        "rule": "规则",
        "status": "状态",
        "severity": "性质",
        "register": "台账",
        "subject": "责任人",
        "dept": "部门",
        "key": "事项",
        "start": "起算",
        "due": "到期",
        "done": "完成",
        "late_by": "逾期",
        "late_unit": "单位",
        "absent_days": "缺勤天数",
        "provisional": "临时日历",
        "period": "期间",
        "file": "文件",
        "sheet": "工作表",
        "row": "行",
        "citation": "依据",
        "message": "说明",
        "waived": "已豁免",
        "waiver": "豁免理由",
    },
    "en": {f: f.replace("_", " ") for f in FINDING_FIELDS},
}
PENALTY_FIELDS = (
    "ladder",
    "subject",
    "dept",
    "period",
    "count",
    "tier",
    "consequence",
    "efficiency_warnings",
    "rating_cap",
    "amount_yuan",
    "absent_days",
    "points",
    "findings",
)
PENALTY_HEADERS = {
    "zh": {
        "ladder": "处罚阶梯",
        "subject": "对象",
        "dept": "部门",
        "period": "期间",
        "count": "次数",
        "tier": "档次",
        "consequence": "处理",
        "efficiency_warnings": "效能告诫次数",
        "rating_cap": "考核上限",
        "amount_yuan": "金额（元）",
        "absent_days": "缺勤天数",
        "points": "扣分",
        "findings": "依据的问题",
    },
    "en": {f: f.replace("_", " ") for f in PENALTY_FIELDS},
}
UNSAFE_START = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value):
    """Text from the registers may be a formula in disguise: make it plain text (CSV injection)."""
    if isinstance(value, str) and value.startswith(UNSAFE_START):
        return "'" + value
    return value


def finding_cells(f: dict, lang: str, labels: bool = True) -> dict:
    """One finding as flat cells (status, severity and register in words when ``labels``)."""
    late = f.get("late_by") or {}
    cells = {k: f.get(k) for k in FINDING_FIELDS}
    cells["late_by"] = late.get("value")
    cells["late_unit"] = late.get("unit")
    cells["waived"] = bool(f.get("waived"))
    if labels:
        cells["status"] = STATUS[lang].get(f["status"], f["status"])
        cells["severity"] = SEVERITY[lang].get(f["severity"], f["severity"])
        cells["register"] = REGISTER[lang].get(f["register"], f["register"])
    return cells


def penalty_cells(p: dict) -> dict:
    cells = {k: p.get(k) for k in PENALTY_FIELDS}
    cells["findings"] = "、".join(p.get("findings") or [])
    return cells
