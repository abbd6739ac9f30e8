"""A double click on 启动年度复核 opens one campaign; the second click is told so in Chinese (PostgreSQL)."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.utils import timezone

from certification.models import Campaign
from certification.services import campaigns

from .concurrency import twice
from .factories import CertificateFactory

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="concurrent writers need PostgreSQL"),
]


def test_a_double_click_on_open_opens_one_campaign_and_tells_the_second_why(published_site, city_officer):
    for _ in range(3):
        CertificateFactory()
    due = timezone.localdate() + datetime.timedelta(days=20)
    outcomes = twice(lambda: campaigns.open_campaign(city_officer, 2031, due).year)
    # the defect showed as a database error (IntegrityError) in one of them
    results = [o.messages[0] if isinstance(o, ValidationError) else type(o).__name__ if isinstance(o, Exception)
               else o for o in outcomes]
    assert sorted(results, key=str) == [2031, "2031年度复核已启动。"]
    assert Campaign.objects.count() == 1
