"""Statistics: titles awarded by year, level, county and sector as inline SVG with the same numbers in tables."""

import datetime
import re

import pytest
from django.utils import timezone

from certification.models import Application, Business, Industry, Level, Region, State

from .factories import CertificateFactory, RoundFactory, county

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_pages(settings):
    """Statistics read from the database on every request here (the cache has its own tests)."""
    settings.PUBLIC_CACHE_SECONDS = 0


def named(county_name="柞水县", sector="retail", level=Level.COUNTY, year=2020, **cert):
    return CertificateFactory(
        application__business__region=county(county_name),
        application__business__industry=Industry.objects.get(code=sector),
        application__level_requested=level, application__round=RoundFactory(year=year), **cert,
    ).application


def stats(client):
    response = client.get("/stats/")
    assert response.status_code == 200
    return response.context["data"]


def row(rows, label):
    return next(r for r in rows if r["label"] == label)


def test_the_statistics_page_draws_its_charts_as_inline_svg_without_scripts(client):
    named()
    page = client.get("/stats/").content.decode()
    assert page.count("<svg") == 5
    # No chart library: the only script is the site's own site.js (menu, 大字), which draws nothing.
    assert re.findall(r"<script[^>]*>", page) == ['<script src="/static/js/site.js" defer>']
    assert "cdn" not in page.lower()


def test_each_chart_has_a_title_for_screen_readers_and_a_table_with_its_numbers(client):
    named()
    page = client.get("/stats/").content.decode()
    assert page.count('role="img"') == 5
    assert page.count("<title id=") == 5
    assert page.count("<table") >= 4


def test_titles_are_counted_by_year_and_level(client):
    named(level=Level.CITY, year=2020)
    named(level=Level.COUNTY, year=2020)
    named(level=Level.COUNTY, year=2020)
    named(level=Level.COUNTY, year=2021)
    by_year = stats(client)["by_year"]
    assert (row(by_year, "2020年")["city"], row(by_year, "2020年")["county"]) == (1, 2)
    assert row(by_year, "2021年")["total"] == 1


def test_titles_are_counted_by_county(client):
    named(county_name="商州区")
    named(county_name="商州区", level=Level.CITY)
    named(county_name="柞水县")
    by_county = stats(client)["by_county"]
    assert row(by_county, "商州区")["total"] == 2
    assert row(by_county, "柞水县")["total"] == 1
    assert row(by_county, "洛南县")["total"] == 0


def test_titles_are_counted_by_sector(client):
    named(sector="finance")
    named(sector="finance")
    named(sector="medical")
    by_sector = stats(client)["by_sector"]
    assert row(by_sector, "金融业")["total"] == 2
    assert row(by_sector, "医疗服务")["total"] == 1


def test_a_revoked_title_counts_as_awarded_but_not_in_force(client):
    unit = named(revoked_on=timezone.localdate())
    unit.state = State.REVOKED
    unit.save()
    named()
    data = stats(client)
    assert (data["awarded_total"], data["in_force_total"]) == (2, 1)


def test_an_expired_title_counts_as_awarded_but_not_in_force(client):
    named(valid_until=timezone.localdate() - datetime.timedelta(days=1))
    data = stats(client)
    assert (data["awarded_total"], data["in_force_total"]) == (1, 0)


def test_the_level_totals_match_the_database(client):
    named(level=Level.CITY)
    named(level=Level.COUNTY)
    named(level=Level.COUNTY)
    by_level = stats(client)["by_level"]
    for entry in by_level:
        assert entry["total"] == Application.objects.filter(level=entry["key"], named_on__isnull=False).count()


def test_the_2020_programme_shows_10_city_and_164_county_units(client):
    round_2020 = RoundFactory(year=2020)
    counties = list(Region.objects.filter(level=Region.Level.COUNTY))
    retail = Industry.objects.get(code="retail")
    businesses = Business.objects.bulk_create([
        Business(uscc=f"9161102{n:010d}X", name=f"示范单位{n}", address="商洛", region=counties[n % 7], industry=retail)
        for n in range(174)
    ])
    Application.objects.bulk_create([
        Application(business=b, round=round_2020, level=Level.CITY if n < 10 else Level.COUNTY,
                    state=State.NAMED, named_on=datetime.date(2020, 12, 28))
        for n, b in enumerate(businesses)
    ])
    page = client.get("/stats/").content.decode()
    year_row = re.search(r"<th scope=\"row\">2020年</th>(.*?)</tr>", page, re.S).group(1)
    assert re.findall(r">(\d+)<", year_row)[:3] == ["10", "164", "174"]


def test_chart_labels_are_escaped(client):
    Industry.objects.create(code="odd", name="<script>x</script>", sort_order=99)
    page = client.get("/stats/").content.decode()
    assert "<script>x</script>" not in page
    assert "&lt;script&gt;" in page


def test_the_statistics_page_needs_at_most_four_queries(client, django_assert_max_num_queries):
    """Titles (one grouped query and two label lists) and complaints (one grouped query)."""
    for n in range(5):
        named(county_name=["商州区", "柞水县"][n % 2])
    with django_assert_max_num_queries(4):
        client.get("/stats/")
