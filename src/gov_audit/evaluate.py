"""The county view: score, grade and rank offices from their audit reports.

000 (八)1 “对政务公开工作进行年度评估,排定评估排名,写出评估报告”; (七)3 “对上报和采纳的信息要
及时登记,定期公布排名”.  ``gov-audit evaluate DIR`` reads the per-office JSON reports a
batch run wrote (``check DIR --format json --output-dir DIR``) instead of auditing again,
so re-ranking with other weights takes seconds.

The scheme (``[evaluate]`` in the rulebook; docs/evaluation.md has a worked example):

* every office starts at ``start`` (100);
* each counted finding deducts ``breach`` (2) or ``warning`` (0.5) points; a waived
  finding deducts nothing;
* each penalty tier reached deducts ``tier_points`` (1) per tier level (a tier-3 entry
  deducts 3): an escalation weighs more than the single findings behind it;
* deductions are summed per rule family and capped at ``family_cap`` (20), so one bad
  register cannot sink everything;
* grades: 优秀 at ``excellent`` (90) or above, 良好 at ``good`` (80), 合格 at ``passing``
  (60), else 不合格;
* ranking by score, highest first; equal scores share a rank (1, 2, 2, 4) and are listed
  by name — a tie is never broken by anything but the score.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import InputError
from .rules import FAMILIES, RULES

SCHEMA = "gov-audit/evaluation@1"
DEFAULTS: dict[str, Any] = {
    "start": 100.0,
    "breach": 2.0,
    "warning": 0.5,
    "tier_points": 1.0,
    "family_cap": 20.0,
    "excellent": 90.0,
    "good": 80.0,
    "passing": 60.0,
}
# 采用级别 → points (000 (七)3): adoption weighs by the level that took it.
ADOPTION_DEFAULTS: dict[str, float] = {"县": 1.0, "市": 2.0, "省": 3.0}
GRADES = (("excellent", "优秀", "excellent"), ("good", "良好", "good"), ("passing", "合格", "pass"))


def _family_of_rule(rid: str) -> str:
    r = RULES.get(rid)
    return r.__module__.rsplit(".", 1)[-1] if r else rid[:3].lower()


def _ladder_families() -> dict[str, str]:
    return {lad.name: fam.__name__.rsplit(".", 1)[-1] for fam in FAMILIES for lad in getattr(fam, "LADDERS", ())}


@dataclass
class OfficeScore:
    office: str
    source: str
    score: float
    grade: str
    deductions: dict[str, dict[str, Any]] = field(default_factory=dict)
    findings: int = 0
    rank: int = 0
    tied: bool = False
    previous: float | None = None


def grade_of(score: float, p: dict[str, Any]) -> str:
    for key, zh, _ in GRADES:
        if score >= float(p[key]):
            return zh
    return "不合格"


def score_report(report: dict[str, Any], source: str, p: dict[str, Any]) -> OfficeScore:
    """One office's score from its report, with each family's deduction and what it rests on."""
    ladder_family = _ladder_families()
    fams: dict[str, dict[str, Any]] = {}

    def fam(name: str) -> dict[str, Any]:
        return fams.setdefault(name, {"findings": [], "penalties": [], "raw": 0.0, "deducted": 0.0})

    counted = 0
    for f in report.get("findings", []):
        if f.get("waived"):
            continue
        points = float(p["breach"] if f.get("severity") == "breach" else p["warning"])
        d = fam(_family_of_rule(f["rule"]))
        d["findings"].append({"id": f["id"], "rule": f["rule"], "severity": f.get("severity"), "points": points})
        d["raw"] += points
        counted += 1
    for e in report.get("penalties", []):
        tier = int(e.get("tier") or 0)
        if tier <= 0:
            continue
        points = tier * float(p["tier_points"])
        d = fam(ladder_family.get(e["ladder"], "ladders"))
        d["penalties"].append(
            {
                "ladder": e["ladder"],
                "subject": e.get("subject"),
                "period": e.get("period"),
                "tier": tier,
                "points": points,
            }
        )
        d["raw"] += points
    for d in fams.values():
        d["raw"] = round(d["raw"], 2)
        d["deducted"] = round(min(d["raw"], float(p["family_cap"])), 2)
        d["capped"] = d["raw"] > d["deducted"]
    total = sum(d["deducted"] for d in fams.values())
    score = round(max(0.0, float(p["start"]) - total), 2)
    office = report.get("office") or source
    return OfficeScore(office, source, score, grade_of(score, p), dict(sorted(fams.items())), counted)


def rank(scores: list[OfficeScore]) -> list[OfficeScore]:
    """Highest score first; equal scores share the rank of the first of them (1, 2, 2, 4)."""
    ordered = sorted(scores, key=lambda s: (-s.score, s.office, s.source))
    for i, s in enumerate(ordered):
        if i and s.score == ordered[i - 1].score:
            s.rank = ordered[i - 1].rank
            s.tied = ordered[i - 1].tied = True
        else:
            s.rank = i + 1
    return ordered


def load_reports(root: Path) -> tuple[list[tuple[str, dict[str, Any]]], list[InputError]]:
    """Every gov-audit JSON report under ``root`` (a batch's --output-dir), by file name."""
    files = sorted(root.rglob("*.json")) if root.is_dir() else [root]
    out, errors = [], []
    for path in files:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            errors.append(InputError(str(path), "unreadable", f"无法读取报告 (cannot read the report): {exc}"))
            continue
        if not isinstance(data, dict) or not str(data.get("schema", "")).startswith("gov-audit/report"):
            continue  # the batch summary, an earlier evaluation, anything else: not an office's report
        # A batch names its reports gov-audit-<office>-<as-of>.json: the office is the source.
        stem = re.sub(r"-\d{4}-\d{2}-\d{2}$", "", path.stem.removeprefix("gov-audit-"))
        out.append((stem, data))
    if not out and not errors:
        errors.append(
            InputError(
                str(root),
                "usage",
                "没有找到单位审计报告；请先运行 gov-audit check 目录 --format json --output-dir 目录 "
                "(no office reports found: run check DIR --format json --output-dir OUT first)",
            )
        )
    return out, errors


def previous_scores(path: Path) -> tuple[dict[str, float], list[InputError]]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        assert data.get("schema") == SCHEMA
        return {o["office"]: float(o["score"]) for o in data["offices"]}, []
    except (OSError, ValueError, KeyError, TypeError, AssertionError):
        msg = "上年评估文件不是 gov-audit 评估结果 (not a gov-audit evaluation JSON)"
        return {}, [InputError(str(path), "usage", msg)]


def submissions_ranking(frame: Any, points: dict[str, float], since: Any, until: Any) -> list[dict[str, Any]]:
    """Units by adoption points, then submissions (000 (七)3), over the submissions register."""
    import numpy as np
    import pandas as pd

    f = frame[frame["unit"].notna() & frame["date"].notna()]
    f = f[(f["date"] >= since) & (f["date"] <= until)]
    if f.empty:
        return []
    level = f["level"].fillna("未采用").astype(str) if "level" in f else pd.Series("未采用", index=f.index)
    # The first level named wins (县/市/省); 未采用 is none.  A column at a time.
    adopted = ~level.str.contains("未")
    pts = pd.Series(
        np.select([adopted & level.str.contains(k, regex=False) for k in points], list(points.values()), 0.0),
        index=level.index,
    )
    g = (
        pd.DataFrame({"unit": f["unit"].astype(str), "points": pts, "adopted": pts > 0})
        .groupby("unit")
        .agg(submitted=("points", "size"), adopted=("adopted", "sum"), points=("points", "sum"))
        .reset_index()
    )
    by_level = pd.crosstab(f["unit"].astype(str), level)
    g = g.sort_values(["points", "submitted", "unit"], ascending=[False, False, True], kind="stable").reset_index(
        drop=True
    )
    out: list[dict[str, Any]] = []
    for i, r in g.iterrows():
        prev = out[-1] if out else {}
        tie = bool(prev) and (prev["points"], prev["submitted"]) == (float(r["points"]), int(r["submitted"]))
        out.append(
            {
                "rank": prev["rank"] if tie else int(i) + 1,
                "unit": r["unit"],
                "submitted": int(r["submitted"]),
                "adopted": int(r["adopted"]),
                "points": float(r["points"]),
                "by_level": {str(k): int(v) for k, v in by_level.loc[r["unit"]].items() if v},
            }
        )
    return out


def evaluation(
    scores: list[OfficeScore], p: dict[str, Any], as_of: str, submissions: list[dict[str, Any]] | None = None
) -> dict[str, Any]:
    """The evaluation as one dictionary (JSON schema gov-audit/evaluation@1)."""
    ranked = rank(scores)
    grades: dict[str, int] = {}
    for s in ranked:
        grades[s.grade] = grades.get(s.grade, 0) + 1
    names: dict[str, int] = {}
    for s in ranked:
        names[s.office] = names.get(s.office, 0) + 1
    for s in ranked:  # two reports naming the same office: tell them apart by their source
        if names[s.office] > 1 and s.source != s.office:
            s.office = f"{s.office}（{s.source}）"
    return {
        "schema": SCHEMA,
        "as_of": as_of,
        "scheme": {k: p[k] for k in sorted(DEFAULTS)},
        "offices": [
            {
                "rank": s.rank,
                "tied": s.tied,
                "office": s.office,
                "source": s.source,
                "score": s.score,
                "grade": s.grade,
                "findings": s.findings,
                "deducted": round(sum(d["deducted"] for d in s.deductions.values()), 2),
                "previous": s.previous,
                "change": None if s.previous is None else round(s.score - s.previous, 2),
                "families": s.deductions,
            }
            for s in ranked
        ],
        "grades": dict(sorted(grades.items())),
        "submissions": submissions or [],
    }
