"""20 officers naming at once against a quota of 10: exactly 10 are named (PostgreSQL row locks)."""

from functools import partial

import pytest
from django.db import connection

from certification.models import Certificate, State
from certification.services import naming

from . import flows
from .concurrency import at_once
from .factories import RoundFactory

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="concurrent writers need PostgreSQL"),
]


def test_twenty_concurrent_namings_never_exceed_a_quota_of_ten(published_site, county_officer):
    round_ = RoundFactory(quota_county=10)
    apps = [flows.on_notice(county_officer, days_ago=9, round=round_) for _ in range(20)]
    outcomes = at_once(*[partial(naming.name_units, [app], county_officer) for app in apps], timeout=120)
    assert [o for o in outcomes if isinstance(o, Exception)] == []
    assert round_.applications.filter(state=State.NAMED).count() == 10
    assert sorted(Certificate.objects.filter(round=round_).values_list("serial", flat=True)) == list(range(1, 11))
