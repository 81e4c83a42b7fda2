"""The vehicles family through the in-memory harness: consumption per vehicle, in any row order."""

from __future__ import annotations

import random

from helpers import audit_family

FUEL = ["加油日期", "车牌号", "车型", "加油升数", "里程表读数", "百公里油耗定额", "驾驶员"]
FILLS = [
    ["2026-09-01", "黔J·A1234", "轿车", 40, 52000, None, "周涛"],
    ["2026-09-12", "黔J·A1234", "轿车", 42, 52450, None, "周涛"],
    ["2026-09-24", "黔J·A1234", "轿车", 60, 52900, None, "周涛"],  # 13.3 L/100 km > 10 × 1.1
    ["2026-09-03", "黔J·B5678", "越野车", 50, 81000, None, "吴军"],
    ["2026-09-19", "黔J·B5678", "越野车", 70, 81420, 20, "吴军"],  # 16.7, within its own norm of 20
    ["2026-10-02", "黔J·B5678", "越野车", 30, None, None, "吴军"],  # no mileage: VEH004, skipped over
    ["2026-10-09", "黔J·B 5678", "越野车", 80, 81900, None, "吴军"],  # 80 L over 480 km = 16.7 > 14 × 1.1
]


def test_consumption_is_judged_per_vehicle_whatever_the_row_order():
    expected = [
        ("VEH003", "黔J·A1234 2026-09-24", "周涛"),
        ("VEH003", "黔J·B5678 2026-10-09", "吴军"),
        ("VEH004", "黔J·B5678 2026-10-02", "吴军"),
    ]
    for seed in range(5):
        rows = FILLS[:]
        random.Random(seed).shuffle(rows)
        found, _, errors = audit_family("VEH", {"加油登记": [FUEL, *rows]}, "2026-11-30")
        assert errors == []
        assert sorted((f["rule"], f["key"], f["subject"]) for f in found) == expected


def test_a_strict_norm_and_the_tolerance_are_the_offices_to_set(tmp_path):
    book = '[rules.VEH003]\ntolerance = 0.0\nnorms = { "轿车" = 9.0 }\n'
    found, _, _ = audit_family("VEH003", {"加油登记": [FUEL, *FILLS[:3]]}, "2026-11-30", book, tmp_path)
    # 9.33 L/100 km on the second fill is now above a 9-litre norm, judged strictly.
    assert [f["key"] for f in found] == ["黔J·A1234 2026-09-12", "黔J·A1234 2026-09-24"]
