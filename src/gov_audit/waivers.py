"""Waivers (an approved exception to one finding) and baselines (findings already known).

A waivers file is CSV, XLSX or TOML with, per waiver: ``rule`` (规则), ``key`` (编号: the
finding's key — a case id, ``sheet!row``, or ``person date`` — or its id), a required
``justification`` (理由), ``approved_by`` (批准人) and ``expires`` (有效期至).  TOML::

    [[waiver]]
    rule = "PET002"
    key = "XF-2026-029"
    justification = "涉法涉诉，已转法院处理"
    approved_by = "郑建国"
    expires = 2026-12-31

A waived finding is still reported, marked and counted apart, and never fails the run
or feeds a penalty ladder.  A waiver past its ``expires`` day stops applying; a waiver
that matches nothing is reported (it is probably stale).
"""

from __future__ import annotations

import datetime as dt
import json
import tomllib
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from .classify import find_header
from .errors import InputError
from .read import read_sheets
from .types import as_text, parse_date

COLUMNS = {
    "rule": ("rule", "规则", "规则编号"),
    "key": ("key", "编号", "键", "finding", "id"),
    "justification": ("justification", "理由", "豁免理由", "说明"),
    "approved_by": ("approved_by", "approvedby", "批准人", "审批人"),
    "expires": ("expires", "有效期至", "到期日", "截止日期"),
}


@dataclass
class Waiver:
    rule: str
    key: str
    justification: str
    approved_by: str
    expires: dt.date | None
    source: str


def load_waivers(path: str | Path) -> tuple[list[Waiver], list[InputError]]:
    path = Path(path)
    name = str(path)
    if not path.is_file():
        return [], [InputError(name, "usage", "豁免文件不存在 (waivers file not found)")]
    if path.suffix.lower() == ".toml":
        return _from_toml(path, name)
    sheets, errors = read_sheets(path, name)
    if errors or not sheets:
        return [], errors or [InputError(name, "unreadable", "豁免文件为空 (waivers file is empty)")]
    sheet = sheets[0]
    header_at, pos = find_header(sheet, COLUMNS, ("rule", "key"))
    where = None if sheet.is_csv else sheet.sheet
    if header_at is None:
        return [], [
            InputError(
                name, "missing_column", "豁免文件需要列 rule/规则 和 key/编号 (needs rule and key columns)", sheet=where
            )
        ]
    frame = sheet.load(header_at + 1)
    cols = {c: as_text(frame[p]) if c != "expires" else frame[p] for c, p in pos.items()}
    expires, bad = parse_date(cols["expires"]) if "expires" in cols else (pd.Series(pd.NaT, index=frame.index), None)

    def cell(name: str, k: int) -> str | None:
        if name not in cols:
            return None
        v = cols[name].iloc[k]
        return None if v is None or (not isinstance(v, str) and pd.isna(v)) else str(v)

    out: list[Waiver] = []
    for k, row in enumerate(frame.index):
        rule = cell("rule", k)
        key = cell("key", k)
        if rule is None and key is None:
            continue
        just = cell("justification", k)
        if not isinstance(just, str) or not just.strip():
            errors.append(
                InputError(
                    name,
                    "bad_value",
                    "豁免缺少理由 (a waiver needs a justification)",
                    sheet=where,
                    cell=sheet.cell_ref(pos.get("justification", pos["rule"]), int(row)),
                    expected="理由 justification",
                )
            )
            continue
        if bad is not None and bad[k]:
            errors.append(
                InputError(
                    name,
                    "bad_value",
                    "有效期无法识别 (cannot read expires)",
                    sheet=where,
                    cell=sheet.cell_ref(pos["expires"], int(row)),
                    value=str(frame[pos["expires"]].iloc[k]),
                    expected="date",
                )
            )
            continue
        exp = expires.iloc[k]
        out.append(
            Waiver(
                (rule or "").upper(),
                key or "",
                just,
                cell("approved_by", k) or "",
                None if pd.isna(exp) else exp.date(),
                f"{name}:{int(row)}",
            )
        )
    return out, errors


def _from_toml(path: Path, name: str) -> tuple[list[Waiver], list[InputError]]:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8-sig"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        return [], [InputError(name, "usage", f"TOML 格式错误 (invalid TOML): {exc}")]
    items = data.get("waiver", data.get("waivers", []))
    out, errors = [], []
    for i, w in enumerate(items if isinstance(items, list) else []):
        where = f"waiver[{i}]"
        if not isinstance(w, dict) or not w.get("rule") or not w.get("key"):
            errors.append(InputError(name, "bad_value", f"{where}: 需要 rule 和 key (needs rule and key)"))
            continue
        if not str(w.get("justification", "")).strip():
            errors.append(InputError(name, "bad_value", f"{where}: 豁免缺少理由 (a waiver needs a justification)"))
            continue
        exp = w.get("expires")
        if isinstance(exp, str):
            parsed, bad = parse_date(pd.Series([exp], dtype=object))
            if bad[0]:
                errors.append(
                    InputError(name, "bad_value", f"{where}.expires: 日期无法识别", value=exp, expected="date")
                )
                continue
            exp = parsed.iloc[0].date()
        elif isinstance(exp, dt.datetime):
            exp = exp.date()
        out.append(
            Waiver(
                str(w["rule"]).upper(),
                str(w["key"]),
                str(w["justification"]),
                str(w.get("approved_by", "")),
                exp,
                f"{name}:{where}",
            )
        )
    return out, errors


def apply_waivers(frame: pd.DataFrame, waivers: list[Waiver], as_of: pd.Timestamp) -> tuple[pd.DataFrame, list[dict]]:
    """Mark waived findings; report each waiver's fate (applied, expired, unmatched)."""
    frame = frame.copy()
    frame["waived"] = False
    frame["waiver"] = None
    if frame.empty and not waivers:
        return frame, []
    row = pd.to_numeric(frame["row"], errors="coerce")
    cell = frame["sheet"].astype(str) + "!" + row.fillna(0).astype(int).astype(str)
    status = []
    for w in waivers:
        expired = w.expires is not None and pd.Timestamp(w.expires) < as_of
        hit = (frame["rule"] == w.rule) & (
            (frame["key"].astype(str) == w.key) | (frame["id"] == w.key) | (cell == w.key)
        )
        n = int(hit.sum())
        if not expired:
            frame.loc[hit, "waived"] = True
            frame.loc[hit, "waiver"] = w.justification
        status.append(
            {
                "rule": w.rule,
                "key": w.key,
                "justification": w.justification,
                "approved_by": w.approved_by,
                "expires": w.expires.isoformat() if w.expires else None,
                "matched": n,
                "status": "expired" if expired else ("applied" if n else "unmatched"),
                "source": w.source,
            }
        )
    return frame, status


RECTIFY_SHEET = "整改清单"
RECTIFY_COLUMNS = {
    "id": "编号ID",
    "rule": "规则",
    "subject": "责任人",
    "dept": "部门",
    "key": "事项",
    "due": "到期",
    "message": "说明",
    "first_seen": "首次发现",
    "rectify_due": "整改时限",
    "measures": "整改措施",
    "progress": "整改情况",
}


def load_baseline(path: str | Path) -> tuple[set[str], set[tuple], list[InputError], list[dict]]:
    """An earlier report's findings: their ids, (rule, key, due) triples, and the entries
    themselves (with when each was first seen and its 整改时限), from the JSON report or the
    xlsx report's rectification sheets (整改清单…)."""
    path = Path(path)
    name = str(path)
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        entries = _rectification_entries(path)
        if entries is None:
            msg = "基线工作簿中没有整改清单工作表 (no 整改清单 sheet in the baseline workbook)"
            return set(), set(), [InputError(name, "usage", msg)], []
    else:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            findings = data["findings"]
            assert str(data.get("schema", "")).startswith("gov-audit/report")
        except (OSError, ValueError, KeyError, TypeError, AssertionError):
            return (
                set(),
                set(),
                [InputError(name, "usage", "基线文件不是 gov-audit 的 JSON 报告 (not a gov-audit JSON report)")],
                [],
            )
        seen = data.get("as_of")
        earlier = (data.get("baseline") or {}).get("still_open") or []
        entries = [
            {
                **f,
                "first_seen": f.get("first_seen") or seen,
                "rectify_due": f.get("rectify_due") or data.get("rectify_due"),
            }
            for f in [*findings, *earlier]
        ]
    ids = {str(f.get("id")) for f in entries if f.get("id")}
    triples = {(f.get("rule"), f.get("key"), f.get("due")) for f in entries}
    return ids, triples, [], entries


def _rectification_entries(path: Path) -> list[dict] | None:
    import openpyxl

    wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    try:
        sheets = [ws for ws in wb.worksheets if ws.title.startswith(RECTIFY_SHEET)]
        if not sheets:
            return None
        by_header = {v: k for k, v in RECTIFY_COLUMNS.items()}
        out = []
        for ws in sheets:
            rows = ws.iter_rows(values_only=True)
            header = [by_header.get(str(h).strip()) if h is not None else None for h in next(rows, ())]
            for r in rows:
                e = {k: _plain(v) for k, v in zip(header, r, strict=False) if k}
                if e.get("id") or e.get("rule"):
                    out.append(e)
        return out
    finally:
        wb.close()


def _plain(v):
    if isinstance(v, dt.datetime):
        return v.date().isoformat() if not (v.hour or v.minute) else v.isoformat(timespec="minutes")
    if isinstance(v, dt.date):
        return v.isoformat()
    return v
