"""The report's findings built one finding at a time, as `gov_audit.report` did before it
went columnar: the reference the columnar path must match byte for byte (issue 14)."""

from __future__ import annotations

import math

import pandas as pd

from gov_audit.rules import RULES
from gov_audit.rules.base import FIELD_PREFIX, describe, finding_fields


def _num(v):
    if v is None:
        return None
    try:
        f = float(v)
    except (TypeError, ValueError):
        return None
    if math.isnan(f):
        return None
    return int(f) if f.is_integer() else round(f, 2)


def _text(v):
    if v is None:
        return None
    try:
        if pd.isna(v):
            return None
    except (TypeError, ValueError):
        pass
    return str(v)


def _iso_column(values: pd.Series, hours: pd.Series) -> pd.Series:
    """ISO dates (date-times with minutes for hour periods or where a time is set), as the
    report made them through pandas' strftime."""
    ts = pd.to_datetime(values, errors="coerce")
    has_time = hours | ts.dt.hour.fillna(0).astype(bool) | ts.dt.minute.fillna(0).astype(bool)
    out = ts.dt.strftime("%Y-%m-%d").where(~has_time, ts.dt.strftime("%Y-%m-%dT%H:%M"))
    return out.astype(object).where(ts.notna(), None)


def finding_dicts_rowwise(frame: pd.DataFrame, lang: str, as_of: str) -> list[dict]:
    out = []
    frame = frame.copy()
    hours = frame["late_unit"] == "h"
    for col in ("start", "due", "done"):
        frame[col] = _iso_column(frame[col], hours) if len(frame) else frame[col]
    # Column lists zipped into records: pandas' to_dict boxes every value one by one.
    columns = list(frame.columns)
    values = [frame[c].astype(object).where(frame[c].notna(), None).tolist() for c in columns]
    for rec in (dict(zip(columns, row, strict=True)) for row in zip(*values, strict=True)):
        unit = rec.get("late_unit")
        row = _num(rec.get("row"))
        late = _num(rec.get("late_by"))
        f = {
            "id": rec["id"],
            "rule": rec["rule"],
            "status": rec["status"],
            "severity": rec["severity"],
            "register": rec["register"],
            "file": _text(rec.get("file")),
            "sheet": _text(rec.get("sheet")),
            "row": row,
            "subject": _text(rec.get("subject")),
            "dept": _text(rec.get("dept")),
            "key": _text(rec.get("key")),
            "start": rec.get("start"),
            "due": rec.get("due"),
            "done": rec.get("done"),
            "late_by": None if late is None else {"value": late, "unit": unit},
            "provisional": bool(rec.get("provisional")),
            "period": _text(rec.get("period")),
            "citation": RULES[rec["rule"]].citation,
        }
        absent = _num(rec.get("absent_days"))
        if absent is not None:
            f["absent_days"] = absent
        typed = finding_fields(rec)
        if typed.get("basis") == "status":
            f["basis"] = "recorded status"  # judged from the office's or app's verdict, no times
        if rec.get("waived"):
            f["waived"] = True
            f["waiver"] = rec.get("waiver")
        msg_fields = dict(f, late_unit=unit, late_by=late, absent_days=absent)
        msg_fields.update((FIELD_PREFIX + k, v) for k, v in typed.items())
        f["message"] = describe(RULES[rec["rule"]], msg_fields, lang, as_of)
        out.append(f)
    return out
