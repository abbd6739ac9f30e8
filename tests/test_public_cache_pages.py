"""The Wagtail pages (home, criteria, assurances, notices, about) in the public cache: served from it to
anonymous visitors, cleared when a page is published, unpublished, moved or deleted and when the counts
on the home page change, and never shared between a signed-in user and anyone else."""

import datetime
import re

import pytest
from django.test import Client
from wagtail.models import PageViewRestriction

from certification.services import notice, workflow
from cms.models import AssurancePage, CriteriaIndexPage, StandardPage

from . import flows
from .factories import ApplicationFactory, CertificateFactory, OfficerFactory, UserFactory

pytestmark = pytest.mark.django_db

PAGES = ["/", "/criteria/", "/criteria/safety/", "/notices/", "/about/"]


def counts(client):
    """The home page's three figures: city-level units, county-level units, candidates on notice."""
    html = client.get("/").content.decode()
    return [int(n) for n in re.findall(r'<div class="num">(\d+)</div>', html)]


@pytest.fixture
def officer_wang(db):
    user = UserFactory(username="wangjianguo", first_name="王建国")
    return OfficerFactory(user=user).user


@pytest.mark.parametrize("url", PAGES)
def test_a_wagtail_page_is_served_from_the_cache_the_second_time(client, url):
    assert client.get(url)["X-Public-Cache"] == "miss"
    assert client.get(url)["X-Public-Cache"] == "hit"


def test_a_cached_wagtail_page_is_the_same_page(client):
    first = client.get("/criteria/")
    second = client.get("/criteria/")
    assert second.content == first.content and second["Content-Type"] == first["Content-Type"]


def test_a_page_from_the_cache_keeps_the_frame_and_language_headers(client):
    client.get("/")
    cached = client.get("/")
    assert cached["X-Frame-Options"] == "SAMEORIGIN"
    assert cached["Content-Language"] == "zh-hans"
    assert "Content-Security-Policy" in cached


def test_a_cached_page_costs_no_query(client, django_assert_num_queries):
    client.get("/")
    with django_assert_num_queries(0):
        assert client.get("/")["X-Public-Cache"] == "hit"


def test_publishing_a_new_version_of_a_page_shows_it_at_once(client):
    client.get("/criteria/safety/")
    page = AssurancePage.objects.get(slug="safety")
    page.summary = "新发布的一句话说明"
    page.save_revision().publish()
    assert "新发布的一句话说明" in client.get("/criteria/safety/").content.decode()


def test_publishing_a_page_refreshes_the_pages_that_list_it(client):
    client.get("/criteria/")
    page = AssurancePage.objects.get(slug="safety")
    page.title = "安全放心（修订）"
    page.save_revision().publish()
    assert "安全放心（修订）" in client.get("/criteria/").content.decode()


def test_an_unpublished_page_is_gone_at_once(client):
    client.get("/about/")
    StandardPage.objects.get(slug="about").unpublish()
    assert client.get("/about/").status_code == 404


def test_moving_a_page_reorders_the_cached_list_at_once(client):
    before = client.get("/criteria/").content.decode()
    assert before.index("安全放心") < before.index("维权放心")
    redress = AssurancePage.objects.get(slug="redress")
    redress.move(CriteriaIndexPage.objects.get(), pos="first-child")
    after = client.get("/criteria/").content.decode()
    assert after.index("维权放心") < after.index("安全放心")


def test_a_deleted_page_is_gone_at_once(client):
    client.get("/about/")
    StandardPage.objects.get(slug="about").delete()
    assert client.get("/about/").status_code == 404


def test_the_home_page_counts_a_unit_as_soon_as_it_is_named(client, county_officer):
    candidate = ApplicationFactory(in_notice=True)
    CertificateFactory(application=candidate)  # issued beforehand so only the transition can refresh the page
    city, county, candidates = counts(client)
    workflow.perform(candidate, "name_unit", county_officer)
    assert counts(client) == [city, county + 1, candidates - 1]


def test_the_home_page_counts_a_candidate_as_soon_as_its_notice_opens(client, county_officer):
    app = flows.scored(county_officer, [92, 94])
    city, county, candidates = counts(client)
    notice.open_notice([app], county_officer)
    assert counts(client) == [city, county, candidates + 1]


def test_the_home_page_drops_a_unit_as_soon_as_its_title_is_revoked(client, county_officer):
    unit = CertificateFactory().application
    city, county, candidates = counts(client)
    workflow.perform(unit, "revoke", county_officer, comment="经查存在价格欺诈行为。")
    assert counts(client) == [city, county - 1, candidates]


def test_the_home_page_counts_only_titles_in_force(client):
    city, county, candidates = counts(client)
    CertificateFactory(application__level="county")
    CertificateFactory(application__level="city")
    CertificateFactory(valid_until=datetime.date(2020, 1, 1))  # expired
    CertificateFactory(revoked_on=datetime.date(2024, 1, 1))
    assert counts(client) == [city + 1, county + 1, candidates]


@pytest.mark.parametrize("url", PAGES)
def test_a_signed_in_users_page_is_never_served_to_anonymous_visitors(client, officer_wang, url):
    client.force_login(officer_wang)
    assert "王建国" in client.get(url).content.decode()
    anonymous = Client()
    html = anonymous.get(url).content.decode()
    assert "王建国" not in html and "退出" not in html
    assert "王建国" not in anonymous.get(url).content.decode()


@pytest.mark.parametrize("url", PAGES)
def test_a_signed_in_user_never_gets_the_cached_anonymous_page(client, officer_wang, url):
    Client().get(url)
    Client().get(url)  # cached now
    client.force_login(officer_wang)
    response = client.get(url)
    assert "X-Public-Cache" not in response
    assert "王建国" in response.content.decode() and "登录</a>" not in response.content.decode()


def test_a_signed_in_page_holds_a_csrf_token_that_never_reaches_the_cache(client, officer_wang):
    client.force_login(officer_wang)
    client.get("/")
    client.get("/")
    assert "csrfmiddlewaretoken" not in Client().get("/").content.decode()
    assert "csrfmiddlewaretoken" not in Client().get("/").content.decode()


def test_the_message_shown_after_signing_out_is_not_cached_for_others(client, officer_wang):
    client.force_login(officer_wang)
    client.post("/accounts/logout/")
    shown = client.get("/").content.decode()
    assert 'class="messages"' in shown
    assert 'class="messages"' not in Client().get("/").content.decode()
    assert 'class="messages"' not in Client().get("/").content.decode()


def test_a_page_behind_a_password_is_never_cached(client):
    about = StandardPage.objects.get(slug="about")
    PageViewRestriction.objects.create(page=about, restriction_type=PageViewRestriction.PASSWORD, password="mima")
    form = client.get("/about/")
    assert "X-Public-Cache" not in form or form["X-Public-Cache"] == "miss"
    assert client.get("/about/")["X-Public-Cache"] == "miss"


def test_a_page_opened_with_its_password_is_not_shown_to_the_next_visitor(client):
    about = StandardPage.objects.get(slug="about")
    restriction = PageViewRestriction.objects.create(
        page=about, restriction_type=PageViewRestriction.PASSWORD, password="mima"
    )
    client.post(f"/_util/authenticate_with_password/{restriction.pk}/{about.pk}/",
                {"password": "mima", "return_url": "/about/"})
    assert "创建流程" in client.get("/about/").content.decode()
    assert "创建流程" not in Client().get("/about/").content.decode()


def test_the_cache_can_be_switched_off_for_the_wagtail_pages(client, settings):
    settings.PUBLIC_CACHE_SECONDS = 0
    client.get("/")
    assert "X-Public-Cache" not in client.get("/")
