"""Generated documentation stays in step with the code."""

from pathlib import Path

from helpers import runner

from gov_audit.cli import app
from gov_audit.rules import RULES

ROOT = Path(__file__).parents[1]


def test_docs_rules_md_is_generated_from_the_rules():
    r = runner.invoke(app, ["rules", "--format", "markdown"])
    assert r.exit_code == 0
    assert (ROOT / "docs" / "rules.md").read_text(encoding="utf-8") == r.stdout, (
        "regenerate: gov-audit rules --format markdown > docs/rules.md"
    )


def test_every_rule_documents_clause_defaults_pass_and_fail():
    for rid, rule in RULES.items():
        doc = rule.doc()
        for word in ("Clause:", "Pass:", "Fail:"):
            assert word in doc, f"{rid} docstring lacks {word}"
        for p in rule.params:
            assert p in doc, f"{rid} docstring does not mention parameter {p}"
        assert rule.title_zh and rule.title_en and rule.citation


def test_rules_command_shows_one_rule():
    r = runner.invoke(app, ["rules", "REQ001"])
    assert r.exit_code == 0 and "第三十三条" in r.stdout and "days = 20" in r.stdout
    assert "PET001" not in r.stdout
    assert runner.invoke(app, ["rules", "ZZZ"]).exit_code == 2


def test_rules_as_json_with_the_parameters_in_force(tmp_path):
    import json

    book = tmp_path / "g.toml"
    book.write_text(
        '[families.attendance]\ngrace_minutes = 5\n[rules.WEB001]\nseverity = "warning"\n', encoding="utf-8"
    )
    r = runner.invoke(app, ["rules", "ATT001", "WEB001", "--format", "json", "--rulebook", str(book)])
    got = {x["id"]: x for x in json.loads(r.stdout)}
    assert got["ATT001"]["parameters"]["grace_minutes"] == 5 and got["ATT001"]["family"] == "attendance"
    assert got["ATT001"]["severity"] == "breach" and got["WEB001"]["severity"] == "warning"
    assert got["WEB001"]["clause"] == RULES["WEB001"].citation and got["ATT001"]["title_en"]


def test_docs_coverage_md_is_generated_from_the_rules_obligations():
    r = runner.invoke(app, ["rules", "--format", "coverage"])
    assert r.exit_code == 0
    assert (ROOT / "docs" / "coverage.md").read_text(encoding="utf-8") == r.stdout, (
        "regenerate: gov-audit rules --format coverage > docs/coverage.md"
    )


def test_every_obligation_is_judged_or_explained_and_every_rule_names_its_own():
    from gov_audit.obligations import OBLIGATIONS
    from gov_audit.render.coverage import judged_by
    from gov_audit.rules import LADDERS

    by = judged_by()
    judged = [oid for oid, who in by.items() if who]
    assert len(OBLIGATIONS) == 113 and len(judged) >= 100
    for oid, who in by.items():
        # An obligation nobody judges says why no register can show it; a judged one does not.
        assert bool(who) != bool(OBLIGATIONS[oid].not_checkable), oid
    named = [o for r in RULES.values() for o in r.obligations] + [
        o for lad in LADDERS.values() for o in lad.obligations
    ]
    assert set(named) <= set(OBLIGATIONS), set(named) - set(OBLIGATIONS)
    for rid, rule in RULES.items():
        for oid in rule.obligations:
            # The obligation's seed is one the rule cites (000 … 004).
            assert OBLIGATIONS[oid].clause[:3] in rule.citation, (rid, oid, rule.citation)
    outside = {rid for rid, rule in RULES.items() if not rule.obligations}
    assert outside == {"MTG003", "MTG099"}, outside  # 篇3 五 is not in the reading; MTG099 is the office's own


def test_docs_registers_md_is_generated_from_the_register_tables():
    r = runner.invoke(app, ["rules", "--format", "registers"])
    assert r.exit_code == 0
    assert (ROOT / "docs" / "registers.md").read_text(encoding="utf-8") == r.stdout, (
        "regenerate: gov-audit rules --format registers > docs/registers.md"
    )
    assert "## 加油登记 (`fuel`)" in r.stdout and "| `odometer` | 里程表读数 / 里程数 / 里程 |" in r.stdout
