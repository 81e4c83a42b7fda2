"""Submissions 信息报送: each unit reports its disclosure work at least once a quarter.

The supervising office (the county bureau) keeps the register of what each unit
submitted and where it was adopted; ``gov-audit evaluate --submissions`` ranks the units
from the same register (000 (七)3 “对上报和采纳的信息要及时登记,定期公布排名”).
"""

from __future__ import annotations

import pandas as pd

from . import register
from .base import Context, Example, Rule, each_office, empty_findings, findings_from, name_offices
from .periods import office_periods, period_label

SUBMISSION_EXAMPLE = {
    "报送日期": "2026-02-10",
    "报送单位": "城关镇",
    "信息标题": "一季度政务公开情况",
    "采用级别": "县",
}


@register
class SUB001(Rule):
    """A unit submitted no disclosure information in a quarter. 单位季度未报送政务公开信息。

    Checks the submissions register: every unit that appears in it must have at least
    ``per_quarter`` submissions in every calendar quarter lying wholly inside the audited
    range, from the quarter of the register's first entry on.

    Clause: 000 (七)1 “各级人口和计划生育部门至少每三个月报送一次政务公开信息,报告和交流政务
    公开工作情况”.

    Interpretation: “每三个月” is read as each calendar quarter (Q1 … Q4), as the
    supervising office counts and ranks them; the units judged are those the register
    names (a unit never recorded is not known to the register).  The finding's date is
    the quarter's last day.

    Defaults: per_quarter = 1.
    """

    id = "SUB001"
    batched = True
    obligations = ("O014",)
    title_zh = "单位当季度未报送政务公开信息"
    title_en = "A unit submitted no disclosure information in a quarter"
    citation = "000 (七)1"
    register = "submissions"
    kind = "periodic"
    needs = ("date", "unit")
    params = {"per_quarter": 1}
    fields = {"count": "int", "need": "int"}
    message_zh = "{subject} {period} 报送政务公开信息 {count} 次，少于每季度 {need} 次"
    message_en = "{subject}: {count} submissions in {period}, fewer than the {need} a quarter required"
    example_base = SUBMISSION_EXAMPLE
    examples = (
        Example(
            "pass",
            ({"报送日期": "2026-02-10"}, {"报送日期": "2026-05-10"}, {"报送日期": "2026-08-10"}),
            as_of="2026-10-15",
        ),
        Example(
            "fail",
            ({"报送日期": "2026-02-10"}, {"报送日期": "2026-08-10"}),
            "nothing in the second quarter",
            expect=({"status": "missing", "period": "2026Q2", "subject": "城关镇"},),
            as_of="2026-10-15",
        ),
    )

    def check(self, ctx: Context) -> pd.DataFrame:
        data = ctx.registers["submissions"]
        f = data.valid(self.needs)
        f = f[f["date"].notna() & f["unit"].notna()]
        if f.empty:
            return empty_findings()
        # Each office's quarters from its own first date, for its own units.
        f = f.assign(_o=each_office(data, f), label=period_label(f["date"], "quarter"), unit=f["unit"].astype(str))
        quarters = office_periods(ctx, "quarter", f.groupby("_o")["date"].min())
        if quarters.empty:
            return empty_findings()
        counts = f.groupby(["_o", "unit", "label"]).size()
        units = f[["_o", "unit"]].drop_duplicates().sort_values(["_o", "unit"])
        # each office: its units in order, each unit its quarters in order
        grid = units.merge(quarters.reset_index(names="_q"), on="_o").sort_values(["_o", "unit", "_q"], kind="stable")
        grid = grid.drop(columns="_q").reset_index(drop=True)
        grid["n"] = counts.reindex(pd.MultiIndex.from_frame(grid[["_o", "unit", "label"]]), fill_value=0).to_numpy()
        need = ctx.params["per_quarter"]
        short = grid[grid["n"] < need].reset_index(drop=True)
        found = findings_from(
            short,
            self,
            status="missing",
            subject=short["unit"],
            dept=short["unit"],
            key=short["unit"] + " " + short["label"],
            period=short["label"],
            date=short["end"],
            due=short["end"],
            fields={"count": short["n"], "need": need},
        )
        return name_offices(found, data, short["_o"])
