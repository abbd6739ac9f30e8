"""The demo data: built once for this module (inside a transaction rolled back at the end)."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

from certification.models import Application, Business, Certificate, Industry, Level, Officer, Round, State
from certification.services import reminders
from cms.models import AssurancePage, HomePage, NoticePage

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module", autouse=True)
def demo(django_db_setup, django_db_blocker):
    """The demo once for the module (without Wagtail's reference index, as every test: see conftest)."""
    with django_db_blocker.unblock():
        with transaction.atomic():
            call_command("seed_demo", stdout=io.StringIO())
            yield
            transaction.set_rollback(True)


def named_2020(level=None):
    """Titles awarded in the 2020 round (some have since been revoked or are under rectification)."""
    qs = Application.objects.filter(round__year=2020, named_on__isnull=False)
    return qs.filter(level=level) if level else qs


def counts():
    return {
        "businesses": Business.objects.count(), "rounds": Round.objects.count(), "officers": Officer.objects.count(),
        "home": HomePage.objects.count(), "assurances": AssurancePage.objects.count(),
        "applications": Application.objects.count(), "certificates": Certificate.objects.count(),
        "notices": NoticePage.objects.count(),
    }


def test_running_the_demo_command_again_adds_nothing():
    before = counts()
    call_command("seed_demo", stdout=io.StringIO())
    assert counts() == before


def test_the_2020_round_has_10_city_level_named_units():
    assert named_2020(Level.CITY).count() == 10


def test_the_2020_round_has_164_county_level_named_units():
    assert named_2020(Level.COUNTY).count() == 164


def test_the_named_units_cover_all_7_counties():
    assert named_2020().values("business__region").distinct().count() == 7


def test_the_named_units_cover_the_7_sectors_the_programme_names():
    sectors = set(named_2020().values_list("business__industry__code", flat=True))
    assert sectors == set(Industry.objects.filter(named_in_programme=True).values_list("code", flat=True))


def test_every_named_unit_has_a_certificate():
    assert Certificate.objects.filter(application__in=named_2020()).count() == 174


def test_the_2020_history_is_dated_in_2020():
    assert set(named_2020().values_list("named_on__year", flat=True)) == {2020}


@pytest.mark.parametrize("state", [State.DRAFT, State.SUBMITTED, State.RETURNED, State.UNDER_ASSESSMENT,
                                   State.ASSESSED, State.IN_NOTICE, State.REJECTED, State.WITHDRAWN])
def test_applications_wait_in_every_other_state(state):
    assert Application.objects.filter(state=state).exists()


def test_one_candidate_in_notice_has_an_objection():
    assert Application.objects.filter(state=State.IN_NOTICE, objections__status="open").exists()


def test_the_demo_covers_all_counties_and_all_sectors():
    assert Business.objects.values("region").distinct().count() == 7
    assert Business.objects.values("industry").distinct().count() == 8


def test_the_demo_applicant_has_a_draft_to_finish():
    assert Application.objects.get(business__owner__username="qiye").state == State.DRAFT


@pytest.mark.parametrize("days", [90, 60, 30, 7])
def test_a_title_is_due_for_each_expiry_reminder(days):
    end = timezone.localdate() + datetime.timedelta(days=days)
    assert Certificate.objects.filter(valid_until=end, application__state=State.NAMED).exists()


def test_daily_sends_the_demos_four_reminders_once():
    with transaction.atomic():
        first, second = reminders.send_due(timezone.localdate()), reminders.send_due(timezone.localdate())
        transaction.set_rollback(True)
    assert all(first[days] >= 1 for days in (90, 60, 30, 7)) and sum(second.values()) == 0


def test_one_unit_renewed_and_its_old_certificate_was_replaced():
    renewal = Application.objects.get(renewal_of__isnull=False)
    assert renewal.state == State.NAMED
    assert renewal.renewal_of.certificate.status() == Certificate.Status.SUPERSEDED


def test_the_programmes_example_supermarket_is_a_city_level_unit_found_by_chaoshi(client):
    html = client.get("/units/", {"q": "超市"}).content.decode()
    assert named_2020(Level.CITY).filter(business__name="商洛市华润万家超市有限公司").exists()
    assert "商洛市华润万家超市有限公司" in html


def test_the_demo_command_prints_an_api_key_that_opens_the_bulk_lookup(client):
    out = io.StringIO()
    call_command("seed_demo", stdout=out)
    line = next(line for line in out.getvalue().splitlines() if "X-API-Key" in line)
    key = line.split("演示密钥：", 1)[1].split("（", 1)[0]
    number = Certificate.objects.filter(round__year=2020).order_by("pk").first().number
    response = client.post("/api/v1/verify/bulk", {"ids": [number]}, content_type="application/json",
                           HTTP_X_API_KEY=key)
    assert response.status_code == 200 and response.json()["results"][0]["found"] is True


# --- complaints -------------------------------------------------------------------------------------


def complaints_2020(client):
    return next(row for row in client.get("/stats/").context["complaints"]["by_year"] if row["key"] == 2020)


def test_the_statistics_show_the_reports_2020_complaint_figures(client):
    row = complaints_2020(client)
    assert (row["received"], row["closed_share"], row["recovered"]) == (3852, 97.3, 1137000)


def test_the_2020_complaints_are_spread_over_counties_sectors_and_channels():
    from certification.models import Complaint

    cases = Complaint.objects.filter(received_at__year=2020)
    assert cases.values("application__business__region").distinct().count() == 7
    assert cases.values("application__business__industry").distinct().count() >= 7
    assert cases.values("channel").distinct().count() == 5


def test_current_complaints_stand_at_every_step_and_one_is_overdue():
    from certification.models import Complaint, ComplaintState

    current = Complaint.objects.filter(received_at__year__gte=timezone.localdate().year)
    assert set(current.values_list("state", flat=True)) == set(ComplaintState.values)
    assert current.overdue().exists()


def test_one_unit_is_under_review_because_of_its_complaints():
    from certification.models import TransitionLog

    review = TransitionLog.objects.filter(transition="open_review", complaints__isnull=False).distinct().get()
    assert review.application.state == State.UNDER_REVIEW
    assert review.complaints.count() == 4


def test_running_the_demo_command_again_adds_no_complaints():
    from certification.models import Complaint

    before = Complaint.objects.count()
    call_command("seed_demo", stdout=io.StringIO())
    assert Complaint.objects.count() == before
