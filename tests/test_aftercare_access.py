"""Permission matrix for the life of a title: re-evaluation, inspections, rectification, revoked list.

The world is built once for the module (in a transaction rolled back at the end); each case runs in
its own savepoint. Unit A (柞水县, county level, business of applicant A) is under rectification and
in this year's campaign; unit K (柞水县) is in the campaign too, named, with nothing decided.
For every refused persona the test also checks that nothing changed.
"""

import datetime

import pytest
from django.db import transaction
from django.utils import timezone

from certification.models import Campaign, CampaignUnit, Inspection, Rectification
from certification.services import campaigns, inspections, rectifications

from .factories import AssessorFactory, BusinessFactory, CertificateFactory, OfficerFactory, UserFactory, city, county

pytestmark = pytest.mark.django_db

PERSONAS = ["anonymous", "applicant_a", "applicant_b", "assessor", "county_officer", "other_county_officer",
            "city_officer"]
LOGIN = "/accounts/login/"


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        people = {
            "applicant_a": UserFactory(username="m_applicant_a"),
            "applicant_b": UserFactory(username="m_applicant_b"),
            "assessor": AssessorFactory(user=UserFactory(username="m_assessor")).user,
            "county_officer": OfficerFactory(user=UserFactory(username="m_zhashui"), region=county("柞水县")).user,
            "other_county_officer": OfficerFactory(user=UserFactory(username="m_shangzhou"),
                                                   region=county("商州区")).user,
            "city_officer": OfficerFactory(user=UserFactory(username="m_city"), region=city()).user,
        }
        BusinessFactory(owner=people["applicant_b"])
        unit_a = CertificateFactory(application__business=BusinessFactory(owner=people["applicant_a"])).application
        unit_k = CertificateFactory(application__business__owner=UserFactory(username="m_owner_k")).application
        today = timezone.localdate()
        campaign = campaigns.open_campaign(people["city_officer"], today.year, today + datetime.timedelta(days=20),
                                           seed="matrix")
        rectification = rectifications.order(unit_a, "价格公示不全", today + datetime.timedelta(days=30),
                                             people["county_officer"])
        unit_of_a = campaign.units.get(application=unit_a)
        unit_of_k = campaign.units.get(application=unit_k)
        [inspection] = inspections.assign(unit_of_k, [people["assessor"].assessor], people["county_officer"])
        spare = AssessorFactory(user=UserFactory(username="m_spare"))
        yield {"people": people, "campaign": campaign, "unit_a": unit_of_a, "unit_k": unit_of_k, "app_k": unit_k,
               "rectification": rectification, "inspection": inspection, "spare": spare}
        transaction.set_rollback(True)


def snapshot():
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


# (method, url, data) -> expected per persona: a status, or (302, where the redirect goes)
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
CAMPAIGN = "/staff/campaigns/"
EXPECTED = {
    # anonymous, applicant_a, applicant_b, assessor, county_officer, other_county_officer, city_officer
    "campaigns":             ((302, LOGIN), 403, 403, 403, 200, 200, 200),
    "open campaign":         ((302, LOGIN), 403, 403, 403, 403, 403, (302, CAMPAIGN)),
    "campaign":              ((302, LOGIN), 403, 403, 403, 200, 200, 200),
    "close campaign":        ((302, LOGIN), 403, 403, 403, 403, 403, (302, CAMPAIGN)),
    "campaign unit":         ((302, LOGIN), 403, 403, 403, 200, 404, 200),
    "decide":                ((302, LOGIN), 403, 403, 403, (302, "/staff/campaign-units/"), 404, 403),
    "assign inspector":      ((302, LOGIN), 403, 403, 403, (302, "/staff/campaign-units/"), 404,
                              (302, "/staff/campaign-units/")),
    "rectifications":        ((302, LOGIN), 403, 403, 403, 200, 200, 200),
    "new rectification":     ((302, LOGIN), 403, 403, 403, 200, 404, 403),
    "self-check":            ((302, LOGIN), 200, 404, 403, 403, 403, 403),
    "file self-check":       ((302, LOGIN), (302, "/portal/"), 404, 403, 403, 403, 403),
    "rectification answer":  ((302, LOGIN), 200, 404, 403, 403, 403, 403),
    "answer rectification":  ((302, LOGIN), (302, "/portal/"), 404, 403, 403, 403, 403),
    "inspection":            ((302, LOGIN), 403, 403, 200, 403, 403, 403),
    "decline inspection":    ((302, LOGIN), 403, 403, (302, "/assess/"), 403, 403, 403),
    "revoked list":          (200, 200, 200, 200, 200, 200, 200),
}
# Allowed POSTs whose effect is checked beside the redirect (the close is refused: a unit has no outcome).
CHANGES = {"open campaign", "decide", "assign inspector", "file self-check", "answer rectification",
           "decline inspection"}

CASES = [pytest.param(row, persona, EXPECTED[row][i], id=f"{row}-{persona}")
         for row in ROWS for i, persona in enumerate(PERSONAS)]


@pytest.mark.parametrize("row,persona,expected", CASES)
def test_it_checks_access(client, world, row, persona, expected):
    method, url, data = ROWS[row]
    if persona != "anonymous":
        client.force_login(world["people"][persona])
    before = snapshot()
    response = getattr(client, method)(url(world), data(world) if data else None)
    status, where = expected if isinstance(expected, tuple) else (expected, None)
    assert response.status_code == status
    if where:
        assert response["Location"].startswith(where)
    allowed = status in (200, 302) and where != LOGIN
    if method == "post" and not (allowed and row in CHANGES):
        assert snapshot() == before
    elif method == "post":
        assert snapshot() != before
