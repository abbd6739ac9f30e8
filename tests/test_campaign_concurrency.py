"""A double click on 启动年度复核 opens one campaign; the second click is told so in Chinese (PostgreSQL)."""

import datetime
import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections
from django.utils import timezone

from certification.models import Campaign
from certification.services import campaigns

from .factories import CertificateFactory

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="concurrent writers need PostgreSQL"),
]


def test_a_double_click_on_open_opens_one_campaign_and_tells_the_second_why(published_site, city_officer):
    for _ in range(3):
        CertificateFactory()
    barrier = threading.Barrier(2)
    results = []
    due = timezone.localdate() + datetime.timedelta(days=20)

    def worker():
        try:
            barrier.wait()
            results.append(campaigns.open_campaign(city_officer, 2031, due).year)
        except ValidationError as exc:
            results.append(exc.messages[0])
        except Exception as exc:  # noqa: BLE001 — the defect shows as a database error, recorded for the assert
            results.append(type(exc).__name__)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert sorted(results, key=str) == [2031, "2031年度复核已启动。"]
    assert Campaign.objects.count() == 1
