"""Recorded attendance statuses: a grid's symbols, an app's verdicts, read into one code.

Offices and apps record a day as a word or a symbol: 正常, 迟到12分钟, 早退10分钟, 上班缺卡,
旷工, 事假(09-15 09:00到09-15 18:00), 出差, 休息 (DingTalk, WeCom), or √ 迟 早 旷 假 差 休, or
two symbols for morning and afternoon ("√/旷") in a hand-kept monthly grid.  Each cell
becomes ``"AM|PM"``, each half a code with optional minutes: ``late:12|present``,
``present|absent``, ``leave|leave``.  A word or symbol we do not know is an input error
at its cell, never a guess.

Codes: present, late, early, absent, missing_in, missing_out, leave, trip, rest.
Symbols map through a legend: the defaults below, the legend line under a grid
("注：√出勤 迟迟到 …"), and ``[attendance.symbols]`` in the rulebook, later ones winning.
Symbols whose meaning differs between offices (○ ● △) have no default: they need a
legend.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

# No pandas at import: classify reads grid legends with this module in the reader's
# prefetch thread, before (and instead of waiting for) pandas.
if TYPE_CHECKING:
    import numpy as np
    import pandas as pd

CODES = ("present", "late", "early", "absent", "missing_in", "missing_out", "leave", "trip", "rest")
EXCUSED = ("leave", "trip", "rest")

# Meaning words → code, longest first where one contains another (上班缺卡 before 缺卡).
MEANINGS: tuple[tuple[str, str], ...] = (
    ("上班缺卡", "missing_in"),
    ("签到缺卡", "missing_in"),
    ("缺签到", "missing_in"),
    ("未签到", "missing_in"),
    ("下班缺卡", "missing_out"),
    ("签退缺卡", "missing_out"),
    ("缺签退", "missing_out"),
    ("未签退", "missing_out"),
    ("缺卡", "missing_out"),
    ("出勤", "present"),
    ("正常", "present"),
    ("在岗", "present"),
    ("上班", "present"),
    ("已打卡", "present"),
    ("迟到", "late"),
    ("早退", "early"),
    ("旷工", "absent"),
    ("缺勤", "absent"),
    ("矿工", "absent"),
    ("年休假", "leave"),
    ("年假", "leave"),
    ("事假", "leave"),
    ("病假", "leave"),
    ("婚假", "leave"),
    ("丧假", "leave"),
    ("产假", "leave"),
    ("陪产假", "leave"),
    ("探亲假", "leave"),
    ("哺乳假", "leave"),
    ("请假", "leave"),
    ("出差", "trip"),
    ("公出", "trip"),
    ("外出", "trip"),
    ("公务", "trip"),
    ("会议", "trip"),
    ("开会", "trip"),
    ("学习", "trip"),
    ("培训", "trip"),
    ("休息", "rest"),
    ("公休", "rest"),
    ("调休", "rest"),
    ("轮休", "rest"),
    ("补休", "rest"),
    ("休假", "rest"),
)
DEFAULT_SYMBOLS: dict[str, str] = {
    "√": "present",
    "✓": "present",
    "✔": "present",
    "☑": "present",
    "迟": "late",
    "早": "early",
    "旷": "absent",
    "×": "absent",
    "✗": "absent",
    "X": "absent",
    "假": "leave",
    "事": "leave",
    "病": "leave",
    "婚": "leave",
    "丧": "leave",
    "产": "leave",
    "差": "trip",
    "公": "trip",
    "会": "trip",
    "学": "trip",
    "出": "trip",
    "休": "rest",
}
# Which half a code belongs to when a cell holds more than one.
_MORNING = {"late", "missing_in"}
_AFTERNOON = {"early", "missing_out"}
_MINUTES = re.compile(r"(\d+)\s*(?:分钟|分|min)")
_PAREN = re.compile(r"[（(][^）)]*[）)]")
_SPLIT = re.compile(r"[,，;；、/\n|]+|\s+")


def meaning_code(word: str) -> str | None:
    """The code of a meaning word (出勤, 迟到, 事假 …) or a code itself (present, late …)."""
    w = word.strip().lower()
    if w in CODES:
        return w
    for text, code in MEANINGS:
        if text in word:
            return code
    return None


def legend_symbols(lines: list[str]) -> dict[str, str]:
    """Symbols from a legend line: "注：√出勤 迟迟到 早早退 旷旷工 假请假", "√=出勤；×=旷工"."""
    out: dict[str, str] = {}
    for line in lines:
        text = re.sub(r"^\s*(注|说明|备注|图例)\s*[:：]?", "", line)
        for token in re.split(r"[\s,，;；、]+", text):
            token = token.strip()
            if len(token) < 2:
                continue
            m = re.match(r"^(.)\s*[=：:为-]?\s*(.+)$", token)
            if not m:
                continue
            code = meaning_code(m.group(2))
            if code:
                out[m.group(1)] = code
    return out


def _token(token: str, symbols: dict[str, str]) -> tuple[str, int | None] | None:
    token = _PAREN.sub("", token).strip()
    if not token:
        return None
    if token in symbols:
        return symbols[token], None
    code = meaning_code(token)
    if code is None:
        return None
    m = _MINUTES.search(token)
    return code, (int(m.group(1)) if m and code in ("late", "early") else None)


def parse_cell(text: str, symbols: dict[str, str]) -> str | None:
    """``"AM|PM"`` for one cell's text, or None when a part of it is not understood."""
    # WeCom writes "迟到1次(12分钟)": keep the minutes, drop the count.
    text = re.sub(r"(迟到|早退)\s*\d+\s*次\s*[（(]?\s*(\d+)\s*分钟?\s*[）)]?", r"\1\2分钟", text)
    text = re.sub(r"[（(]\s*(\d+\s*分钟?)\s*[）)]", r"\1", text)
    raw = _PAREN.sub("", text)
    pieces = [p for p in _SPLIT.split(raw) if p]
    tokens: list[tuple[str, int | None]] = []
    for piece in pieces:
        got = _token(piece, symbols)
        if got is None and len(piece) > 1 and all(ch in symbols for ch in piece):
            tokens += [(symbols[ch], None) for ch in piece]  # "√旷": morning and afternoon
            continue
        if got is None:
            return None
        tokens.append(got)
    if not tokens:
        return None
    am: tuple[str, int | None] | None = None
    pm: tuple[str, int | None] | None = None
    for code, minutes in tokens:
        if code in _MORNING and am is None:
            am = (code, minutes)
        elif code in _AFTERNOON and pm is None:
            pm = (code, minutes)
        elif am is None:
            am = (code, minutes)
        elif pm is None:
            pm = (code, minutes)
    if len(tokens) == 1:
        code = tokens[0][0]
        if code in _MORNING:
            pm = ("present", None)
        elif code in _AFTERNOON:
            am, pm = ("present", None), tokens[0]
        else:
            pm = am
    am = am or ("present", None)
    pm = pm or am

    def half(h: tuple[str, int | None]) -> str:
        return h[0] if h[1] is None else f"{h[0]}:{h[1]}"

    return f"{half(am)}|{half(pm)}"


def parse_status(col: pd.Series, symbols: dict[str, str] | None = None) -> tuple[pd.Series, np.ndarray]:
    """Status cells → ``"AM|PM"`` codes (None blank), bad mask; each distinct text parsed once."""
    import numpy as np
    import pandas as pd

    from .types import as_text

    vocab = {**DEFAULT_SYMBOLS, **(symbols or {})}
    text = as_text(col)
    codes, uniques = pd.factorize(text)
    parsed = np.array([parse_cell(str(u), vocab) for u in uniques] + [None], dtype=object)
    out = pd.Series(parsed[codes], index=col.index, dtype=object, copy=False)  # code -1 (blank) takes the last: None
    bad = (codes >= 0) & pd.isna(out).to_numpy()
    return out, bad


def split_halves(status: pd.Series) -> dict[str, pd.Series]:
    """``"AM|PM"`` → code and minutes per half (am, am_min, pm, pm_min).

    Parsed once per distinct status (a register has a handful), never once per row: a
    million-row punch register has no status at all and costs nothing here."""
    import numpy as np
    import pandas as pd

    codes, uniques = pd.factorize(status)
    empty = pd.Series([None] * len(status), index=status.index, dtype=object)
    if not len(uniques):
        nan = pd.Series(np.nan, index=status.index)
        return {"am": empty, "am_min": nan, "pm": empty.copy(), "pm_min": nan.copy()}
    parts = pd.Series(uniques, dtype=object).str.extract(r"^(\w+)(?::(\d+))?\|(\w+)(?::(\d+))?$")
    out = {}
    for key, col, numeric in (("am", 0, False), ("am_min", 1, True), ("pm", 2, False), ("pm_min", 3, True)):
        values = pd.to_numeric(parts[col]).to_numpy(dtype=float) if numeric else parts[col].to_numpy(dtype=object)
        blank = np.array([np.nan if numeric else None], dtype=values.dtype)
        picked = np.concatenate([values, blank])[codes]  # code -1 (blank) takes the appended blank
        out[key] = pd.Series(picked, index=status.index, dtype=float if numeric else object, copy=False)
    return out
