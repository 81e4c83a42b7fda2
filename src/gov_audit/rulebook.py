"""The rulebook: rule parameters in force, from the defaults in the rules plus an agency TOML.

An agency file (``--rulebook FILE``, else ``gov-audit.toml`` in the working directory)::

    [settings]
    warn_wd = 3                 # 预警: open items due within this many working days
    provisional_margin_wd = 3   # see Rulebook.provisional_margin_wd
    calendar = "holidays.csv"   # calendar overrides file, relative to this file
    ladder_window = "year"      # "year" (calendar year) or "rolling12" (12 months to as-of)
    unit_name = "某县某局"        # the audited unit, for unit_accountability (default: the file's name)
    timezone = "Asia/Shanghai"  # the default --as-of is today in this zone
    max_cells = 60000000        # the largest sheet rectangle (rows × columns) read
    max_columns = 1000          # columns past this are ignored, with a located error

    [schedule]
    sessions = [["08:30", "17:30"]]          # or two: [["08:30","12:00"], ["14:30","17:30"]]

    [attendance]                              # monthly grids (考勤表, 钉钉月度汇总)
    month = "2026-09"                         # when the title, sheet and file name do not say
    [attendance.symbols]
    "○" = "事假"                              # symbols without a common meaning need one

    [[schedule.seasons]]                      # optional seasonal hours
    from = "06-01"
    to = "09-30"
    sessions = [["08:00", "12:00"], ["15:00", "18:00"]]

    [families.attendance]                     # shared by ATT001–ATT005 (and [families.disclosure])
    absent_after_minutes = 15

    [rules.PET001]
    days = 20
    [rules.PET005]
    enabled = false

Unknown keys and wrong types are input errors naming the file and the key.
"""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import InputError, InputFailure
from .rules import MOVED_KEYS, RULES
from .rules.base import Schedule

DEFAULT_FILE = "gov-audit.toml"
SETTINGS: dict[str, Any] = {
    "warn_wd": 3,
    "provisional_margin_wd": 3,
    "calendar": "",
    "ladder_window": "year",
    "unit_name": "",
    "office": "",  # the audited office's name in headers and the unit ladder (else from title rows)
    "rectify_workdays": 15,  # 整改时限: working days after the report's as-of day
    "batch_group": "file",
    "timezone": "Asia/Shanghai",  # the default --as-of is today here, whatever the machine's TZ
    "max_cells": 60_000_000,  # a sheet's used rectangle (rows × columns) we agree to load
    "max_columns": 1_000,  # columns past this are ignored, with a located error
}
DEFAULT_SESSIONS = [("08:30", "17:30")]


def family_defaults() -> dict[str, dict[str, Any]]:
    """Each family's shared parameters with their defaults, from the rules that declare them."""
    out: dict[str, dict[str, Any]] = {}
    for rule in RULES.values():
        if rule.family:
            out.setdefault(rule.family, {}).update({k: rule.params[k] for k in rule.family_params})
    return out


@dataclass
class Rulebook:
    source: str = ""
    settings: dict[str, Any] = field(default_factory=lambda: dict(SETTINGS))
    params: dict[str, dict[str, Any]] = field(default_factory=dict)
    disabled: set[str] = field(default_factory=set)
    schedules: list[Schedule] = field(default_factory=list)
    calendar_file: Path | None = None
    notices: list[str] = field(default_factory=list)  # said once on stderr, not errors
    # [attendance]: symbols a grid uses (symbol → meaning) and the month a grid covers when
    # its title, sheet and file name do not say.
    symbols: dict[str, str] = field(default_factory=dict)
    attendance_month: str = ""

    # [rules.ID] severity = "warning": the rule's breaches are reported as warnings (as ruff
    # selects rules): --fail-on breach then passes them.
    severity: dict[str, str] = field(default_factory=dict)
    # [families.NAME]: parameters shared by every rule of a family.
    families: dict[str, dict[str, Any]] = field(default_factory=dict)
    # [evaluate] (and [evaluate.adoption]): the county scoring scheme (evaluate.py).
    evaluate: dict[str, Any] = field(default_factory=dict)
    adoption: dict[str, float] = field(default_factory=dict)

    def params_for(self, rule_id: str) -> dict[str, Any]:
        rule = RULES[rule_id]
        out = dict(rule.params)
        out.update(self.families.get(rule.family, {}))
        out.update({k: v for k, v in self.params.get(rule_id, {}).items() if k not in rule.family_params})
        return out

    def ladder_params(self, ladder: str, defaults: dict[str, Any]) -> dict[str, Any]:
        out = dict(defaults)
        out.update(self.params.get(f"ladder:{ladder}", {}))
        return out


def _seconds(text: str) -> float | None:
    m = re.fullmatch(r"(\d{1,2}):(\d{2})", str(text).strip())
    if not m or int(m.group(1)) > 23 or int(m.group(2)) > 59:
        return None
    return int(m.group(1)) * 3600 + int(m.group(2)) * 60


def _clock(text: str) -> float:
    """A built-in time of day (always well formed)."""
    seconds = _seconds(text)
    assert seconds is not None, text
    return seconds


def _type_ok(value: Any, default: Any) -> bool:
    if isinstance(default, bool):
        return isinstance(value, bool)
    if isinstance(default, int):
        return isinstance(value, int) and not isinstance(value, bool)
    if isinstance(default, float):
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    return isinstance(value, type(default))


def _type_name(default: Any) -> str:
    return {bool: "true/false", int: "整数 integer", float: "数字 number", str: "文本 string", list: "列表 list"}.get(
        type(default), type(default).__name__
    )


def _typed_values(
    name: str, prefix: str, given: dict, defaults: dict, errors: list[InputError], extra: tuple[str, ...] = ()
) -> dict:
    """The keys of ``given`` that ``defaults`` knows, with the right types; errors for the rest."""
    out = {}
    for k, v in given.items():
        if k not in defaults:
            errors.append(
                InputError(
                    name,
                    "rulebook",
                    f"{prefix}.{k}: 未知参数 (unknown key)",
                    expected=", ".join([*extra, *defaults]) or "—",
                )
            )
        elif not _type_ok(v, defaults[k]):
            errors.append(
                InputError(
                    name,
                    "rulebook",
                    f"{prefix}.{k}: 类型错误 (wrong type)",
                    value=repr(v),
                    expected=_type_name(defaults[k]),
                )
            )
        else:
            out[k] = v
    return out


def _sessions(raw: Any, key: str, name: str, errors: list[InputError]) -> list[tuple[float, float]] | None:
    if not isinstance(raw, list) or not raw or len(raw) > 2:
        errors.append(
            InputError(
                name,
                "rulebook",
                f"{key}: 应为一至两个 [开始, 结束] 时段 (one or two [start, end] sessions)",
                value=str(raw),
                expected='[["08:30", "17:30"]]',
            )
        )
        return None
    out = []
    for pair in raw:
        if not (isinstance(pair, list) and len(pair) == 2):
            errors.append(
                InputError(
                    name, "rulebook", f"{key}: 时段应为 [开始, 结束] (a session is [start, end])", value=str(pair)
                )
            )
            return None
        a, b = _seconds(pair[0]), _seconds(pair[1])
        if a is None or b is None or a >= b:
            errors.append(
                InputError(
                    name, "rulebook", f"{key}: 时间无效 (invalid time)", value=str(pair), expected='["08:30", "17:30"]'
                )
            )
            return None
        out.append((a, b))
    if len(out) == 2 and out[0][1] > out[1][0]:
        errors.append(InputError(name, "rulebook", f"{key}: 两个时段重叠 (sessions overlap)", value=str(raw)))
        return None
    return out


def load_rulebook(path: str | Path | None, ladder_defaults: dict[str, dict[str, Any]] | None = None) -> Rulebook:
    """The rulebook in force; raises InputFailure (exit 2) on any problem in the file."""
    book = Rulebook(schedules=[Schedule([(_clock(a), _clock(b)) for a, b in DEFAULT_SESSIONS])])
    if path is None:
        if Path(DEFAULT_FILE).is_file():
            path = Path(DEFAULT_FILE)
        else:
            return book
    path = Path(path)
    name = str(path)
    if not path.is_file():
        raise InputFailure([InputError(name, "rulebook", "规则文件不存在 (rulebook not found)")])
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8-sig"))
    except UnicodeDecodeError:
        msg = "规则文件须为 UTF-8 编码 (the rulebook must be UTF-8)"
        raise InputFailure([InputError(name, "rulebook", msg)]) from None
    except tomllib.TOMLDecodeError as exc:
        raise InputFailure([InputError(name, "rulebook", f"TOML 格式错误 (invalid TOML): {exc}")]) from None
    book.source = name
    errors: list[InputError] = []
    moved: list[tuple[str, str, str, str, Any]] = []
    family_moved: list[tuple[str, str, str, Any]] = []
    ladder_defaults = ladder_defaults or {}
    for top, value in data.items():
        if top == "settings":
            if not isinstance(value, dict):
                errors.append(InputError(name, "rulebook", "settings: 应为表 (must be a table)"))
                continue
            book.settings.update(_typed_values(name, "settings", value, SETTINGS, errors))
            if book.settings["ladder_window"] not in ("year", "rolling12"):
                errors.append(
                    InputError(
                        name,
                        "rulebook",
                        "settings.ladder_window: 应为 year 或 rolling12",
                        value=book.settings["ladder_window"],
                        expected="year, rolling12",
                    )
                )
            if book.settings["batch_group"] not in ("file", "directory"):
                errors.append(
                    InputError(
                        name,
                        "rulebook",
                        "settings.batch_group: 应为 file 或 directory",
                        value=book.settings["batch_group"],
                        expected="file, directory",
                    )
                )
            from .clock import valid_zone

            if not valid_zone(book.settings["timezone"]):
                errors.append(
                    InputError(
                        name,
                        "rulebook",
                        "settings.timezone: 未知时区 (unknown time zone)",
                        value=book.settings["timezone"],
                        expected="Asia/Shanghai",
                    )
                )
            for key in ("max_cells", "max_columns"):
                if book.settings[key] < 1:
                    errors.append(
                        InputError(
                            name,
                            "rulebook",
                            f"settings.{key}: 应为正整数 (must be positive)",
                            value=str(book.settings[key]),
                        )
                    )
            if book.settings["calendar"]:
                book.calendar_file = (path.parent / book.settings["calendar"]).resolve()
        elif top == "schedule":
            _load_schedule(value, name, book, errors)
        elif top == "attendance":
            _load_attendance(value, name, book, errors)
        elif top == "families":
            defaults = family_defaults()
            if not isinstance(value, dict):
                errors.append(InputError(name, "rulebook", "families: 应为表 (must be a table)"))
                continue
            for fam, opts in value.items():
                if fam not in defaults:
                    errors.append(
                        InputError(
                            name,
                            "rulebook",
                            f"families.{fam}: 未知规则族 (unknown family)",
                            expected=", ".join(sorted(defaults)),
                        )
                    )
                elif not isinstance(opts, dict):
                    errors.append(InputError(name, "rulebook", f"families.{fam}: 应为表 (must be a table)"))
                else:
                    book.families.setdefault(fam, {}).update(
                        _typed_values(name, f"families.{fam}", opts, defaults[fam], errors)
                    )
        elif top == "rules":
            if not isinstance(value, dict):
                errors.append(InputError(name, "rulebook", "rules: 应为表 (must be a table)"))
                continue
            for rid, opts in value.items():
                rid_u = rid.upper()
                if rid_u not in RULES:
                    errors.append(InputError(name, "rulebook", f"rules.{rid}: 未知规则 (unknown rule ID)"))
                    continue
                if not isinstance(opts, dict):
                    errors.append(InputError(name, "rulebook", f"rules.{rid}: 应为表 (must be a table)"))
                    continue
                enabled = opts.get("enabled", True)
                if not isinstance(enabled, bool):
                    errors.append(
                        InputError(
                            name,
                            "rulebook",
                            f"rules.{rid}.enabled: 类型错误 (wrong type)",
                            value=repr(enabled),
                            expected="true/false",
                        )
                    )
                elif not enabled:
                    book.disabled.add(rid_u)
                severity = opts.get("severity")
                if severity is not None:
                    if severity not in ("breach", "warning", "off"):
                        errors.append(
                            InputError(
                                name,
                                "rulebook",
                                f"rules.{rid}.severity: 应为 breach、warning 或 off",
                                value=repr(severity),
                                expected="breach, warning, off",
                            )
                        )
                    elif severity == "off":
                        book.disabled.add(rid_u)
                    else:
                        book.severity[rid_u] = severity
                rest = {k: v for k, v in opts.items() if k not in ("enabled", "severity")}
                rule = RULES[rid_u]
                for key in [k for k in rest if k in rule.family_params]:
                    family_moved.append((rid, key, rule.family, rest.pop(key)))
                for old_key, (to_rule, to_key) in MOVED_KEYS.items():
                    prefix, key = old_key.split(":")
                    if key in rest and rid_u.startswith(prefix) and rid_u != to_rule:
                        moved.append((rid, key, to_rule, to_key, rest.pop(key)))
                values = _typed_values(
                    name, f"rules.{rid}", rest, RULES[rid_u].params, errors, extra=("enabled", "severity")
                )
                if values:
                    book.params.setdefault(rid_u, {}).update(values)
        elif top == "ladders":
            if not isinstance(value, dict):
                errors.append(InputError(name, "rulebook", "ladders: 应为表 (must be a table)"))
                continue
            for lname, opts in value.items():
                if lname not in ladder_defaults:
                    errors.append(
                        InputError(
                            name,
                            "rulebook",
                            f"ladders.{lname}: 未知处罚阶梯 (unknown ladder)",
                            expected=", ".join(ladder_defaults),
                        )
                    )
                    continue
                if not isinstance(opts, dict):
                    errors.append(InputError(name, "rulebook", f"ladders.{lname}: 应为表 (must be a table)"))
                    continue
                values = _typed_values(name, f"ladders.{lname}", opts, ladder_defaults[lname], errors)
                if values:
                    book.params.setdefault(f"ladder:{lname}", {}).update(values)
        elif top == "evaluate":
            from .evaluate import ADOPTION_DEFAULTS, DEFAULTS

            if not isinstance(value, dict):
                errors.append(InputError(name, "rulebook", "evaluate: 应为表 (must be a table)"))
                continue
            adoption = value.get("adoption", {})
            rest = {k: v for k, v in value.items() if k != "adoption"}
            book.evaluate.update(_typed_values(name, "evaluate", rest, DEFAULTS, errors))
            if not isinstance(adoption, dict):
                errors.append(InputError(name, "rulebook", "evaluate.adoption: 应为表 (must be a table)"))
            else:
                for level, pts in adoption.items():
                    if isinstance(pts, (int, float)) and not isinstance(pts, bool) and pts >= 0:
                        book.adoption[str(level)] = float(pts)
                    else:
                        errors.append(
                            InputError(
                                name,
                                "rulebook",
                                f"evaluate.adoption.{level}: 应为非负数 (a number ≥ 0)",
                                value=str(pts),
                            )
                        )
                book.adoption = {**ADOPTION_DEFAULTS, **book.adoption}
        else:
            errors.append(
                InputError(
                    name,
                    "rulebook",
                    f"{top}: 未知配置项 (unknown key)",
                    expected="settings, schedule, attendance, families, rules, ladders, evaluate",
                )
            )
    _apply_family_moved(family_moved, book, name, errors)
    _apply_moved(moved, book, name, errors)
    if errors:
        raise InputFailure(errors)
    return book


def _place(
    book: Rulebook,
    name: str,
    errors: list[InputError],
    target: dict[str, Any],
    key: str,
    value: Any,
    default: Any,
    source: str,
    dest: str,
    note: str,
) -> None:
    """Put an old key's value where it is read now: a type error, a disagreement with what is
    already there (which one the office meant cannot be guessed), or a notice said once."""
    if not _type_ok(value, default):
        errors.append(
            InputError(
                name, "rulebook", f"{source}: 类型错误 (wrong type)", value=repr(value), expected=_type_name(default)
            )
        )
    elif key in target and target[key] != value:
        errors.append(
            InputError(
                name,
                "rulebook",
                f"{source} 与 {dest} 不一致 (set twice with different values; keep only {dest})",
                value=f"{value} ≠ {target[key]}",
            )
        )
    else:
        target[key] = value
        if note not in book.notices:
            book.notices.append(note)


def _apply_family_moved(moved: list, book: Rulebook, name: str, errors: list[InputError]) -> None:
    """``[rules.ATT003] absent_after_minutes = 20``: a family parameter set on one rule is the
    family's, for every rule of the family."""
    defaults = family_defaults()
    for rid, key, fam, value in moved:
        _place(
            book,
            name,
            errors,
            book.families.setdefault(fam, {}),
            key,
            value,
            defaults[fam][key],
            f"rules.{rid}.{key}",
            f"families.{fam}.{key}",
            f"{name}: rules.{rid}.{key} 是规则族参数，已按 families.{fam}.{key} = {value} 用于整个规则族 "
            f"(a family parameter: applied to every rule of the {fam} family; write it under [families.{fam}])",
        )


def _apply_moved(moved: list, book: Rulebook, name: str, errors: list[InputError]) -> None:
    """Old keys that now live in another rule (MOVED_KEYS)."""
    for rid, key, to_rule, to_key, value in moved:
        _place(
            book,
            name,
            errors,
            book.params.setdefault(to_rule, {}),
            to_key,
            value,
            RULES[to_rule].params[to_key],
            f"rules.{rid}.{key}",
            f"rules.{to_rule}.{to_key}",
            f"{name}: rules.{rid}.{key} 已移至 rules.{to_rule}.{to_key}，已按其生效 "
            f"(rules.{rid}.{key} has moved to rules.{to_rule}.{to_key}; applied there)",
        )


def _load_attendance(value: Any, name: str, book: Rulebook, errors: list[InputError]) -> None:
    """``[attendance] month = "2026-09"`` and ``[attendance.symbols] "○" = "事假"``."""
    from .attendance_status import CODES, meaning_code

    if not isinstance(value, dict):
        errors.append(InputError(name, "rulebook", "attendance: 应为表 (must be a table)"))
        return
    for key, v in value.items():
        if key == "month":
            if not (isinstance(v, str) and re.fullmatch(r"20\d{2}-(0[1-9]|1[0-2])", v.strip())):
                errors.append(
                    InputError(
                        name,
                        "rulebook",
                        "attendance.month: 应为 YYYY-MM (must be YYYY-MM)",
                        value=repr(v),
                        expected="2026-09",
                    )
                )
            else:
                book.attendance_month = v.strip()
        elif key == "symbols":
            if not isinstance(v, dict):
                errors.append(InputError(name, "rulebook", "attendance.symbols: 应为表 (must be a table)"))
                continue
            for sym, meaning in v.items():
                code = meaning_code(str(meaning)) if isinstance(meaning, str) else None
                if code is None:
                    errors.append(
                        InputError(
                            name,
                            "rulebook",
                            f"attendance.symbols.{sym}: 无法理解的含义 (meaning not understood)",
                            value=repr(meaning),
                            expected="出勤 迟到 早退 旷工 事假 病假 出差 休息 … or " + ", ".join(CODES),
                        )
                    )
                else:
                    book.symbols[str(sym)] = code
        else:
            errors.append(
                InputError(name, "rulebook", f"attendance.{key}: 未知参数 (unknown key)", expected="month, symbols")
            )


def _load_schedule(value: Any, name: str, book: Rulebook, errors: list[InputError]) -> None:
    if not isinstance(value, dict):
        errors.append(InputError(name, "rulebook", "schedule: 应为表 (must be a table)"))
        return
    schedules: list[Schedule] = []
    for k, v in value.items():
        if k == "sessions":
            s = _sessions(v, "schedule.sessions", name, errors)
            if s:
                book.schedules = [Schedule(s)]
        elif k == "seasons":
            if not isinstance(v, list):
                errors.append(
                    InputError(name, "rulebook", "schedule.seasons: 应为表数组 (must be [[schedule.seasons]])")
                )
                continue
            for i, season in enumerate(v):
                key = f"schedule.seasons[{i}]"
                unknown = set(season) - {"from", "to", "sessions"}
                if unknown:
                    errors.append(
                        InputError(
                            name,
                            "rulebook",
                            f"{key}.{sorted(unknown)[0]}: 未知参数 (unknown key)",
                            expected="from, to, sessions",
                        )
                    )
                    continue
                try:
                    a = dt.datetime.strptime(f"2000-{season.get('from', '')}", "%Y-%m-%d").date()
                    b = dt.datetime.strptime(f"2000-{season.get('to', '')}", "%Y-%m-%d").date()
                except ValueError:
                    errors.append(
                        InputError(
                            name,
                            "rulebook",
                            f"{key}: from/to 应为 MM-DD (month-day)",
                            value=f"{season.get('from')}–{season.get('to')}",
                            expected="06-01",
                        )
                    )
                    continue
                s = _sessions(season.get("sessions"), f"{key}.sessions", name, errors)
                if s:
                    schedules.append(Schedule(s, a, b))
        else:
            errors.append(
                InputError(name, "rulebook", f"schedule.{k}: 未知参数 (unknown key)", expected="sessions, seasons")
            )
    book.schedules = book.schedules[:1] + schedules
