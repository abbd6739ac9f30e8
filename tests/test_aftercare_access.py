"""Permission matrix for the life of a title: re-evaluation, inspections, rectification, revoked list.

The world is built once for the module (see tests/matrix.py); each case runs in its own savepoint.
Unit A (柞水县, county level, business of applicant A) is under rectification and in this year's
campaign; unit K (柞水县) is in the campaign too, named, with nothing decided.
For every refused persona the test also checks that nothing changed.
"""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from certification.models import Campaign, CampaignUnit, Inspection, Rectification
from certification.services import campaigns, inspections, rectifications

from .factories import AssessorFactory, CertificateFactory, UserFactory
from .matrix import LOGIN, PERSONAS, Changed, Unchanged, built_once, check, people

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    def build():
        who = people("m")
        unit_a = CertificateFactory(application__business=who["applicant_a"].business).application
        unit_k = CertificateFactory(application__business__owner=UserFactory(username="m_owner_k")).application
        today = timezone.localdate()
        campaign = campaigns.open_campaign(who["city_officer"], today.year, today + datetime.timedelta(days=20),
                                           seed="matrix")
        rectification = rectifications.order(unit_a, "价格公示不全", today + datetime.timedelta(days=30),
                                             who["county_officer"])
        unit_of_a = campaign.units.get(application=unit_a)
        unit_of_k = campaign.units.get(application=unit_k)
        [inspection] = inspections.assign(unit_of_k, [who["assessor"].assessor], who["county_officer"])
        spare = AssessorFactory(user=UserFactory(username="m_spare"))
        return {"people": who, "campaign": campaign, "unit_a": unit_of_a, "unit_k": unit_of_k, "app_k": unit_k,
                "rectification": rectification, "inspection": inspection, "spare": spare}

    with built_once(django_db_blocker, build) as built:
        yield built


def snapshot(w):
    """What a refused request must leave as it was."""
    return (
        list(Campaign.objects.values_list("pk", "closed_on")),
        list(CampaignUnit.objects.values_list("pk", "outcome", "filed_at")),
        list(Rectification.objects.values_list("pk", "answered_at", "closed_at")),
        list(Inspection.objects.values_list("pk", "status")),
        list(CampaignUnit.objects.values_list("application__state", flat=True)),
    )


def answers(world):
    criteria = world["unit_a"].application.criteria.as_criteria()
    data = {f"meets_{i['code']}": "yes" for i in criteria.indicators()}
    return data


# (method, url, data) -> expected per persona (see tests/matrix.py)
ROWS = {
    "campaigns": ("get", lambda w: "/staff/campaigns/", None),
    "open campaign": ("post", lambda w: "/staff/campaigns/", lambda w: {
        "year": timezone.localdate().year + 1, "self_check_due_on": (timezone.localdate() + datetime.timedelta(30)),
        "inspection_percent": "10", "grace_days": "7"}),
    "campaign": ("get", lambda w: f"/staff/campaigns/{w['campaign'].pk}/", None),
    "close campaign": ("post", lambda w: f"/staff/campaigns/{w['campaign'].pk}/close/", None),
    "campaign unit": ("get", lambda w: f"/staff/campaign-units/{w['unit_k'].pk}/", None),
    "decide": ("post", lambda w: f"/staff/campaign-units/{w['unit_k'].pk}/", lambda w: {"outcome": "kept"}),
    "assign inspector": ("post", lambda w: f"/staff/campaign-units/{w['unit_k'].pk}/inspectors/",
                         lambda w: {"assessor": [w["spare"].pk]}),
    "rectifications": ("get", lambda w: "/staff/rectifications/", None),
    "new rectification": ("get", lambda w: f"/staff/rectifications/new/?application={w['app_k'].pk}", None),
    "self-check": ("get", lambda w: f"/portal/self-checks/{w['unit_a'].pk}/", None),
    "file self-check": ("post", lambda w: f"/portal/self-checks/{w['unit_a'].pk}/", answers),
    "rectification answer": ("get", lambda w: f"/portal/rectifications/{w['rectification'].pk}/", None),
    "answer rectification": ("post", lambda w: f"/portal/rectifications/{w['rectification'].pk}/",
                             lambda w: {"answer": "已全部明码标价。"}),
    "inspection": ("get", lambda w: f"/assess/inspections/{w['inspection'].pk}/", None),
    "decline inspection": ("post", lambda w: f"/assess/inspections/{w['inspection'].pk}/decline/",
                           lambda w: {"reason": "曾在该单位任职"}),
    "revoked list": ("get", lambda w: "/units/revoked/", None),
}
def campaign_page(w):
    return reverse("staff:campaign", args=[w["campaign"].pk])


def next_years_campaign_page(w):
    return reverse("staff:campaign", args=[Campaign.objects.get(year=timezone.localdate().year + 1).pk])


def unit_k_page(w):
    return reverse("staff:campaign_unit", args=[w["unit_k"].pk])


def page(name):
    return lambda w: reverse(name)


EXPECTED = {
    # anonymous, applicant_a, applicant_b, assessor, county_officer, other_county_officer, city_officer
    "campaigns":             (LOGIN, 403, 403, 403, 200, 200, 200),
    "open campaign":         (LOGIN, 403, 403, 403, 403, 403, Changed(next_years_campaign_page)),
    "campaign":              (LOGIN, 403, 403, 403, 200, 200, 200),
    # the close is refused with a message: unit K has no outcome yet
    "close campaign":        (LOGIN, 403, 403, 403, 403, 403, Unchanged(campaign_page)),
    "campaign unit":         (LOGIN, 403, 403, 403, 200, 404, 200),
    "decide":                (LOGIN, 403, 403, 403, Changed(unit_k_page), 404, 403),
    "assign inspector":      (LOGIN, 403, 403, 403, Changed(unit_k_page), 404, Changed(unit_k_page)),
    "rectifications":        (LOGIN, 403, 403, 403, 200, 200, 200),
    "new rectification":     (LOGIN, 403, 403, 403, 200, 404, 403),
    "self-check":            (LOGIN, 200, 404, 403, 403, 403, 403),
    "file self-check":       (LOGIN, Changed(page("portal:dashboard")), 404, 403, 403, 403, 403),
    "rectification answer":  (LOGIN, 200, 404, 403, 403, 403, 403),
    "answer rectification":  (LOGIN, Changed(page("portal:dashboard")), 404, 403, 403, 403, 403),
    "inspection":            (LOGIN, 403, 403, 200, 403, 403, 403),
    "decline inspection":    (LOGIN, 403, 403, Changed(page("assess:list")), 403, 403, 403),
    "revoked list":          (200, 200, 200, 200, 200, 200, 200),
}

CASES = [pytest.param(row, persona, EXPECTED[row][i], id=f"{row}-{persona}")
         for row in ROWS for i, persona in enumerate(PERSONAS)]


@pytest.mark.parametrize("row,persona,expected", CASES)
def test_it_checks_access(client, world, row, persona, expected):
    method, url, data = ROWS[row]
    check(client, world, snapshot, method, url(world), data(world) if data else None, persona, expected)
