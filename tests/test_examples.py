"""Every worked example in the rules' documentation, and every boundary case, run for real.

A rule's ``examples`` are what `gov-audit rules` and docs/rules.md show; the boundary
tables in ``boundary_cases.py`` add the values just inside and just outside each limit.
Both are run here by one parametrized test, so a wrong example cannot stand.
"""

from __future__ import annotations

import pytest
from boundary_cases import BOUNDARIES
from helpers import check, workbook

from gov_audit.registers import BY_KEY
from gov_audit.rules import RULES
from gov_audit.rules.base import Example

CASES = [(rid, f"doc{i}", ex) for rid, rule in sorted(RULES.items()) for i, ex in enumerate(rule.examples)]
CASES += [(rid, f"edge{i}", ex) for rid, cases in sorted(BOUNDARIES.items()) for i, ex in enumerate(cases)]


def _sheet(rows: tuple[dict, ...], base: dict | None = None) -> list[list]:
    base = base or {}
    headers = list(dict.fromkeys([*base, *(k for r in rows for k in r)]))
    return [headers] + [[{**base, **r}.get(h) for h in headers] for r in rows]


def _toml(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return f'"{value}"'
    if isinstance(value, list):
        return "[" + ", ".join(_toml(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{k} = {_toml(v)}" for k, v in value.items()) + " }"
    return str(value)


def run(rid: str, ex: Example, tmp_path):
    rule = RULES[rid]
    sheets = {rule.example_sheet or BY_KEY[rule.register].title: _sheet(ex.rows, rule.example_base)}
    for name, rows in ex.other.items():
        sheets[name] = _sheet(rows)
    path = workbook(tmp_path / "example.xlsx", sheets)
    args = [path, "--as-of", ex.as_of, "--since", "2020-01-01", "--rule", rid]
    if ex.params:
        book = tmp_path / "gov-audit.toml"
        book.write_text(
            f"[rules.{rid}]\n" + "".join(f"{k} = {_toml(v)}\n" for k, v in ex.params.items()), encoding="utf-8"
        )
        args += ["--rulebook", book]
    code, rep, err = check(*args)
    assert rep is not None, err
    assert rep["errors"] == [], rep["errors"]
    return [f for f in rep["findings"] if f["rule"] == rid]


def _field(f: dict, key: str):
    if key == "late_by":
        lb = f["late_by"]
        return None if lb is None else f"{lb['value']} {lb['unit']}"
    return f.get(key)


def _matches(f: dict, want: dict) -> bool:
    for k, v in want.items():
        if k == "says":
            if v not in f["message"]:
                return False
        elif _field(f, k) != v:
            return False
    return True


@pytest.mark.parametrize("rid,name,ex", CASES, ids=[f"{r}-{n}" for r, n, _ in CASES])
def test_example(rid, name, ex, tmp_path):
    found = run(rid, ex, tmp_path)
    if ex.verdict == "pass":
        assert found == [], [f["message"] for f in found]
        return
    assert len(found) == len(ex.expect), [f["message"] for f in found]
    for want in ex.expect:
        assert any(_matches(f, want) for f in found), (
            want,
            [(f["status"], f["due"], f["late_by"], f["message"]) for f in found],
        )


def test_every_rule_has_worked_examples_that_pass_and_fail():
    for rid, rule in RULES.items():
        verdicts = {e.verdict for e in rule.examples}
        assert verdicts == {"pass", "fail"}, rid
        assert "Examples (each one is run by the tests)" in rule.doc()
