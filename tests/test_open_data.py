"""Open data: CSV (UTF-8 with BOM) and paginated JSON of the named units in force, with stable field names."""

import csv
import datetime
import io
from urllib.parse import quote

import pytest
from django.utils import timezone

from certification.models import Industry, Level

from .factories import ApplicationFactory, CertificateFactory, RoundFactory, county

pytestmark = pytest.mark.django_db

FIELDS = [
    "certificate_number", "name", "uscc", "address", "county", "county_code", "sector", "sector_code", "level",
    "level_name", "year", "named_on", "valid_until", "verify_url", "unit_url", "complaints_received",
    "complaints_substantiated",
]


def named(name, **cert):
    return CertificateFactory(
        application__business__name=name, application__business__region=county("商南县"),
        application__business__industry=Industry.objects.get(code="tourism"), application__level_requested=Level.CITY,
        application__round=RoundFactory(year=2020), application__named_on=datetime.date(2020, 12, 28), **cert,
    )


def csv_rows(client):
    response = client.get("/opendata/units.csv")
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))


def test_the_csv_starts_with_a_utf8_byte_order_mark_for_excel(client):
    named("商南金丝峡旅游开发有限公司")
    assert client.get("/opendata/units.csv").content.startswith("\ufeff".encode())


def test_the_csv_is_offered_as_a_utf8_download(client):
    response = client.get("/opendata/units.csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith("attachment;")


def test_the_csv_header_has_the_documented_field_names(client):
    content = client.get("/opendata/units.csv").content.decode("utf-8-sig")
    assert content.splitlines()[0].split(",") == FIELDS


def test_a_csv_row_describes_the_unit(client):
    certificate = named("商南金丝峡旅游开发有限公司")
    [row] = csv_rows(client)
    assert row["certificate_number"] == certificate.number
    assert row["name"] == "商南金丝峡旅游开发有限公司"
    assert (row["county"], row["county_code"]) == ("商南县", "611023")
    assert (row["sector"], row["sector_code"]) == ("旅游业", "tourism")
    assert (row["level"], row["level_name"], row["year"]) == ("city", "市级", "2020")
    assert row["named_on"] == "2020-12-28"
    assert row["valid_until"] == certificate.valid_until.isoformat()


def test_the_verify_url_carries_the_encoded_certificate_number(client):
    certificate = named("商南金丝峡旅游开发有限公司")
    [row] = csv_rows(client)
    assert row["verify_url"].endswith(f"/verify/?number={quote(certificate.number)}")


def test_the_csv_holds_only_units_in_force(client):
    named("有效的示范单位")
    named("已撤销的示范单位", revoked_on=timezone.localdate())
    named("已到期的示范单位", valid_until=timezone.localdate() - datetime.timedelta(days=1))
    ApplicationFactory(in_notice=True, business__name="公示中的候选单位")
    assert [row["name"] for row in csv_rows(client)] == ["有效的示范单位"]


def test_a_name_that_excel_would_run_as_a_formula_is_neutralised_in_the_csv(client):
    named("=HYPERLINK(\"http://evil\")")
    [row] = csv_rows(client)
    assert row["name"].startswith("'=")


def test_the_json_has_count_next_previous_and_results(client):
    named("商南金丝峡旅游开发有限公司")
    data = client.get("/opendata/units.json").json()
    assert (data["count"], data["next"], data["previous"]) == (1, None, None)
    assert data["results"][0]["name"] == "商南金丝峡旅游开发有限公司"


def test_the_json_results_have_the_documented_field_names(client):
    named("商南金丝峡旅游开发有限公司")
    assert list(client.get("/opendata/units.json").json()["results"][0]) == FIELDS


def test_the_json_is_paginated(client):
    for n in range(3):
        named(f"示范单位{n}")
    first = client.get("/opendata/units.json?page_size=2").json()
    assert len(first["results"]) == 2 and first["count"] == 3
    assert first["next"].endswith("/opendata/units.json?page=2&page_size=2")
    second = client.get("/opendata/units.json?page=2&page_size=2").json()
    assert len(second["results"]) == 1
    assert second["next"] is None and second["previous"].endswith("page=1&page_size=2")


def test_the_json_pages_do_not_overlap(client):
    for n in range(5):
        named(f"示范单位{n}")
    pages = [client.get(f"/opendata/units.json?page={p}&page_size=2").json()["results"] for p in (1, 2, 3)]
    numbers = [unit["certificate_number"] for page in pages for unit in page]
    assert len(numbers) == len(set(numbers)) == 5


def test_the_json_page_size_is_capped(client):
    named("商南金丝峡旅游开发有限公司")
    assert client.get("/opendata/units.json?page_size=100000").json()["page_size"] == 500


def test_a_json_page_that_is_not_a_number_is_a_400_with_a_chinese_message(client):
    response = client.get("/opendata/units.json?page=abc")
    assert response.status_code == 400
    assert "正整数" in response.json()["detail"]


def test_a_json_page_past_the_end_is_a_404(client):
    named("商南金丝峡旅游开发有限公司")
    assert client.get("/opendata/units.json?page=2").status_code == 404


def test_the_json_keeps_chinese_readable(client):
    named("商南金丝峡旅游开发有限公司")
    assert "商南金丝峡旅游开发有限公司" in client.get("/opendata/units.json").content.decode()


def test_the_open_data_page_documents_every_field(client):
    page = client.get("/opendata/").content.decode()
    for field in FIELDS:
        assert f"<code>{field}</code>" in page


def test_the_open_data_page_links_both_formats(client):
    page = client.get("/opendata/").content.decode()
    assert 'href="/opendata/units.csv"' in page and 'href="/opendata/units.json"' in page


def test_the_json_needs_two_queries_whatever_the_page_size(client, django_assert_max_num_queries):
    for n in range(6):
        named(f"示范单位{n}")
    for page_size in (2, 5, 100):
        with django_assert_max_num_queries(2):
            client.get(f"/opendata/units.json?page_size={page_size}")
