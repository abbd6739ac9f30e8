"""The programme's settings (设置 › 创建工作设置): the complaint deadlines and the review threshold, edited by
the city bureau in the Wagtail admin. The environment's settings are only where a fresh database starts;
a change applies to complaints received after it."""

import datetime

import pytest
from django.contrib.auth.models import Group, Permission
from django.test import RequestFactory
from django.utils import timezone

from certification.checks import programme_settings_defaults
from certification.models import ProgrammeSettings

from .complaints import complaint_about, set_programme, unit_in
from .factories import UserFactory

pytestmark = pytest.mark.django_db

URL = "/admin/settings/certification/programmesettings/"
FRIDAY = timezone.make_aware(datetime.datetime(2026, 11, 27, 15, 0))  # a Friday afternoon, local time
VALID = {"complaint_contact_working_days": "2", "complaint_close_working_days": "15",
         "complaint_review_threshold": "5"}


def edit_url():
    return f"{URL}{ProgrammeSettings.current().pk}/"


def stored():
    row = ProgrammeSettings.objects.get()
    return (row.complaint_contact_working_days, row.complaint_close_working_days, row.complaint_review_threshold)


@pytest.fixture
def city_staff(client, city_officer):
    city_officer.groups.add(Group.objects.get(name="市局工作人员"))
    client.force_login(city_officer)
    return client


# --- where the values start, and how they are read -----------------------------------------------------


def test_a_fresh_database_starts_from_the_environment_settings(settings):
    settings.COMPLAINT_CONTACT_WORKING_DAYS, settings.COMPLAINT_CLOSE_WORKING_DAYS = 2, 7
    settings.COMPLAINT_REVIEW_THRESHOLD = 5
    ProgrammeSettings.current()
    assert stored() == (2, 7, 5)


def test_environment_settings_the_admin_would_refuse_fail_the_system_check(settings):
    settings.COMPLAINT_CONTACT_WORKING_DAYS, settings.COMPLAINT_CLOSE_WORKING_DAYS = 5, 3
    assert [error.id for error in programme_settings_defaults()] == ["fangxin.E012"]


def test_once_stored_the_settings_decide_not_the_environment(settings):
    set_programme(complaint_contact_working_days=3)
    settings.COMPLAINT_CONTACT_WORKING_DAYS = 1
    assert ProgrammeSettings.current().complaint_contact_working_days == 3


def test_one_request_reads_the_settings_once(django_assert_num_queries):
    ProgrammeSettings.current()
    request = RequestFactory().get("/")
    with django_assert_num_queries(1):
        ProgrammeSettings.current(request)
        ProgrammeSettings.current(request)


# --- a change applies to complaints received after it ---------------------------------------------------


def test_a_complaint_received_after_a_change_gets_the_new_deadlines():
    set_programme(complaint_contact_working_days=3, complaint_close_working_days=20)
    complaint = complaint_about(unit_in(), received_at=FRIDAY)
    assert (complaint.contact_due_on, complaint.close_due_on) == (datetime.date(2026, 12, 2),
                                                                  datetime.date(2026, 12, 25))


def test_a_complaint_received_before_a_change_keeps_its_due_dates():
    complaint = complaint_about(unit_in(), received_at=FRIDAY)
    set_programme(complaint_contact_working_days=3, complaint_close_working_days=20)
    complaint.refresh_from_db()
    complaint.save()  # a later save (each step saves the case) does not recompute them
    complaint.refresh_from_db()
    assert (complaint.contact_due_on, complaint.close_due_on) == (datetime.date(2026, 11, 30),
                                                                  datetime.date(2026, 12, 11))


# --- the pages that state them ------------------------------------------------------------------------


def test_the_public_complaint_form_states_the_deadlines_in_force_at_once(client):
    unit = unit_in()
    client.get(f"/units/{unit.pk}/complaint/")  # the form is never kept in the public cache
    set_programme(complaint_contact_working_days=2, complaint_close_working_days=15)
    html = client.get(f"/units/{unit.pk}/complaint/").content.decode()
    assert "一般在2个工作日内联系、15个工作日内办结" in html


def test_the_staff_complaint_list_states_the_deadlines_and_the_threshold_in_force(client, county_officer):
    set_programme(complaint_contact_working_days=2, complaint_close_working_days=15, complaint_review_threshold=6)
    client.force_login(county_officer)
    html = client.get("/staff/complaints/").content.decode()
    assert "2个工作日内联系、15个工作日内办结" in html and "超过6件" in html


# --- who may change them --------------------------------------------------------------------------------


def test_a_city_officer_saves_new_settings_in_the_admin(city_staff):
    response = city_staff.post(edit_url(), VALID)
    assert response.status_code == 302
    assert stored() == (2, 15, 5)


def test_the_city_officers_admin_offers_the_settings(city_staff):
    assert "创建工作设置" in city_staff.get(URL, follow=True).content.decode()


def test_a_county_officer_is_refused_and_nothing_is_saved(client, county_officer):
    county_officer.groups.add(Group.objects.get(name="县区局工作人员"))
    client.force_login(county_officer)
    url = edit_url()
    response = client.post(url, VALID)
    assert response.status_code in (302, 403)
    assert stored() == (1, 10, 3)


def test_a_county_officer_given_the_permissions_by_hand_is_still_refused(client, county_officer):
    county_officer.user_permissions.add(*Permission.objects.filter(
        codename__in=["access_admin", "change_programmesettings"]))
    client.force_login(county_officer)
    url = edit_url()
    client.post(url, VALID)
    assert stored() == (1, 10, 3)


def test_an_applicant_is_refused_and_nothing_is_saved(client, applicant_a):
    client.force_login(applicant_a)
    url = edit_url()
    response = client.post(url, VALID)
    assert response.status_code in (302, 403)
    assert stored() == (1, 10, 3)


def test_a_superuser_may_change_the_settings(client):
    client.force_login(UserFactory(username="root", is_superuser=True, is_staff=True))
    client.post(edit_url(), VALID)
    assert stored() == (2, 15, 5)


# --- bad values: a Chinese error, nothing saved -------------------------------------------------------


@pytest.mark.parametrize(("field", "value", "message"), [
    ("complaint_contact_working_days", "0", "联系时限应在 1 到 10 之间。"),
    ("complaint_contact_working_days", "11", "联系时限应在 1 到 10 之间。"),
    ("complaint_close_working_days", "61", "办结时限应在 1 到 60 之间。"),
    ("complaint_close_working_days", "1", "办结时限不能短于联系时限。"),
    ("complaint_review_threshold", "0", "属实投诉件数应在 1 到 20 之间。"),
    ("complaint_review_threshold", "21", "属实投诉件数应在 1 到 20 之间。"),
])
def test_a_value_out_of_range_is_refused_in_chinese_and_nothing_is_saved(city_staff, field, value, message):
    response = city_staff.post(edit_url(), {**VALID, field: value})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert stored() == (1, 10, 3)
