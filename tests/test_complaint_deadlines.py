"""Deadlines count working days (weekends skipped): contact within 1, close within 10 by default
(the programme's settings, tests/test_programme_settings.py); overdue cases are flagged in the work list
and each officer is e-mailed once a day."""

import datetime

import pytest
from django.utils import timezone

from certification.models import Complaint
from certification.services import daily

from .complaints import complaint_about, set_programme, unit_in

pytestmark = pytest.mark.django_db

FRIDAY = timezone.make_aware(datetime.datetime(2026, 11, 27, 15, 0))  # a Friday afternoon, local time


def received_on_friday(**kwargs):
    return complaint_about(unit_in("柞水县"), received_at=FRIDAY, **kwargs)


def test_a_complaint_received_on_friday_must_be_contacted_by_monday():
    assert FRIDAY.weekday() == 4
    assert received_on_friday().contact_due_on == datetime.date(2026, 11, 30)


def test_a_complaint_received_on_friday_must_be_closed_ten_working_days_later_two_weekends_skipped():
    assert received_on_friday().close_due_on == datetime.date(2026, 12, 11)


def test_a_complaint_received_on_saturday_counts_from_monday():
    complaint = complaint_about(unit_in(), received_at=FRIDAY + datetime.timedelta(days=1))
    assert complaint.contact_due_on == datetime.date(2026, 11, 30)


def test_the_deadlines_follow_the_programme_settings():
    set_programme(complaint_contact_working_days=2, complaint_close_working_days=5)
    complaint = received_on_friday()
    assert complaint.contact_due_on == datetime.date(2026, 12, 1)
    assert complaint.close_due_on == datetime.date(2026, 12, 4)


def test_not_contacted_by_monday_is_overdue_on_tuesday_not_on_monday():
    complaint = received_on_friday()
    assert not Complaint.objects.overdue(datetime.date(2026, 11, 30)).filter(pk=complaint.pk).exists()
    assert Complaint.objects.overdue(datetime.date(2026, 12, 1)).filter(pk=complaint.pk).exists()


def overdue_case():
    return complaint_about(unit_in("柞水县"), received_at=timezone.now() - datetime.timedelta(days=30))


def test_the_work_list_flags_overdue_cases(client, county_officer):
    overdue_case()
    client.force_login(county_officer)
    assert "1 件投诉已超期" in client.get("/staff/").content.decode()


def test_the_complaint_list_marks_the_overdue_case(client, county_officer):
    case = overdue_case()
    client.force_login(county_officer)
    page = client.get("/staff/complaints/?show=overdue").content.decode()
    assert case.reference in page and "超期未联系" in page


def test_another_countys_work_list_does_not_flag_it(client, other_county_officer):
    overdue_case()
    client.force_login(other_county_officer)
    assert "件投诉已超期" not in client.get("/staff/").content.decode()


def test_the_daily_job_e_mails_the_officer_about_overdue_cases(county_officer, other_county_officer, sent_mail):
    case = overdue_case()
    sent_mail()  # the notice of the new complaint
    daily.run(timezone.localdate())
    mails = [m for m in sent_mail() if "超期" in m.subject]
    assert [m.to for m in mails] == [[county_officer.email]]
    assert case.reference in mails[0].body


def test_the_daily_job_e_mails_once_a_day(county_officer, sent_mail):
    overdue_case()
    sent_mail()
    today = timezone.localdate()
    daily.run(today)
    daily.run(today)
    assert len([m for m in sent_mail() if "超期" in m.subject]) == 1


def test_the_daily_job_e_mails_again_the_next_day(county_officer, sent_mail):
    overdue_case()
    sent_mail()
    today = timezone.localdate()
    daily.run(today)
    daily.run(today + datetime.timedelta(days=1))
    assert len([m for m in sent_mail() if "超期" in m.subject]) == 2


def test_no_e_mail_when_nothing_is_overdue(county_officer, sent_mail):
    complaint_about(unit_in("柞水县"))
    sent_mail()
    daily.run(timezone.localdate())
    assert not [m for m in sent_mail() if "超期" in m.subject]
