"""The report contract (docs report.md) as one dictionary, the same whatever the format."""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pandas as pd

from .engine import AuditResult
from .errors import cell_position
from .ladders import unit_name
from .registers import BY_KEY
from .rules import RULES
from .rules.base import FIELD_PREFIX, blanks_as_none, column_arrays, describe

SCHEMA = "gov-audit/report@1"


def _iso_column(values: pd.Series, hours: np.ndarray) -> list:
    """ISO dates (date-times with minutes for hour periods or where a time of day is set,
    to the minute), blanks as None, vectorized on the datetime array: numpy's ISO text is
    strftime's "%Y-%m-%d" and "%Y-%m-%dT%H:%M" without a Series per step."""
    stamps = pd.to_datetime(values, errors="coerce").to_numpy()
    blank = np.isnat(stamps)
    minutes = stamps.astype("datetime64[m]")
    has_time = hours | (minutes != stamps.astype("datetime64[D]"))
    out = np.where(has_time, np.datetime_as_string(minutes, unit="m"), np.datetime_as_string(stamps, unit="D"))
    cells = out.astype(object)
    cells[blank] = None
    return cells.tolist()


def finding_dicts(frame: pd.DataFrame, lang: str, as_of: str) -> list[dict]:
    """The report's findings, in the frame's order, built a column at a time.

    Every value is converted once per column (ISO dates, numbers, text); each rule's typed
    fields are read from its own declared columns only (the frame holds every rule's);
    what is left per finding is putting its values together and filling its message from
    the rule's template.  tests/reference_report.py keeps the finding-at-a-time version
    this must match byte for byte."""
    n = len(frame)
    if n == 0:
        return []
    hours = (frame["late_unit"] == "h").to_numpy(dtype=bool)
    iso = {c: _iso_column(frame[c], hours) for c in ("start", "due", "done")}
    text = {c: _text_list(frame[c]) for c in ("file", "sheet", "subject", "dept", "key", "period")}
    row, late, absent = (_num_list(frame[c]) for c in ("row", "late_by", "absent_days"))
    unit = _object_list(frame["late_unit"])
    rule_ids = frame["rule"].astype(object).tolist()
    ids, status, severity, register = (_object_list(frame[c]) for c in ("id", "status", "severity", "register"))
    provisional = [bool(v) for v in _object_list(frame["provisional"])]
    waived = [bool(v) for v in _object_list(frame["waived"])] if "waived" in frame else [False] * n
    waiver = _object_list(frame["waiver"]) if "waiver" in frame else [None] * n
    typed = _typed_fields(frame, rule_ids)
    out = []
    for i in range(n):
        rule = RULES[rule_ids[i]]
        late_i = late[i]
        f = {
            "id": ids[i],
            "rule": rule_ids[i],
            "status": status[i],
            "severity": severity[i],
            "register": register[i],
            "file": text["file"][i],
            "sheet": text["sheet"][i],
            "row": row[i],
            "subject": text["subject"][i],
            "dept": text["dept"][i],
            "key": text["key"][i],
            "start": iso["start"][i],
            "due": iso["due"][i],
            "done": iso["done"][i],
            "late_by": None if late_i is None else {"value": late_i, "unit": unit[i]},
            "provisional": provisional[i],
            "period": text["period"][i],
            "citation": rule.citation,
        }
        if absent[i] is not None:
            f["absent_days"] = absent[i]
        fields = typed[i]
        if fields.get("basis") == "status":
            f["basis"] = "recorded status"  # judged from the office's or app's verdict, no times
        if waived[i]:
            f["waived"] = True
            f["waiver"] = waiver[i]
        msg_fields = dict(f, late_unit=unit[i], late_by=late_i, absent_days=absent[i])
        msg_fields.update((FIELD_PREFIX + k, v) for k, v in fields.items())
        f["message"] = describe(rule, msg_fields, lang, as_of, typed=fields)
        out.append(f)
    return out


def _object_list(values: pd.Series) -> list:
    """A column's values, blanks (None, NaN, NaT, NA) as None."""
    return blanks_as_none(values).tolist()


def _text_list(values: pd.Series) -> list:
    """A column as text, blanks as None."""
    return [None if v is None else str(v) for v in _object_list(values)]


def _num_list(values: pd.Series) -> list:
    """A column as JSON numbers: whole numbers as int, others to 2 places; unreadable as None."""
    number = pd.to_numeric(values, errors="coerce").astype(float).to_numpy()
    return [None if v != v else (int(v) if v.is_integer() else round(v, 2)) for v in number.tolist()]


def _typed_fields(frame: pd.DataFrame, rule_ids: list) -> list[dict]:
    """Each finding's typed fields (name → value, blanks left out), from its rule's columns.

    Each field's column is read once, as its array, at the rows of every rule that declares
    it: a Series per rule and field was some 200 small pandas reads per sample office."""
    out: list[dict] = [{}] * len(frame)
    every = [c[len(FIELD_PREFIX) :] for c in frame.columns if c.startswith(FIELD_PREFIX)]
    positions = pd.Series(range(len(frame))).groupby(pd.Series(rule_ids, dtype=object), sort=False).indices
    names_of = {rule_id: [name for name in every if name in RULES[rule_id].fields] for rule_id in positions}
    rows_of: dict[str, list[np.ndarray]] = {}
    for rule_id, pos in positions.items():
        for name in names_of[rule_id]:
            rows_of.setdefault(name, []).append(pos)
    arrays = dict(zip(frame.columns, column_arrays(frame), strict=True))
    value_at: dict[str, dict[int, Any]] = {}
    for name, parts in rows_of.items():
        rows = np.concatenate(parts)
        cells = blanks_as_none(arrays[FIELD_PREFIX + name].take(rows)).tolist()
        value_at[name] = dict(zip(rows.tolist(), cells, strict=True))
    for rule_id, pos in positions.items():
        names = names_of[rule_id]
        if not names:
            continue
        columns = [value_at[name] for name in names]
        for k in pos.tolist():
            out[k] = {name: v for name, column in zip(names, columns, strict=True) if (v := column[k]) is not None}
    return out


def _as_of_basis(options) -> str:
    """``--as-of``, or ``today Asia/Shanghai``: which day "today" was, and where."""
    return f"today {options.as_of_zone}" if options.as_of_zone else "--as-of"


def _counts(values) -> dict:
    s = pd.Series(list(values), dtype=object).fillna("")
    return {str(k): int(v) for k, v in sorted(s.value_counts().items())}


def build_report(result: AuditResult, lang: str = "zh") -> dict:
    # Text made here meets the findings' text: held as the registers' was (intake.text_storage).
    with result.intake.text_held():
        return _build_report(result, lang)


def _build_report(result: AuditResult, lang: str) -> dict:
    as_of = result.options.as_of.strftime("%Y-%m-%d")
    rep = result.reported
    findings = finding_dicts(rep, lang, as_of)
    cal = result.calendar
    years = set(range(result.since.year, result.until.year + 1))
    for col in ("start", "due"):
        years |= (
            {int(y) for y in pd.to_datetime(rep[col], errors="coerce").dt.year.dropna().unique()} if len(rep) else set()
        )
    coverage = cal.coverage()
    coverage["provisional_years"] = cal.provisional_years(sorted(y for y in years if 2004 <= y <= 2099))
    errors = [
        e.to_json()
        for e in sorted(result.errors, key=lambda e: (e.file, e.sheet or "", cell_position(e.cell), e.message))
    ]
    counted = [f for f in findings if not f.get("waived")]  # waived findings are counted apart
    summary = {
        "findings": len(counted),
        "waived": len(findings) - len(counted),
        "baselined": result.baselined,
        "by_rule": _counts(f["rule"] for f in counted),
        "by_severity": _counts(f["severity"] for f in counted),
        "by_status": _counts(f["status"] for f in counted),
        "by_dept": _counts(f["dept"] or "" for f in counted),
        "by_register": _counts(f["register"] for f in counted),
        "errors": len(errors),
        "penalties": len(result.penalties),
    }
    rectify_due = _rectify_due(result)
    return {
        "schema": SCHEMA,
        "office": unit_name(result.rulebook, result.intake),
        "rectify_due": rectify_due,
        "as_of": as_of,
        "as_of_basis": _as_of_basis(result.options),
        "range": {"since": result.since.strftime("%Y-%m-%d"), "until": result.until.strftime("%Y-%m-%d")},
        "lang": lang,
        "inputs": [
            {"path": i.path, "sha256": i.sha256, "sheets": dict(sorted(i.sheets.items()))}
            for i in sorted(result.intake.inputs, key=lambda i: i.path)
        ],
        "rulebook": result.rulebook.source or None,
        "calendar": coverage,
        "rules_run": sorted(result.rules_run),
        "not_judged": [
            {"rule": n.rule, "register": n.register, "reason": n.reason}
            for n in sorted(result.not_judged, key=lambda n: n.rule)
        ],
        "registers_absent": sorted(set(BY_KEY) - set(result.intake.registers)),
        "skipped_sheets": sorted(
            [{"file": s.sheet.file, "sheet": s.sheet.sheet, "reason": s.reason} for s in result.intake.skipped],
            key=lambda d: (d["file"], d["sheet"]),
        ),
        "findings": findings,
        "errors": errors,
        "penalties": [_penalty(p, lang) for p in result.penalties],
        "waivers": result.waivers,
        "baseline": None if result.options.baseline is None else _baseline(result, lang, as_of, len(counted)),
        "summary": summary,
    }


def _rectify_due(result: AuditResult) -> str | None:
    """整改时限: ``rectify_workdays`` working days after the as-of day, on the audit's calendar."""
    try:
        due = result.calendar.add_workdays(
            result.options.as_of.normalize(), int(result.rulebook.settings["rectify_workdays"])
        )
    except Exception:  # beyond the calendar's years: no date rather than a wrong one
        return None
    return None if due is None else due.isoformat()


def _baseline(result: AuditResult, lang: str, as_of: str, new: int) -> dict:
    """Against an earlier report: new (the findings), still open (known before, found again:
    days since first seen, and overdue against the 整改时限), resolved (known before, gone)."""
    entries = result.baseline_entries
    by_id = {str(e["id"]): e for e in entries if e.get("id")}
    by_triple = {(e.get("rule"), e.get("key"), e.get("due")): e for e in entries}
    frame = result.findings
    still = finding_dicts(frame[frame["still_open"].astype(bool)], lang, as_of) if len(frame) else []
    today = pd.Timestamp(as_of)
    overdue = 0
    for f in still:
        e = by_id.get(f["id"]) or by_triple.get((f["rule"], f["key"], f["due"])) or {}
        first = str(e.get("first_seen") or as_of)[:10]
        f["first_seen"] = first
        f["days_open"] = int((today - pd.Timestamp(first)).days)
        f["rectify_due"] = str(e["rectify_due"])[:10] if e.get("rectify_due") else None
        f["rectify_overdue"] = bool(f["rectify_due"] and f["rectify_due"] < as_of)
        overdue += f["rectify_overdue"]
    current_ids = set(frame["id"].astype(str)) if len(frame) else set()
    due = pd.to_datetime(frame["due"], errors="coerce").dt.strftime("%Y-%m-%d") if len(frame) else pd.Series([])
    current_triples = (
        set(zip(frame["rule"], frame["key"], due.where(due.notna(), None), strict=True)) if len(frame) else set()
    )
    keep = (
        "id",
        "rule",
        "register",
        "subject",
        "dept",
        "key",
        "due",
        "message",
        "sheet",
        "row",
        "first_seen",
        "rectify_due",
    )
    resolved = [
        {k: e.get(k) for k in keep}
        for e in entries
        if str(e.get("id")) not in current_ids and (e.get("rule"), e.get("key"), e.get("due")) not in current_triples
    ]
    resolved.sort(key=lambda e: (str(e.get("rule")), str(e.get("id"))))
    return {
        "path": str(result.options.baseline),
        "suppressed": result.baselined,
        "new": new,
        "still_open": still,
        "resolved": resolved,
        "overdue": overdue,
    }


def _clean(v):
    """JSON has no NaN: a missing number or text is null."""
    if isinstance(v, float) and math.isnan(v):
        return None
    if isinstance(v, list):  # (a penalty's finding ids: text, passed as they are)
        return [x if type(x) is str else _clean(x) for x in v]
    return v


_NOT_IN_PENALTY = frozenset(("consequence_zh", "consequence_en", "reported"))


def _penalty(p: dict, lang: str) -> dict:
    # _clean only where a value can be NaN (a float, or a list): a report has thousands of these.
    out = {k: _clean(v) if isinstance(v, (float, list)) else v for k, v in p.items() if k not in _NOT_IN_PENALTY}
    out["consequence"] = p["consequence_zh"] if lang == "zh" else p["consequence_en"]
    return out


def failure_report(options, errors: list, lang: str = "zh", rulebook_source: str | None = None) -> dict:
    """The report when the audit itself could not finish: every contract field, no findings,
    and the errors that say why (a cron consumer always gets a valid file)."""
    as_of = options.as_of.strftime("%Y-%m-%d")
    until = (options.until if options.until is not None else options.as_of).normalize()
    since = options.since if options.since is not None else pd.Timestamp(until.year, 1, 1)
    errs = [
        e.to_json() for e in sorted(errors, key=lambda e: (e.file, e.sheet or "", cell_position(e.cell), e.message))
    ]
    return {
        "schema": SCHEMA,
        "as_of": as_of,
        "as_of_basis": _as_of_basis(options),
        "range": {"since": since.strftime("%Y-%m-%d"), "until": until.strftime("%Y-%m-%d")},
        "lang": lang,
        "inputs": [],
        "rulebook": rulebook_source or None,
        "calendar": {},
        "rules_run": [],
        "not_judged": [],
        "registers_absent": [],
        "skipped_sheets": [],
        "findings": [],
        "errors": errs,
        "penalties": [],
        "waivers": [],
        "baseline": None,
        "summary": {
            "findings": 0,
            "waived": 0,
            "baselined": 0,
            "by_rule": {},
            "by_severity": {},
            "by_status": {},
            "by_dept": {},
            "by_register": {},
            "errors": len(errs),
            "penalties": 0,
        },
    }
