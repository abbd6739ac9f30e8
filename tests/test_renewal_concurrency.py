"""Two daily runs at once send a reminder once; a double click on 办理续期 starts one renewal (PostgreSQL)."""

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import connection
from django.utils import timezone

from certification.models import ExpiryReminder
from certification.services import reminders

from .concurrency import at_once
from .renewals import current_round, renew, title

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="concurrent writers need PostgreSQL"),
]


def run_at_once(count, action):
    """What each of `count` simultaneous calls returned, or the Chinese message it was refused with."""
    return [o.messages[0] if isinstance(o, ValidationError) else type(o).__name__ if isinstance(o, Exception)
            else o for o in at_once(*[action] * count)]


def test_two_daily_runs_at_once_send_a_reminder_once(published_site, applicant_a, sent_mail):
    certificate = title(applicant_a.business, days_left=30).certificate
    sent_mail()  # what making the title queued
    mail.outbox = []
    results = run_at_once(2, lambda: reminders.send_due(timezone.localdate())[30])
    assert sorted(results) == [0, 1]
    assert ExpiryReminder.objects.filter(certificate=certificate).count() == 1
    assert len(sent_mail()) == 1


def test_a_double_click_on_renew_starts_one_renewal(published_site, applicant_a):
    old = title(applicant_a.business)
    current_round()
    results = run_at_once(2, lambda: renew(old).pk)
    assert len([r for r in results if isinstance(r, int)]) == 1
    assert old.renewals.count() == 1
