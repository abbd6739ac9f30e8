"""Overlapping namings on PostgreSQL: in each burst, two batches (all four candidates; the last three
in reverse) and single namings of three of them start at the same moment, against a quota of two.

Each naming locks the round first, then the applications in id order, so no two requests wait on
each other (a deadlock answered 500 before). Every request gets a normal answer and the quota holds.
"""

import random
import time
from functools import partial

import pytest
from django.db import connection
from django.test import Client

from certification.models import Certificate, State
from certification.services import workflow

from .concurrency import at_once
from .factories import ApplicationFactory, BusinessFactory, RoundFactory

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="concurrent writers need PostgreSQL"),
]

BURSTS = 50


def candidates(round_, count):
    return [ApplicationFactory(in_notice=True, round=round_, business=BusinessFactory()) for _ in range(count)]


def test_fifty_bursts_of_overlapping_namings_give_no_500_and_keep_the_quota(published_site, county_officer):
    statuses, errors = [], []
    rng = random.Random(20261201)

    def batch(ids):
        client = Client()
        client.force_login(county_officer)
        statuses.append(client.post("/staff/naming/", {"application": ids, "confirm": "1"}).status_code)

    def single(app, delay):
        time.sleep(delay)  # spread over the time a batch takes, so that they meet it half-way
        try:
            workflow.perform(app, "name_unit", county_officer)
        except workflow.WorkflowError:
            pass  # lost the race or the quota: a 409 on the page

    for burst in range(BURSTS):
        round_ = RoundFactory(year=2100 + burst, quota_county=2)
        apps = candidates(round_, 4)
        ids = [app.pk for app in apps]
        work = [partial(batch, ids), partial(batch, ids[:0:-1])]
        work += [partial(single, app, rng.uniform(0, 0.08)) for app in apps[1:]]
        errors += [o for o in at_once(*work) if isinstance(o, Exception)]
        assert round_.applications.filter(state=State.NAMED).count() == 2
        assert sorted(Certificate.objects.filter(round=round_).values_list("serial", flat=True)) == [1, 2]
    assert errors == []
    assert set(statuses) == {302}
