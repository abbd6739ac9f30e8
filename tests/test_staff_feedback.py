"""The county bureau handles what the public reports about its named units."""

import pytest

from certification.models import Feedback

from .factories import BusinessFactory, CertificateFactory, county

pytestmark = pytest.mark.django_db

REPORT = {"name": "王先生", "contact": "13800000000", "text": "该店商品未明码标价，结账时多收费。", "website": ""}


@pytest.fixture
def unit():
    return CertificateFactory().application


def test_a_report_about_a_unit_is_e_mailed_to_its_county_bureau(client, unit, county_officer, sent_mail):
    client.post(f"/units/{unit.pk}/feedback/", REPORT)
    assert [m.to for m in sent_mail()] == [[county_officer.email]]


def test_the_county_officer_lists_reports_about_units_of_their_county(client, unit, county_officer):
    Feedback.objects.create(business=unit.business, **{k: REPORT[k] for k in ("name", "contact", "text")})
    client.force_login(county_officer)
    assert "多收费" in client.get("/staff/feedback/").content.decode()


def test_an_officer_of_another_county_does_not_see_them(client, unit, other_county_officer):
    Feedback.objects.create(business=unit.business, **{k: REPORT[k] for k in ("name", "contact", "text")})
    client.force_login(other_county_officer)
    assert "多收费" not in client.get("/staff/feedback/").content.decode()


def test_closing_a_report_records_the_handling(client, unit, county_officer):
    item = Feedback.objects.create(business=unit.business, **{k: REPORT[k] for k in ("name", "contact", "text")})
    client.force_login(county_officer)
    client.post(f"/staff/feedback/{item.pk}/close/", {"note": "已约谈经营者，退还多收款项。"})
    item.refresh_from_db()
    assert (item.status, item.handled_by) == (Feedback.Status.CLOSED, county_officer)


def test_closing_needs_a_note(client, unit, county_officer):
    item = Feedback.objects.create(business=unit.business, **{k: REPORT[k] for k in ("name", "contact", "text")})
    client.force_login(county_officer)
    client.post(f"/staff/feedback/{item.pk}/close/", {"note": " "})
    item.refresh_from_db()
    assert item.status == Feedback.Status.OPEN


def test_an_officer_of_another_county_cannot_close_it(client, other_county_officer):
    item = Feedback.objects.create(business=BusinessFactory(region=county("柞水县")),
                                   **{k: REPORT[k] for k in ("name", "contact", "text")})
    client.force_login(other_county_officer)
    assert client.post(f"/staff/feedback/{item.pk}/close/", {"note": "x"}).status_code == 404


def test_applicants_cannot_open_the_feedback_list(client, applicant_a):
    client.force_login(applicant_a)
    assert client.get("/staff/feedback/").status_code == 403
