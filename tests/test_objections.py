"""The public objection form, from a notice page to the officer's decision."""

import pytest

from certification.models import Objection, State

from . import flows
from .factories import OfficerFactory, county

pytestmark = pytest.mark.django_db

GOOD = {"name": "李群众", "contact": "13800000000", "text": "今年9月购买商品时多收费12元，至今未退。", "website": ""}


@pytest.fixture
def candidate(county_officer):
    return flows.on_notice(county_officer)


def test_anyone_can_object_and_gets_a_reference_number(client, candidate):
    response = client.post(f"/notices/objection/{candidate.pk}/", GOOD)
    objection = Objection.objects.get()
    assert response.status_code == 200
    assert objection.reference in response.content.decode()


def test_the_objection_form_shows_the_candidate(client, candidate):
    assert candidate.business.name in client.get(f"/notices/objection/{candidate.pk}/").content.decode()


def test_a_filled_honeypot_is_refused(client, candidate):
    client.post(f"/notices/objection/{candidate.pk}/", {**GOOD, "website": "http://spam.example"})
    assert not Objection.objects.exists()


def test_missing_fields_give_chinese_errors(client, candidate):
    response = client.post(f"/notices/objection/{candidate.pk}/", {"name": "", "contact": "abc", "text": ""})
    html = response.content.decode()
    assert response.status_code == 200
    assert "请填写您的姓名" in html and "请填写反映内容" in html


def test_objections_are_rate_limited(client, candidate, settings):
    settings.OBJECTION_RATELIMIT = "2/h"
    for _ in range(2):
        client.post(f"/notices/objection/{candidate.pk}/", GOOD)
    response = client.post(f"/notices/objection/{candidate.pk}/", GOOD)
    assert response.status_code == 429
    assert Objection.objects.count() == 2


def test_an_application_not_on_notice_has_no_objection_form(client, county_officer):
    app = flows.scored(county_officer, [90, 92])
    assert client.get(f"/notices/objection/{app.pk}/").status_code == 404


def test_an_unknown_application_answers_404(client):
    assert client.get("/notices/objection/999999/").status_code == 404


def test_the_officer_upholds_through_the_staff_page(client, candidate, county_officer):
    client.post(f"/notices/objection/{candidate.pk}/", GOOD)
    objection = Objection.objects.get()
    client.force_login(county_officer)
    client.post(f"/staff/objections/{objection.pk}/resolve/", {"decision": "upheld", "resolution": "经核实属实"})
    candidate.refresh_from_db()
    assert candidate.state == State.REJECTED


def test_an_officer_of_another_county_gets_404_on_the_objection(client, candidate, other_county_officer):
    client.post(f"/notices/objection/{candidate.pk}/", GOOD)
    objection = Objection.objects.get()
    client.force_login(other_county_officer)
    response = client.post(f"/staff/objections/{objection.pk}/resolve/", {"decision": "upheld", "resolution": "x"})
    assert response.status_code == 404


def test_an_objection_resolved_by_a_since_deleted_account_still_shows_on_the_application(client, candidate,
                                                                                       county_officer):
    client.post(f"/notices/objection/{candidate.pk}/", GOOD)
    objection = Objection.objects.get()
    colleague = OfficerFactory(region=county("柞水县")).user
    client.force_login(colleague)
    client.post(f"/staff/objections/{objection.pk}/resolve/", {"decision": "dismissed", "resolution": "经核实不属实"})
    colleague.delete()  # Objection.resolved_by is SET_NULL
    client.force_login(county_officer)
    response = client.get(f"/staff/applications/{candidate.pk}/")
    assert response.status_code == 200 and "经核实不属实" in response.content.decode()
