"""An uncached render of the Wagtail pages reads a fixed, small number of queries: none per indicator,
none per notice, none per view restriction (issue 14: home and criteria under 10 ms of server time)."""

import pytest
from wagtail.models import PageViewRestriction

from cms.models import AssurancePage, Indicator, NoticeIndexPage, NoticePage

pytestmark = pytest.mark.django_db

# Wagtail's own work: the site (1), the route (2 a level: the child, then its specific row), the view
# restrictions of the page and its ancestors (2).
HOME_QUERIES = 7  # + latest notices, the criteria link, the counts (one query)
CRITERIA_QUERIES = 8  # + the five assurances, their indicators (one prefetch)
ASSURANCE_QUERIES = 9  # + its indicators, read once for the table and the total


@pytest.fixture(autouse=True)
def uncached(settings):
    settings.PUBLIC_CACHE_SECONDS = 0


def publish_notice(title):
    notice = NoticePage(title=title, slug=f"notice-{NoticePage.objects.count()}", kind=NoticePage.Kind.GENERAL)
    NoticeIndexPage.objects.get().add_child(instance=notice)
    notice.save_revision().publish()
    return notice


def add_indicators(page, count):
    start = page.indicators.count()
    for i in range(count):
        page.indicators.add(Indicator(code=f"S{start + i}", text=f"新增指标{i}", max_points=0, sort_order=start + i))
    page.save_revision().publish()


def test_the_home_page_reads_a_fixed_number_of_queries(client, django_assert_max_num_queries):
    for n in range(6):
        publish_notice(f"公告{n}")
    client.get("/")  # warm the per-process lookups (content types)
    with django_assert_max_num_queries(HOME_QUERIES):
        assert client.get("/").status_code == 200


def test_the_criteria_page_reads_a_fixed_number_of_queries(client, django_assert_max_num_queries):
    client.get("/criteria/")
    with django_assert_max_num_queries(CRITERIA_QUERIES):
        assert client.get("/criteria/").status_code == 200


def test_the_criteria_page_reads_no_query_per_indicator(client, django_assert_max_num_queries):
    add_indicators(AssurancePage.objects.get(slug="safety"), 12)
    client.get("/criteria/")
    with django_assert_max_num_queries(CRITERIA_QUERIES):
        html = client.get("/criteria/").content.decode()
    assert "新增指标11" in html


def test_an_assurance_page_reads_its_indicators_once(client, django_assert_max_num_queries):
    add_indicators(AssurancePage.objects.get(slug="safety"), 12)
    client.get("/criteria/safety/")
    with django_assert_max_num_queries(ASSURANCE_QUERIES):
        html = client.get("/criteria/safety/").content.decode()
    assert "新增指标11" in html


def test_a_notice_behind_a_view_restriction_is_not_listed_on_the_home_page(client):
    publish_notice("公开的公告")
    hidden = publish_notice("仅限内部的公告")
    PageViewRestriction.objects.create(page=hidden, restriction_type=PageViewRestriction.LOGIN)
    html = client.get("/").content.decode()
    assert "公开的公告" in html and "仅限内部的公告" not in html


def test_notices_under_a_restricted_index_are_not_listed_on_the_home_page(client):
    publish_notice("索引受限时的公告")
    PageViewRestriction.objects.create(page=NoticeIndexPage.objects.get(), restriction_type=PageViewRestriction.LOGIN)
    assert "索引受限时的公告" not in client.get("/").content.decode()


def test_a_preview_shows_the_indicators_being_edited_not_the_published_ones(rf):
    page = AssurancePage.objects.get(slug="safety")
    page.indicators = [Indicator(code="P1", text="预览中的指标", max_points=7)]
    request = rf.get("/criteria/safety/")
    request.is_preview = True
    page.get_context(request)
    assert [indicator.text for indicator in page.indicators.all()] == ["预览中的指标"]
    assert page.max_points == 7
