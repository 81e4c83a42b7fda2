"""What day it is for the audit: today in the office's time zone, not the machine's.

A server on UTC running a cron job at 07:00 Beijing time would otherwise audit
"yesterday".  Chinese offices keep one time zone with no daylight saving, so when the
system has no time-zone database (Windows without ``tzdata``) UTC+8 is exact.
"""

from __future__ import annotations

import datetime as dt

DEFAULT_ZONE = "Asia/Shanghai"
_CHINA = dt.timezone(dt.timedelta(hours=8), "UTC+8")


def _utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def zone(name: str = DEFAULT_ZONE) -> dt.tzinfo:
    """The named zone; UTC+8 for Asia/Shanghai when there is no zone database."""
    try:
        from zoneinfo import ZoneInfo

        return ZoneInfo(name)
    except Exception:  # ZoneInfoNotFoundError, or an invalid key: the caller validated the name
        if name in (DEFAULT_ZONE, "Asia/Chongqing", "Asia/Harbin", "Asia/Urumqi", "PRC", "UTC+8"):
            return _CHINA
        raise


def valid_zone(name: str) -> bool:
    try:
        zone(name)
    except Exception:
        return False
    return True


def today(name: str = DEFAULT_ZONE) -> dt.date:
    """Today's date in ``name`` (default Asia/Shanghai), whatever the machine's TZ is."""
    return _utcnow().astimezone(zone(name)).date()
