"""The public directory of named units: who is listed, filters, sorting, pagination, query count."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from certification.models import Industry, Level, State

from .factories import ApplicationFactory, CertificateFactory, RoundFactory, county

pytestmark = pytest.mark.django_db


def named_unit(name, county_name="柞水县", sector="retail", level=Level.COUNTY, year=None, named_on=None, **cert):
    """A named unit with a valid certificate (an Application in state named)."""
    application = {
        "business__name": name, "business__region": county(county_name),
        "business__industry": Industry.objects.get(code=sector), "level_requested": level,
    }
    if year:
        application["round"] = RoundFactory(year=year)
    if named_on:
        application["named_on"] = named_on
    return CertificateFactory(**{f"application__{k}": v for k, v in application.items()}, **cert).application


def listed(client, query=""):
    return client.get(f"/units/{query}").content.decode()


def test_the_directory_lists_a_named_unit_in_force(client):
    named_unit("柞水秦岭人家大酒店")
    assert "柞水秦岭人家大酒店" in listed(client)


def test_the_directory_links_each_unit_to_its_page(client):
    unit = named_unit("柞水秦岭人家大酒店")
    assert f'href="/units/{unit.pk}/"' in listed(client)


def test_the_directory_leaves_out_a_candidate_in_public_notice(client):
    ApplicationFactory(in_notice=True, business__name="公示中的候选超市")
    assert "公示中的候选超市" not in listed(client)


def test_the_directory_leaves_out_a_revoked_unit(client):
    unit = named_unit("已撤销称号的超市", revoked_on=timezone.localdate(), revoked_reason="价格欺诈")
    unit.state = State.REVOKED
    unit.save()
    assert "已撤销称号的超市" not in listed(client)


def test_the_directory_leaves_out_a_unit_whose_certificate_is_revoked(client):
    named_unit("证书已撤销的超市", revoked_on=timezone.localdate())
    assert "证书已撤销的超市" not in listed(client)


def test_the_directory_leaves_out_a_unit_whose_certificate_has_expired(client):
    named_unit("证书已到期的超市", valid_until=timezone.localdate() - datetime.timedelta(days=1))
    assert "证书已到期的超市" not in listed(client)


def test_the_directory_keeps_a_unit_under_review(client):
    unit = named_unit("复核中的超市")
    unit.state = State.UNDER_REVIEW
    unit.save()
    assert "复核中的超市" in listed(client)


def test_the_directory_says_how_many_units_it_found(client):
    for n in range(3):
        named_unit(f"示范超市{n}")
    assert "共 <strong>3</strong> 家" in listed(client)


def test_the_county_filter_keeps_only_that_countys_units(client):
    named_unit("柞水县的超市", county_name="柞水县")
    named_unit("商州区的超市", county_name="商州区")
    page = listed(client, "?county=611002")
    assert "商州区的超市" in page and "柞水县的超市" not in page


def test_the_sector_filter_keeps_only_that_sectors_units(client):
    named_unit("柞水农商银行", sector="finance")
    named_unit("柞水百货超市", sector="retail")
    page = listed(client, "?sector=finance")
    assert "柞水农商银行" in page and "柞水百货超市" not in page


def test_the_level_filter_keeps_only_city_level_units(client):
    named_unit("市级示范酒店", level=Level.CITY)
    named_unit("县级示范酒店", level=Level.COUNTY)
    page = listed(client, "?level=city")
    assert "市级示范酒店" in page and "县级示范酒店" not in page


def test_the_year_filter_keeps_only_units_of_that_round(client):
    named_unit("二〇二〇年命名的酒店", year=2020)
    named_unit("今年命名的酒店")
    page = listed(client, "?year=2020")
    assert "二〇二〇年命名的酒店" in page and "今年命名的酒店" not in page


def test_county_and_sector_filters_combine(client):
    named_unit("商州区的银行", county_name="商州区", sector="finance")
    named_unit("商州区的超市", county_name="商州区", sector="retail")
    named_unit("柞水县的银行", county_name="柞水县", sector="finance")
    page = listed(client, "?county=611002&sector=finance")
    assert "商州区的银行" in page
    assert "商州区的超市" not in page and "柞水县的银行" not in page


def test_level_and_year_filters_combine(client):
    named_unit("二〇二〇年市级单位", level=Level.CITY, year=2020)
    named_unit("二〇二〇年县级单位", level=Level.COUNTY, year=2020)
    named_unit("今年市级单位", level=Level.CITY)
    page = listed(client, "?level=city&year=2020")
    assert "二〇二〇年市级单位" in page
    assert "二〇二〇年县级单位" not in page and "今年市级单位" not in page


def test_an_unknown_filter_value_shows_every_unit_instead_of_failing(client):
    named_unit("柞水秦岭人家大酒店")
    response = client.get("/units/?county=999999&level=galaxy&year=abc&sort=x&page_size=7")
    assert response.status_code == 200
    assert "柞水秦岭人家大酒店" in response.content.decode()


def test_the_newest_named_unit_comes_first_by_default(client):
    today = timezone.localdate()
    named_unit("早先命名的酒店", named_on=today - datetime.timedelta(days=30))
    named_unit("最近命名的酒店", named_on=today - datetime.timedelta(days=1))
    page = listed(client)
    assert page.index("最近命名的酒店") < page.index("早先命名的酒店")


def test_sorting_by_name_follows_pinyin_order(client):
    named_unit("中心酒店")  # zhong…
    named_unit("安康酒店")  # an…
    named_unit("百姓酒店")  # bai…
    page = listed(client, "?sort=name")
    assert page.index("安康酒店") < page.index("百姓酒店") < page.index("中心酒店")


def test_sorting_by_county_follows_the_administrative_codes(client):
    named_unit("柞水县的酒店", county_name="柞水县")  # 611026
    named_unit("商州区的酒店", county_name="商州区")  # 611002
    page = listed(client, "?sort=county")
    assert page.index("商州区的酒店") < page.index("柞水县的酒店")


def test_the_number_of_queries_does_not_grow_with_the_page_size(client, django_assert_max_num_queries):
    for n in range(50):
        named_unit(f"查询次数测试酒店{n:02d}", county_name=["商州区", "柞水县"][n % 2])
    client.get("/units/")  # the filter choices are read once, then kept until the units in force change
    counts = []
    for size in (10, 50):
        with django_assert_max_num_queries(10), CaptureQueriesContext(connection) as queries:
            response = client.get(f"/units/?page_size={size}")
        assert len(response.context["units"]) == size
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_the_directory_answers_on_a_phone_without_horizontal_tables(client):
    named_unit("柞水秦岭人家大酒店")
    page = listed(client)
    assert 'name="viewport"' in page and 'class="unit-list"' in page


def test_the_county_filter_offers_only_counties_with_a_unit(client):
    named_unit("柞水秦岭人家大酒店")
    page = listed(client)
    assert '<option value="611026">柞水县</option>' in page and ">商州区</option>" not in page


def test_the_sector_and_year_filters_offer_only_what_can_match(client):
    named_unit("柞水秦岭人家大酒店", sector="retail", year=2024)
    RoundFactory(year=2026)
    page = listed(client)
    assert ">2024年</option>" in page and ">2026年</option>" not in page
    assert page.count('<select name="sector"') == 1 and page.count("</option>", page.index('name="sector"'),
                                                                    page.index('name="level"')) == 2


def test_a_county_whose_first_unit_is_named_after_a_visit_is_offered_at_once(client):
    named_unit("柞水秦岭人家大酒店")
    assert ">商州区</option>" not in listed(client)  # the choices are now kept for the next visitors
    named_unit("商州区第一家示范酒店", county_name="商州区")
    assert ">商州区</option>" in listed(client)


def test_a_link_to_a_county_without_units_lists_none(client):
    named_unit("柞水秦岭人家大酒店")
    page = listed(client, "?county=611002")
    assert "柞水秦岭人家大酒店" not in page and '<option value="611002" selected>商州区</option>' in page


def test_the_filters_fold_into_a_details_element_that_a_filter_in_use_opens(client):
    named_unit("柞水秦岭人家大酒店")
    assert '<details class="more-filters" data-open-wide>' in listed(client)
    assert '<details class="more-filters" data-open-wide open>' in listed(client, "?county=611026")
