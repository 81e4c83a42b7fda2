"""Boundary tables: per rule, the value just inside and just outside every limit.

Each case is an ``Example`` (rows over the rule's ``example_base``, the as-of day, the
findings expected), run by tests/test_examples.py with the rule's own worked examples.
The clause's words decide each boundary, written once in docs/boundaries.md:
“以上 / 以内 / 不超过 / 及以上” include the number; “超过 / 不足 / 以下” exclude it.
"""

from __future__ import annotations

from gov_audit.rules.base import Example

BOUNDARIES: dict[str, list[Example]] = {}
