import pytest

from gov_audit.calendar import WorkCalendar


@pytest.fixture(scope="session")
def cal() -> WorkCalendar:
    return WorkCalendar()


import os  # noqa: E402

from hypothesis import settings  # noqa: E402

# quick: CI, a fixed seed (derandomized), a few dozen examples per property.
# long: before a release, GOV_AUDIT_HYPOTHESIS=long python -m pytest tests/test_properties.py
settings.register_profile("quick", max_examples=12, derandomize=True, print_blob=True)
# long skips shrinking: a thousand examples each in minutes; a failure prints its blob to replay.
settings.register_profile(
    "long",
    max_examples=1000,
    print_blob=True,
    deadline=None,
    phases=[p for p in __import__("hypothesis").Phase if p.name != "shrink"],
)
settings.register_profile(
    "noshrink",
    max_examples=12,
    derandomize=True,
    print_blob=True,
    phases=[p for p in __import__("hypothesis").Phase if p.name != "shrink"],
)
settings.load_profile(os.environ.get("GOV_AUDIT_HYPOTHESIS", "quick"))
