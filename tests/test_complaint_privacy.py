"""A complainant's name and phone are seen only by the officers handling the case: never on public pages,
the open-data exports, the tracking page, the business's portal or assessors' screens."""

import re

import pytest

from .complaints import PUBLIC, closed
from .factories import AssignmentFactory, CertificateFactory, UserFactory

pytestmark = pytest.mark.django_db

NAME, PHONE = "欧阳投诉人", "13987654321"


@pytest.fixture
def unit(db):
    return CertificateFactory(application__business__owner=UserFactory()).application


@pytest.fixture
def tracked(client, unit):
    page = client.post(f"/units/{unit.pk}/complaint/",
                       {**PUBLIC, "complainant_name": NAME, "complainant_phone": PHONE}).content.decode()
    reference = re.search(r"(TS[0-9A-Z]{10})", page).group(1)
    secret = re.search(r"查询码</dt><dd><strong[^>]*>(\d+)<", page).group(1)
    return unit.complaints.get(), reference, secret


def assert_private(text):
    assert NAME not in text and PHONE not in text


def test_the_county_officer_sees_name_and_phone(client, tracked, county_officer):
    client.force_login(county_officer)
    page = client.get(f"/staff/complaints/{tracked[0].pk}/").content.decode()
    assert NAME in page and PHONE in page


def test_the_tracking_page_shows_neither(client, tracked, county_officer):
    complaint, reference, secret = tracked
    closed(complaint, county_officer)
    assert_private(client.post("/complaints/track/", {"reference": reference, "secret": secret}).content.decode())


def test_the_tracking_page_shows_no_officer_note(client, tracked, county_officer):
    complaint, reference, secret = tracked
    closed(complaint, county_officer)
    page = client.post("/complaints/track/", {"reference": reference, "secret": secret}).content.decode()
    assert "已完成" not in page and "已归档" in page


@pytest.mark.parametrize("path", ["/units/{pk}/", "/units/", "/stats/", "/opendata/units.csv",
                                  "/opendata/units.json", "/opendata/"])
def test_public_pages_and_exports_show_neither(client, tracked, county_officer, unit, path):
    closed(tracked[0], county_officer)
    assert_private(client.get(path.format(pk=unit.pk)).content.decode())


def test_the_business_portal_shows_neither(client, tracked, unit):
    client.force_login(unit.business.owner)
    assert_private(client.get(f"/portal/applications/{unit.pk}/").content.decode())
    assert_private(client.get("/portal/").content.decode())


def test_an_assessor_of_the_unit_sees_neither(client, tracked, unit):
    task = AssignmentFactory(application=unit)
    client.force_login(task.assessor.user)
    assert_private(client.get("/assess/").content.decode())
    assert_private(client.get(f"/assess/{task.pk}/").content.decode())
    assert client.get(f"/staff/complaints/{tracked[0].pk}/").status_code == 403
