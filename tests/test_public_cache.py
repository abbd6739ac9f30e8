"""The cache of the anonymous public pages, and its invalidation when a title is given or taken away."""

import pytest
from django.utils import timezone

import certification.public_cache  # noqa: F401  (registers the receivers, as the app does)
from certification.models import State
from certification.services import workflow

from .factories import ApplicationFactory, CertificateFactory

pytestmark = pytest.mark.django_db

PAGES = ["/units/", "/stats/", "/opendata/", "/opendata/units.csv", "/opendata/units.json"]


@pytest.fixture
def unit(db):
    return CertificateFactory(application__business__name="柞水秦岭人家大酒店").application


@pytest.fixture
def candidate(db):
    """In public notice, the notice period over and no objection: ready to be named."""
    return ApplicationFactory(in_notice=True, business__name="公示期满的候选超市")


@pytest.mark.parametrize("url", PAGES)
def test_an_anonymous_page_is_served_from_the_cache_the_second_time(client, unit, url):
    assert client.get(url)["X-Public-Cache"] == "miss"
    assert client.get(url)["X-Public-Cache"] == "hit"


def test_the_unit_page_is_cached(client, unit):
    client.get(f"/units/{unit.pk}/")
    assert client.get(f"/units/{unit.pk}/")["X-Public-Cache"] == "hit"


def test_a_cached_page_is_the_same_page(client, unit):
    first = client.get("/units/")
    second = client.get("/units/")
    assert second.content == first.content and second["Content-Type"] == first["Content-Type"]


def test_a_cached_csv_keeps_its_download_headers(client, unit):
    client.get("/opendata/units.csv")
    assert client.get("/opendata/units.csv")["Content-Disposition"].startswith("attachment;")


def test_different_filters_are_cached_apart(client, unit):
    client.get("/units/?sector=finance")
    assert "柞水秦岭人家大酒店" in client.get("/units/").content.decode()


def test_a_signed_in_user_gets_a_fresh_page(client, unit, city_officer):
    client.force_login(city_officer)
    client.get("/units/")
    assert "X-Public-Cache" not in client.get("/units/")


def test_the_cache_can_be_switched_off(client, unit, settings):
    settings.PUBLIC_CACHE_SECONDS = 0
    client.get("/units/")
    assert "X-Public-Cache" not in client.get("/units/")


def test_a_unit_appears_as_soon_as_it_is_named(client, candidate, county_officer):
    CertificateFactory(application=candidate)  # issued beforehand so only the transition can refresh the page
    assert "公示期满的候选超市" not in client.get("/units/").content.decode()
    workflow.perform(candidate, "name_unit", county_officer)
    assert "公示期满的候选超市" in client.get("/units/").content.decode()


def test_a_unit_named_by_calling_the_transition_and_saving_appears_too(client, candidate):
    CertificateFactory(application=candidate)
    client.get("/units/")
    candidate.name_unit()
    candidate.save()
    assert "公示期满的候选超市" in client.get("/units/").content.decode()


def test_a_unit_disappears_as_soon_as_its_title_is_revoked(client, unit, county_officer):
    assert "柞水秦岭人家大酒店" in client.get("/units/").content.decode()
    workflow.perform(unit, "revoke", county_officer, comment="经查存在价格欺诈行为。")
    assert "柞水秦岭人家大酒店" not in client.get("/units/").content.decode()


def test_the_unit_page_answers_404_right_after_revocation(client, unit, county_officer):
    client.get(f"/units/{unit.pk}/")
    workflow.perform(unit, "revoke", county_officer, comment="经查存在价格欺诈行为。")
    assert client.get(f"/units/{unit.pk}/").status_code == 404


def test_setting_the_certificates_revocation_date_drops_the_unit(client, unit):
    client.get("/opendata/units.csv")
    certificate = unit.certificate
    certificate.revoked_on = timezone.localdate()
    certificate.save()
    assert "柞水秦岭人家大酒店" not in client.get("/opendata/units.csv").content.decode()


def test_a_transition_that_gives_or_takes_no_title_keeps_the_cache(client, unit, county_officer):
    submitted = ApplicationFactory(state=State.SUBMITTED)
    client.get("/units/")
    workflow.perform(submitted, "accept", county_officer)
    assert client.get("/units/")["X-Public-Cache"] == "hit"


def test_a_lost_generation_counter_starts_again_without_reusing_old_pages(client, unit):
    from django.core.cache import cache

    client.get("/units/")
    cache.delete(certification.public_cache.GENERATION_KEY)
    assert client.get("/units/")["X-Public-Cache"] == "miss"
