"""One due date, computed exactly as the audit computes it, with the days it skipped."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np
import pandas as pd

from .calendar import WorkCalendar


@dataclass
class Deadline:
    start: dt.datetime | dt.date
    unit: str
    count: int
    due: dt.datetime | dt.date
    nominal: dt.date | None  # for days/months: the last day before rolling
    provisional: bool
    skipped: list[tuple[dt.date, str, str]]  # (date, kind, name)

    def to_json(self) -> dict:
        iso = (lambda v: v.isoformat(timespec="minutes")) if self.unit == "hours" else (lambda v: v.isoformat())
        return {
            "start": iso(self.start),
            "unit": self.unit,
            "count": self.count,
            "due": iso(self.due),
            "nominal": self.nominal.isoformat() if self.nominal else None,
            "provisional": bool(self.provisional),
            "skipped": [d.isoformat() for d, _, _ in self.skipped],
            "skipped_days": [{"date": d.isoformat(), "kind": k, "name": n} for d, k, n in self.skipped],
        }


def compute_deadline(cal: WorkCalendar, start: pd.Timestamp, unit: str, count: int) -> Deadline:
    if unit == "hours":
        due = cal.add_hours(start.to_pydatetime(), count)
        return Deadline(
            start.to_pydatetime(), unit, count, due, None, bool(cal.touches_provisional(start.date(), due.date())), []
        )
    day = start.date()
    nominal = None
    if unit == "workdays":
        due = cal.add_workdays(day, count)
        skipped = cal.non_workdays_in(day, due)
    else:
        if unit == "days":
            nominal = day + dt.timedelta(days=count)
            due = cal.add_days(day, count)
        else:
            nominal = WorkCalendar.months_nominal([day], count)[0].astype(dt.date)
            due = cal.add_months(day, count)
        skipped = cal.non_workdays_in(nominal - dt.timedelta(days=1), due)
    info = cal.day_info(np.array(skipped, dtype="datetime64[D]")) if skipped else None
    rows = [] if info is None else [(d, k, n) for d, k, n in zip(skipped, info["kind"], info["name"], strict=True)]
    return Deadline(day, unit, count, due, nominal, bool(cal.touches_provisional(day, due)), rows)
