"""Complaint figures: the statistics page (received, closed share, median days to close, money recovered —
in all and by county, sector and year) equals counts computed here from the rows; the unit page shows
substantiated complaints per year; the open data counts complaints per unit, nothing personal."""

import datetime
import statistics
from decimal import Decimal

import pytest
from django.utils import timezone

from certification.models import Complaint

from .complaints import closed, complaint_about, unit_in

pytestmark = pytest.mark.django_db


def at(year, month=3, day=2):
    return timezone.make_aware(datetime.datetime(year, month, day, 10, 0))


@pytest.fixture
def cases(county_officer, city_officer):
    zhashui, shangzhou = unit_in("柞水县"), unit_in("商州区", application__business__industry__code="finance")
    made = []
    for unit, year, outcome in [
        (zhashui, 2024, "300"), (zhashui, 2024, "0"), (zhashui, 2025, None), (shangzhou, 2024, "1200.50"),
        (shangzhou, 2025, "80"), (shangzhou, 2025, None), (zhashui, 2025, "15"),
    ]:
        complaint = complaint_about(unit, received_at=at(year, 1 + len(made)))
        made.append(closed(complaint, city_officer, money=outcome) if outcome is not None else complaint)
    return made


def expected(rows):
    done = [c for c in rows if c.archived_at]
    days = [(timezone.localdate(c.archived_at) - timezone.localdate(c.received_at)).days for c in done]
    return {"received": len(rows), "closed": len(done),
            "closed_share": round(100 * len(done) / len(rows), 1) if rows else None,
            "median_days": statistics.median(days) if days else None,
            "recovered": sum((c.money_recovered for c in done), Decimal(0))}


def figures(client):
    return client.get("/stats/").context["complaints"]


def pick(row):
    return {k: row[k] for k in ("received", "closed", "closed_share", "median_days", "recovered")}


def test_the_totals_equal_the_rows(client, cases):
    assert pick(figures(client)["total"]) == expected(list(Complaint.objects.all()))


def test_the_figures_by_year_equal_the_rows(client, cases):
    by_year = {row["key"]: pick(row) for row in figures(client)["by_year"]}
    assert by_year == {year: expected([c for c in Complaint.objects.all() if c.received_at.year == year])
                       for year in (2024, 2025)}


def test_the_figures_by_county_equal_the_rows(client, cases):
    rows = {row["label"]: pick(row) for row in figures(client)["by_county"] if row["received"]}
    assert rows == {name: expected([c for c in Complaint.objects.select_related("application__business__region")
                                    if c.application.business.region.name == name]) for name in ("柞水县", "商州区")}


def test_the_figures_by_sector_equal_the_rows(client, cases):
    rows = {row["key"]: pick(row) for row in figures(client)["by_sector"] if row["received"]}
    complaints = list(Complaint.objects.select_related("application__business"))
    sectors = {c.application.business.industry_id for c in complaints}
    assert rows == {s: expected([c for c in complaints if c.application.business.industry_id == s]) for s in sectors}


def test_the_page_shows_the_money_recovered(client, cases):
    assert "¥1,596" in client.get("/stats/").content.decode()


def test_the_statistics_keep_their_query_count_however_many_complaints(client, cases, city_officer,
                                                                        django_assert_max_num_queries):
    for n in range(10):
        complaint_about(unit_in(["镇安县", "山阳县"][n % 2]), received_at=at(2023, 1 + n))
    with django_assert_max_num_queries(4):
        client.get("/stats/")


def test_the_unit_page_shows_substantiated_complaints_of_the_last_three_years(client, county_officer):
    unit = unit_in("柞水县")
    closed(complaint_about(unit), county_officer)
    closed(complaint_about(unit), county_officer)
    closed(complaint_about(unit), county_officer, substantiated=False, result="explained", money="0")
    response = client.get(f"/units/{unit.pk}/")
    year = timezone.localdate().year
    assert response.context["substantiated"] == [(year - 2, 0), (year - 1, 0), (year, 2)]
    assert "2 件" in response.content.decode()


def test_the_open_data_counts_complaints_per_unit(client, county_officer):
    unit = unit_in("柞水县")
    closed(complaint_about(unit), county_officer)
    complaint_about(unit)
    [row] = client.get("/opendata/units.json").json()["results"]
    assert (row["complaints_received"], row["complaints_substantiated"]) == (2, 1)


def test_a_cached_statistics_page_shows_a_complaint_closed_since(client, county_officer, settings):
    settings.PUBLIC_CACHE_SECONDS = 300
    case = complaint_about(unit_in("柞水县"))
    assert figures(client)["total"]["closed"] == 0
    closed(case, county_officer)
    assert client.get("/stats/").context["complaints"]["total"]["closed"] == 1


def test_when_the_bureau_moves_a_business_to_another_county_its_complaints_count_there(client):
    from .factories import county

    unit = unit_in("柞水县")
    complaint_about(unit)
    business = unit.business
    business.region = county("镇安县")
    business.save()
    rows = {row["label"]: row["received"] for row in figures(client)["by_county"] if row["received"]}
    assert rows == {"镇安县": 1}
