"""Expiry reminders: 90, 60, 30 and 7 days before a certificate ends, each once, from `manage.py daily`."""

import datetime
import io
from unittest import mock

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from certification.models import Certificate, ExpiryReminder, State
from certification.services import reminders

from .factories import BusinessFactory, UserFactory
from .renewals import title

pytestmark = pytest.mark.django_db


@pytest.fixture
def run_daily(sent_mail):
    """Run `manage.py daily` on a day (default today) as cron would on that day — the clock set to its
    morning — then a round of the outbox worker."""

    def run(day=None):
        out = io.StringIO()
        moment = timezone.make_aware(datetime.datetime.combine(day, datetime.time(2))) if day else timezone.now()
        with mock.patch("django.utils.timezone.now", return_value=moment):
            call_command("daily", stdout=out)
        sent_mail()
        return out.getvalue()

    return run


def unit(days_left, **application):
    return title(BusinessFactory(owner=UserFactory()), days_left=days_left, **application)


def test_a_unit_is_reminded_90_days_before_its_certificate_ends(run_daily):
    unit(90)
    run_daily()
    assert list(ExpiryReminder.objects.values_list("days_before", flat=True)) == [90]
    assert len(mail.outbox) == 1


def test_each_reminder_due_today_is_sent_once_when_daily_runs_twice_a_day(run_daily):
    for days_left in (90, 60, 30, 7):
        unit(days_left)
    run_daily()
    run_daily()
    assert sorted(ExpiryReminder.objects.values_list("days_before", flat=True)) == [7, 30, 60, 90]
    assert len(mail.outbox) == 4


def test_over_the_last_100_days_of_a_certificate_each_reminder_is_sent_once_on_its_day(run_daily):
    certificate = unit(100).certificate
    for day in range(100, -1, -1):
        run_daily(certificate.valid_until - datetime.timedelta(days=day))
        run_daily(certificate.valid_until - datetime.timedelta(days=day))
    sent = {r.days_before: (certificate.valid_until - r.sent_on).days for r in ExpiryReminder.objects.all()}
    assert sent == {90: 90, 60: 60, 30: 30, 7: 7}
    assert len(mail.outbox) == 4


def test_after_a_missed_day_the_reminder_due_now_is_sent_and_not_the_older_ones(run_daily):
    unit(59)  # the 60-day reminder was due yesterday, the 90-day one a month ago: neither was sent
    run_daily()
    assert list(ExpiryReminder.objects.values_list("days_before", flat=True)) == [60]
    assert len(mail.outbox) == 1


def test_a_reminder_missed_is_not_sent_late_once_the_next_one_is_due(run_daily):
    certificate = unit(29).certificate
    ExpiryReminder.objects.create(certificate=certificate, days_before=90, sent_on=timezone.localdate())
    run_daily()
    assert sorted(ExpiryReminder.objects.values_list("days_before", flat=True)) == [30, 90]


def test_no_reminder_is_sent_more_than_90_days_before_the_end(run_daily):
    unit(91)
    run_daily()
    assert not ExpiryReminder.objects.exists() and mail.outbox == []


def test_a_unit_on_the_last_day_of_its_certificate_gets_the_7_day_reminder(run_daily):
    unit(0)
    run_daily()
    assert list(ExpiryReminder.objects.values_list("days_before", flat=True)) == [7]
    assert "今天是有效期的最后一天" in mail.outbox[0].body


@pytest.mark.parametrize("state", [State.UNDER_REVIEW, State.UNDER_RECTIFICATION])
def test_a_unit_whose_title_is_under_review_or_rectification_is_reminded(run_daily, state):
    unit(30, state=state)
    run_daily()
    assert len(mail.outbox) == 1


def test_a_revoked_title_gets_no_reminder(run_daily):
    app = unit(30, state=State.REVOKED)
    Certificate.objects.filter(application=app).update(revoked_on=timezone.localdate(), revoked_reason="价格欺诈")
    run_daily()
    assert mail.outbox == []


def test_a_certificate_replaced_by_a_renewal_gets_no_reminder(run_daily):
    old, new = unit(30), unit(700)
    Certificate.objects.filter(application=old).update(superseded_by=new.certificate)
    run_daily()
    assert mail.outbox == []


def test_a_unit_without_an_e_mail_address_is_not_marked_as_reminded(run_daily):
    app = unit(30)
    app.business.owner.email = ""
    app.business.owner.save()
    run_daily()
    assert not ExpiryReminder.objects.exists()


def test_the_reminder_says_the_end_date_and_links_to_the_renewal_page(run_daily, settings):
    app = unit(30)
    run_daily()
    message = mail.outbox[0]
    end = app.certificate.valid_until
    assert message.to == [app.business.owner.email]
    assert f"{end.year}年{end.month}月{end.day}日到期" in message.subject
    assert f"{settings.SITE_URL}/portal/applications/{app.pk}/renewal/" in message.body
    assert "距到期还有 30 天" in message.body and app.certificate.number in message.body


def test_a_reminder_recorded_by_another_run_a_moment_ago_is_not_sent_again(sent_mail):
    certificate = unit(30).certificate
    today = timezone.localdate()
    first = reminders._remind(certificate, 30, today)
    second = reminders._remind(certificate, 30, today)
    assert (first, second, len(sent_mail())) == (True, False, 1)


def test_the_daily_command_reports_the_reminders_sent(run_daily):
    unit(60)
    assert "到期提醒：发送 1 封" in run_daily()
    assert "到期提醒：发送 0 封" in run_daily()
