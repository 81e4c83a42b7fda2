import pytest

from gov_audit.calendar import WorkCalendar


@pytest.fixture(scope="session")
def cal() -> WorkCalendar:
    return WorkCalendar()
