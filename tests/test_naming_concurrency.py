"""20 officers naming at once against a quota of 10: exactly 10 are named (PostgreSQL row locks)."""

import threading

import pytest
from django.db import connection, connections

from certification.models import Certificate, State
from certification.services import naming

from . import flows
from .factories import RoundFactory

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="concurrent writers need PostgreSQL"),
]


def test_twenty_concurrent_namings_never_exceed_a_quota_of_ten(published_site, county_officer):
    round_ = RoundFactory(quota_county=10)
    apps = [flows.on_notice(county_officer, days_ago=9, round=round_) for _ in range(20)]
    barrier = threading.Barrier(len(apps))
    errors = []

    def name(app):
        try:
            barrier.wait()
            naming.name_units([app], county_officer)
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=name, args=(app,)) for app in apps]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert errors == []
    assert round_.applications.filter(state=State.NAMED).count() == 10
    assert sorted(Certificate.objects.filter(round=round_).values_list("serial", flat=True)) == list(range(1, 11))
