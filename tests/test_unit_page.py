"""A named unit's public page: what it shows, and 404 for anything not in force."""

import datetime
from urllib.parse import quote, quote_plus

import pytest
from django.utils import timezone

from certification.models import Application, Industry, Level, State

from .factories import ApplicationFactory, CertificateFactory, RoundFactory, county

pytestmark = pytest.mark.django_db


@pytest.fixture
def certificate(db):
    return CertificateFactory(
        application__business__name="商南县金丝峡旅游开发有限公司",
        application__business__address="陕西省商洛市商南县金丝峡镇1号",
        application__business__region=county("商南县"),
        application__business__industry=Industry.objects.get(code="tourism"),
        application__level_requested=Level.CITY,
        application__round=RoundFactory(year=2020),
        application__named_on=datetime.date(2020, 12, 28),
        valid_until=timezone.localdate() + datetime.timedelta(days=400),
    )


@pytest.fixture
def page(client, certificate):
    response = client.get(f"/units/{certificate.application.pk}/")
    assert response.status_code == 200
    return response.content.decode()


def test_the_unit_page_shows_the_name(page):
    assert "商南县金丝峡旅游开发有限公司" in page


def test_the_unit_page_shows_the_address(page):
    assert "陕西省商洛市商南县金丝峡镇1号" in page


def test_the_unit_page_shows_the_sector_and_county(page):
    assert "旅游业" in page and "商南县" in page


def test_the_unit_page_shows_the_level(page):
    assert "市级放心消费示范单位" in page


def test_the_unit_page_shows_the_date_named(page):
    assert "2020年12月28日" in page


def test_the_unit_page_shows_the_end_of_validity(page, certificate):
    assert f"{certificate.valid_until.year}年{certificate.valid_until.month}月{certificate.valid_until.day}日" in page


def test_the_certificate_number_links_to_its_verification(page, certificate):
    assert f'href="/verify/?number={quote(certificate.number)}"' in page
    assert certificate.number in page


@pytest.mark.parametrize("assurance", ["安全放心", "质量放心", "价格放心", "服务放心", "维权放心"])
def test_the_unit_page_lists_the_five_assurances_it_committed_to(page, assurance):
    assert assurance in page


def test_the_unit_page_gives_the_12315_hotline(page):
    assert 'href="tel:12315"' in page


def test_the_unit_page_links_to_the_complaint_form(page, certificate):
    assert f'href="/units/{certificate.application.pk}/complaint/"' in page


def test_a_unit_under_review_still_has_its_page_and_says_so(client, certificate):
    application = certificate.application
    application.state = State.UNDER_REVIEW
    application.save()
    page = client.get(f"/units/{application.pk}/").content.decode()
    assert "称号复核中" in page


def test_a_candidate_in_public_notice_has_no_unit_page(client):
    candidate = ApplicationFactory(in_notice=True)
    assert client.get(f"/units/{candidate.pk}/").status_code == 404


def test_a_revoked_unit_has_no_unit_page(client, certificate):
    certificate.revoked_on = timezone.localdate()
    certificate.save()
    application = certificate.application
    application.state = State.REVOKED
    application.save()
    assert client.get(f"/units/{application.pk}/").status_code == 404


def test_the_old_page_of_a_revoked_unit_leads_to_its_verification(client, certificate):
    certificate.revoked_on = timezone.localdate()
    certificate.save()
    Application.objects.filter(pk=certificate.application.pk).update(state=State.REVOKED)
    page = client.get(f"/units/{certificate.application.pk}/").content.decode()
    assert f'href="/verify/?number={quote_plus(certificate.number)}"' in page


def test_the_old_page_of_a_renewed_unit_leads_to_its_new_title(client, certificate):
    old = certificate.application
    certificate.valid_until = timezone.localdate() - datetime.timedelta(days=1)
    certificate.save()
    renewed = CertificateFactory(application__business=old.business).application
    response = client.get(f"/units/{old.pk}/")
    assert (response.status_code, response["Location"]) == (302, f"/units/{renewed.pk}/")


def test_an_expired_unit_has_no_unit_page(client, certificate):
    certificate.valid_until = timezone.localdate() - datetime.timedelta(days=1)
    certificate.save()
    assert client.get(f"/units/{certificate.application.pk}/").status_code == 404


def test_an_unknown_unit_answers_a_chinese_404(client):
    response = client.get("/units/999999/")
    assert response.status_code == 404
    assert "页面不存在" in response.content.decode()


def test_the_unit_page_needs_six_queries_however_long_its_record(client, certificate, city_officer,
                                                                   django_assert_num_queries):
    from certification.services import workflow

    unit = certificate.application
    with django_assert_num_queries(6):
        client.get(f"/units/{unit.pk}/")
    for _ in range(3):
        workflow.perform(unit, "open_review", city_officer, comment="群众反映较多")
        workflow.perform(unit, "confirm_title", city_officer)
    client.get("/")  # the cache key changed with the transitions; the page below is rendered afresh
    with django_assert_num_queries(6):
        assert "启动复核" in client.get(f"/units/{unit.pk}/").content.decode()


def test_the_unit_page_shows_the_assurances_of_the_criteria_it_was_assessed_against(client):
    from cms.models import AssurancePage

    from .factories import CertificateFactory

    unit = CertificateFactory().application
    page = AssurancePage.objects.get(slug="price").specific
    page.summary = "修订后的价格放心说明"
    page.save_revision().publish()
    html = client.get(f"/units/{unit.pk}/").content.decode()
    assert "明码标价，价格公道透明。" in html
    assert "修订后的价格放心说明" not in html


def test_an_id_beyond_the_databases_range_is_a_404_not_a_500(client):
    assert client.get("/units/99999999999999999999999/").status_code == 404
