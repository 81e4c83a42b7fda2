"""Vehicles 车辆: dispatched by the 综合股, lent out only with a leader's prior approval,
and fuel logged with the odometer so that consumption can be checked against mileage.

Clause: 003 車輛管理制度 一、1 “局機關及下屬單位車輛由局綜合股統籌安排，統一調度，其他人員不得直接
派車”; 一、4 “外單位人員需要借車的，應事先請示局領導，經準許后由綜合股派車”; 一、5 “沒經領導同意或
綜合股派車，駕駛員不得私自出車”; 三、4 “車輛油耗由綜合股（車輛所在單位）按行程核實。駕駛員購油應如實
登記”.  Repairs are judged on the expenses register (FIN005, FIN006, FIN012).

Interpretation for the family: the dispatch log (派车登记) has a row per trip, the fuel log
(加油登记) a row per fill with the odometer reading.  Consumption is measured the usual
way for a fuel log: the litres of a fill were burnt over the distance since the previous
fill of the same vehicle (by 车牌号), so the first fill of a vehicle has nothing to judge.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from . import register
from .base import (
    Context,
    Example,
    Rule,
    empty_findings,
    extra_fields,
    findings_from,
    first_present,
    num_text,
    office_codes,
)

TRIP_EXAMPLE = {
    "用车日期": "2026-05-12",
    "车牌号": "黔J·A1234",
    "用车人": "王敏",
    "用车事由": "下乡核查",
    "派车部门": "综合股",
    "外借": "否",
    "借用单位": None,
    "批准人": None,
    "批准日期": None,
}
FUEL_EXAMPLE = {"加油日期": "2026-05-01", "车牌号": "黔J·A1234", "车型": "轿车", "加油升数": 40, "里程表读数": 52000}
LEADER_TITLES = ["局长", "副局长", "局领导", "分管领导"]


def _trip_key(f: pd.DataFrame) -> pd.Series:
    return first_present(f["plate"], pd.Series("车辆", index=f.index)) + " " + f["date"].dt.strftime("%Y-%m-%d")


@register
class VEH001(Rule):
    """A trip not dispatched by the 综合股. 车辆未经综合股派车。

    Checks every trip in the dispatch log: its 派车部门 (or 派车人) names one of
    ``dispatch_units``.  Blank is a trip nobody dispatched; another section is a
    dispatch the clause forbids.

    Clause: 003 車輛管理制度 一、1 “車輛由局綜合股統籌安排，統一調度，其他人員不得直接派車”; 一、5
    “沒經領導同意或綜合股派車，駕駛員不得私自出車”.

    Interpretation: a subordinate unit's own vehicle is still dispatched by the bureau's
    综合股 (“局機關及下屬單位車輛”); an office that delegates it lists the unit in
    ``dispatch_units``.  Defaults: dispatch_units = ["综合股"].
    """

    id = "VEH001"
    batched = True
    obligations = ("O071",)
    title_zh = "车辆未经综合股统一派车"
    title_en = "Trip not dispatched by the 综合股"
    citation = "003 車輛管理制度 一、1、5"
    register = "vehicle_trips"
    kind = "row"
    needs = ("date", "dispatch_dept", "dispatcher")
    params = {"dispatch_units": ["综合股"]}
    message_zh = "{key} 出车（{subject}）：{problem_zh}"
    message_en = "{key} trip ({subject}): {problem_en}"
    example_base = TRIP_EXAMPLE
    examples = (
        Example("pass", ({},)),
        Example("fail", ({"派车部门": None},), expect=({"status": "missing", "says": "没有派车记录"},)),
        Example("fail", ({"派车部门": "信访股"},), expect=({"status": "violation", "says": "由信访股直接派车"},)),
    )

    @classmethod
    def message_fields(cls, f: dict, lang: str) -> dict:
        if f.get("status") == "missing":
            return {"problem_zh": "没有派车记录（未经综合股派车）", "problem_en": "no dispatch recorded"}
        by = extra_fields(f).get("by", "")
        return {
            "problem_zh": f"由{by}直接派车，未经综合股统一调度",
            "problem_en": f"dispatched by {by}, not the 综合股",
        }

    fields = {"by": "text"}

    def check(self, ctx: Context) -> pd.DataFrame:
        f = ctx.registers["vehicle_trips"].valid(self.needs)
        f = f[f["date"].notna()]
        by = first_present(f["dispatch_dept"], f["dispatcher"]).fillna("").astype(str).str.strip()
        units = [u for u in ctx.params["dispatch_units"] if u]
        ok = by.str.contains("|".join(units)) if units else pd.Series(True, index=f.index)
        bad = f[(by == "") | ~ok]
        if bad.empty:
            return empty_findings()
        blank = by[bad.index] == ""
        return findings_from(
            bad,
            self,
            status=np.where(blank, "missing", "violation"),
            key=_trip_key(bad),
            subject=first_present(bad["user"], pd.Series("驾驶员", index=bad.index)),
            dept=None,
            start=bad["date"],
            date=bad["date"],
            fields={"by": by[bad.index].where(~blank)},
        )


@register
class VEH002(Rule):
    """A vehicle lent outside without a leader's prior approval. 车辆外借未经局领导事先同意。

    Checks every trip marked 外借 = 是: it has an approver (批准人) carrying one of
    ``leader_titles`` and an approval date (批准日期) on or before the trip.

    Clause: 003 車輛管理制度 一、4 “外單位人員需要借車的，應事先請示局領導，經準許后由綜合股派車”.

    Interpretation: the approver is recognised by the title written with the name, as the
    other rules recognise leaders; approval on the day of the trip counts as beforehand.
    Defaults: leader_titles = ["局长", "副局长", "局领导", "分管领导"].
    """

    id = "VEH002"
    batched = True
    obligations = ("O071",)
    title_zh = "车辆外借未经局领导事先同意"
    title_en = "Vehicle lent out without a leader's prior approval"
    citation = "003 車輛管理制度 一、4"
    register = "vehicle_trips"
    kind = "row"
    needs = ("date", "loan", "approver", "approved_on")
    requires_columns = ("loan",)
    params = {"leader_titles": list(LEADER_TITLES)}
    message_zh = "{key} 借给{subject}：{problem_zh}"
    message_en = "{key} lent to {subject}: {problem_en}"
    fields = {"late": "bool"}
    example_base = {
        **TRIP_EXAMPLE,
        "外借": "是",
        "借用单位": "县妇联",
        "批准人": "刘晓梅（副局长）",
        "批准日期": "2026-05-11",
    }
    examples = (
        Example("pass", ({},)),
        Example(
            "fail", ({"批准人": None, "批准日期": None},), expect=({"status": "violation", "says": "未经局领导同意"},)
        ),
        Example("fail", ({"批准日期": "2026-05-13"},), expect=({"status": "violation", "says": "事后才批准"},)),
        Example(
            "fail",
            ({"批准人": "王敏（股长）"},),
            "a section head is not a bureau leader",
            expect=({"status": "violation"},),
        ),
    )

    @classmethod
    def message_fields(cls, f: dict, lang: str) -> dict:
        if f.get("x_late"):
            return {"problem_zh": "局领导事后才批准", "problem_en": "approved only after the trip"}
        return {"problem_zh": "未经局领导同意", "problem_en": "no bureau leader's approval"}

    def check(self, ctx: Context) -> pd.DataFrame:
        f = ctx.registers["vehicle_trips"].valid(self.needs)
        f = f[f["date"].notna() & f["loan"].fillna(False).astype(bool)]
        approver = f["approver"].fillna("").astype(str)
        leader = approver.str.contains("|".join(ctx.params["leader_titles"]))
        none = ~leader | f["approved_on"].isna()
        late = ~none & (f["approved_on"] > f["date"])
        bad = f[none | late]
        return findings_from(
            bad,
            self,
            status="violation",
            key=_trip_key(bad),
            subject=first_present(bad["borrower"], pd.Series("外单位", index=bad.index)),
            dept=None,
            start=bad["date"],
            date=bad["date"],
            fields={"late": late[bad.index]},
        )


def _fills(ctx: Context, needs: tuple[str, ...]) -> pd.DataFrame:
    """Fills with the previous fill of the same vehicle alongside (a column at a time)."""
    data = ctx.registers["fuel"]
    f = data.valid(needs)
    f = f[f["date"].notna() & f["plate"].notna()]
    # Ordered by content (plate, day, reading, then the rest of the row), never by the
    # rows' order in the sheet: the same log sorted otherwise gives the same findings.
    # A vehicle is one office's: offices judged together keep their plates apart.
    codes = office_codes(data, f.index)
    vehicle = ["_plate"] if codes is None else ["_own", "_plate"]
    f = f.assign(
        _plate=f["plate"].astype(str).str.replace(r"\s", "", regex=True),
        _driver=f["driver"].fillna("").astype(str),
    )
    if codes is not None:
        f = f.assign(_own=codes)
    f = f.sort_values([*vehicle, "date", "odometer", "litres", "_driver"], kind="stable", na_position="last")
    # The last reading before each fill (a fill logged without one is skipped over).
    known = f.groupby(vehicle, sort=False)["odometer"].ffill()
    prev = known.groupby([f[c] for c in vehicle], sort=False).shift()
    return f.assign(_prev_odo=prev, _first=f.groupby(vehicle, sort=False).cumcount() == 0)


@register
class VEH003(Rule):
    """Fuel consumption above the vehicle's norm. 车辆百公里油耗超过定额。

    Checks every fill after a vehicle's first: the litres filled (加油升数) over the
    distance since the previous fill (里程表读数 difference) give litres per 100 km; above
    the vehicle's norm by more than ``tolerance`` is a finding.  The norm is the row's
    百公里油耗定额 if given, else ``norms`` by 车型, else ``norms``'s 其他.

    Clause: 003 車輛管理制度 三、4 “車輛油耗由綜合股（車輛所在單位）按行程核實。駕駛員購油應如實登記”.

    Interpretation: the seed sets no norm; the defaults are common county fleet norms, to
    be set per vehicle or type by the office.  A fill that does not fill the tank makes
    one interval's figure noisy, hence the 10 % ``tolerance`` (0 judges the norm
    strictly).  A fill without a readable mileage is VEH004's.
    Defaults: norms = {轿车 10, 越野车 14, 商务车 13, 面包车 11, 客车 18, 货车 16, 其他 12}
    (litres per 100 km; ``norms = { "轿车" = 9.0 }`` in the rulebook changes one type and
    keeps the others), tolerance = 0.1.
    """

    id = "VEH003"
    batched = True
    obligations = ("O074",)
    title_zh = "车辆百公里油耗超过定额"
    title_en = "Fuel consumption above the vehicle's norm"
    citation = "003 車輛管理制度 三、4"
    register = "fuel"
    kind = "row"
    needs = ("date", "plate", "litres", "odometer", "vehicle_type", "norm")
    params = {
        "norms": {
            "轿车": 10.0,
            "越野车": 14.0,
            "商务车": 13.0,
            "面包车": 11.0,
            "客车": 18.0,
            "货车": 16.0,
            "其他": 12.0,
        },
        "tolerance": 0.1,
    }
    fields = {"per_100km": "number", "norm": "number", "km": "number", "litres": "number"}
    message_zh = "{key}：行驶 {km} 公里加油 {litres} 升，百公里 {per_100km} 升，超过定额 {norm} 升"
    message_en = "{key}: {litres} L over {km} km is {per_100km} L/100 km, above the norm of {norm}"
    example_base = FUEL_EXAMPLE
    examples = (
        Example("pass", ({}, {"加油日期": "2026-05-20", "加油升数": 42, "里程表读数": 52450})),
        Example(
            "fail",
            ({}, {"加油日期": "2026-05-20", "加油升数": 60, "里程表读数": 52450}),
            "60 L over 450 km: 13.3 L/100 km",
            expect=({"status": "violation", "says": "百公里 13.3 升，超过定额 10 升"},),
        ),
        Example(
            "pass",
            ({"车型": "越野车"}, {"加油日期": "2026-05-20", "车型": "越野车", "加油升数": 60, "里程表读数": 52450}),
            "an off-road vehicle's norm is 14",
        ),
    )

    @classmethod
    def message_fields(cls, f: dict, lang: str) -> dict:
        return extra_fields(f)

    def check(self, ctx: Context) -> pd.DataFrame:
        f = _fills(ctx, self.needs)
        km = f["odometer"] - f["_prev_odo"]
        f = f.assign(_km=km)[~f["_first"] & (km > 0) & f["litres"].notna() & (f["litres"] > 0)]
        if f.empty:
            return empty_findings()
        # The office's norms extend the defaults: naming one type keeps the others.
        norms = {str(k): float(v) for k, v in {**self.params["norms"], **ctx.params["norms"]}.items()}
        kind = f["vehicle_type"].fillna("").astype(str).str.strip()
        by_type = kind.map(norms).fillna(norms.get("其他", np.nan))
        norm = f["norm"].where(f["norm"].notna() & (f["norm"] > 0), by_type)
        per = f["litres"] / f["_km"] * 100
        bad = f[(per > norm * (1 + float(ctx.params["tolerance"]))) & norm.notna()]
        if bad.empty:
            return empty_findings()
        return findings_from(
            bad,
            self,
            status="violation",
            key=bad["_plate"] + " " + bad["date"].dt.strftime("%Y-%m-%d"),
            subject=first_present(bad["driver"], bad["_plate"]),
            dept=None,
            start=bad["date"],
            date=bad["date"],
            fields={
                "per_100km": num_text(per[bad.index].round(1)),
                "norm": num_text(norm[bad.index]),
                "km": num_text(bad["_km"]),
                "litres": num_text(bad["litres"]),
            },
        )


@register
class VEH004(Rule):
    """Fuel logged without a mileage to check it against. 加油未登记里程。

    Checks every fill: it records the odometer (里程表读数), and the reading is above the
    vehicle's previous one.  Blank is fuel with no mileage; a reading at or below the
    previous is a mileage that cannot be right.

    Clause: 003 車輛管理制度 三、4 “車輛油耗由綜合股……按行程核實。駕駛員購油應如實登記，嚴禁弄虛作假”.

    Interpretation: without the mileage the consumption cannot be checked, which is what
    the clause requires; a reading that goes backwards is reported, not guessed at.
    Defaults: none.
    """

    id = "VEH004"
    batched = True
    obligations = ("O074",)
    title_zh = "加油未登记里程或里程读数有误"
    title_en = "Fuel logged without a mileage, or with one going backwards"
    citation = "003 車輛管理制度 三、4"
    register = "fuel"
    kind = "row"
    needs = ("date", "plate", "odometer")
    fields = {"previous": "number"}
    message_zh = "{key}：{problem_zh}"
    message_en = "{key}: {problem_en}"
    example_base = FUEL_EXAMPLE
    examples = (
        Example("pass", ({}, {"加油日期": "2026-05-20", "里程表读数": 52450})),
        Example(
            "fail",
            ({}, {"加油日期": "2026-05-20", "里程表读数": None}),
            expect=({"status": "missing", "says": "未登记里程表读数"},),
        ),
        Example(
            "fail",
            ({}, {"加油日期": "2026-05-20", "里程表读数": 51900}),
            expect=({"status": "violation", "says": "不大于上次的 52000"},),
        ),
    )

    @classmethod
    def message_fields(cls, f: dict, lang: str) -> dict:
        prev = extra_fields(f).get("previous")
        if prev is None:
            return {"problem_zh": "加油未登记里程表读数，无法按行程核实油耗", "problem_en": "no odometer reading"}
        return {
            "problem_zh": f"里程表读数不大于上次的 {prev}，无法核实油耗",
            "problem_en": f"the odometer reading is not above the previous {prev}",
        }

    def check(self, ctx: Context) -> pd.DataFrame:
        f = _fills(ctx, self.needs)
        blank = f["odometer"].isna()
        back = ~blank & f["_prev_odo"].notna() & (f["odometer"] <= f["_prev_odo"])
        bad = f[blank | back]
        if bad.empty:
            return empty_findings()
        return findings_from(
            bad,
            self,
            status=np.where(blank[bad.index], "missing", "violation"),
            key=bad["_plate"] + " " + bad["date"].dt.strftime("%Y-%m-%d"),
            subject=first_present(bad["driver"], bad["_plate"]),
            dept=None,
            start=bad["date"],
            date=bad["date"],
            fields={"previous": bad["_prev_odo"].where(back[bad.index])},
        )
