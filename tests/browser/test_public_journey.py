"""A citizen on a phone checks the certificate on a shop's wall: by its number, and by its QR code."""

import pytest

from certification.services import naming

from .. import flows
from .audit import PHONE
from .steps import accept_confirmations, follow

pytestmark = pytest.mark.browser


@pytest.fixture
def certificate(county_officer):
    app = flows.on_notice(county_officer, days_ago=9)
    naming.name_units([app], county_officer)
    app.refresh_from_db()
    return app.certificate


def test_a_citizen_verifies_a_certificate_by_its_number_on_a_phone(phone, site, audit, certificate):
    page = phone
    assert page.viewport_size == PHONE
    page.goto(site.url + "/")
    audit.check(page)
    page.goto(site.url + "/verify/")
    audit.check(page)
    page.get_by_role("textbox", name="证书编号").fill(certificate.number)
    follow(page, page.get_by_role("button", name="查验"))
    audit.check(page)

    assert certificate.application.business.name in page.locator("main").inner_text()
    assert not audit.problems, audit.report()


def test_a_citizen_scans_the_qr_code_of_a_certificate_on_a_phone(phone, site, audit, certificate):
    page = phone
    accept_confirmations(page)
    page.goto(f"{site.url}/v/{certificate.token}/")
    audit.check(page)
    text = page.locator("main").inner_text()

    assert certificate.number in text and "有效" in text
    assert not audit.problems, audit.report()


def test_on_a_phone_the_notice_offers_an_objection_button_in_view(phone, site, audit, county_officer):
    app = flows.on_notice(county_officer)
    page = phone
    page.goto(site.url + app.notice_entries.get().page.url)
    audit.check(page)
    button = page.get_by_role("link", name=f"对{app.business.name}提出异议")
    box = button.bounding_box()

    assert button.is_visible() and box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
    follow(page, button)
    assert page.get_by_role("heading", level=1).is_visible()
    assert not audit.problems, audit.report()
