"""The same transition sent twice at once is applied once (row lock), on PostgreSQL."""

import pytest
from django.db import connection

from certification.models import State, TransitionLog
from certification.services import workflow

from .concurrency import at_once
from .factories import ApplicationFactory

pytestmark = [
    pytest.mark.django_db(transaction=True),
    # The test database on SQLite is in memory with a shared cache, whose table locks ignore the busy
    # timeout; a file database serialises writers (BEGIN IMMEDIATE), which the sequential tests show.
    pytest.mark.skipif(connection.vendor != "postgresql", reason="concurrent writers need PostgreSQL"),
]


def run_at_once(count, action):
    """"ok" for each of `count` simultaneous calls that succeeded, else the name of the error it met."""
    return ["ok" if not isinstance(o, Exception) else type(o).__name__ for o in at_once(*[action] * count)]


def test_two_officers_accepting_at_once_succeed_once_with_one_log_row(published_site, applicant_a, county_officer):
    app = ApplicationFactory(business=applicant_a.business, state=State.SUBMITTED)
    results = run_at_once(2, lambda: workflow.perform(app, "accept", county_officer))
    assert sorted(results) == ["TransitionConflict", "ok"]
    assert TransitionLog.objects.filter(application=app, transition="accept").count() == 1
    app.refresh_from_db()
    assert app.state == State.UNDER_ASSESSMENT


def test_a_double_click_on_submit_succeeds_once(published_site, applicant_a):
    app = ApplicationFactory(business=applicant_a.business, complete=True, documents=True)
    results = run_at_once(2, lambda: workflow.perform(app, "submit", applicant_a))
    assert sorted(results) == ["TransitionConflict", "ok"]
    assert TransitionLog.objects.filter(application=app).count() == 1

