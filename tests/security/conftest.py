import pytest
import time_machine
from django.utils import timezone


@pytest.fixture
def clock(request):
    """A stopped clock, so "minutes after log-in" is exact: at the test module's CLOCK_START if
    it has one (the two-factor tests start early in a 30-second step, so a code made then is
    still valid a moment later), else at the real now."""
    start = getattr(request.module, "CLOCK_START", None) or timezone.now()
    with time_machine.travel(start, tick=False) as traveller:
        yield traveller
