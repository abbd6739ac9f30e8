"""The search copies on each application follow its business (saved through services.businesses, from
the portal or the admin), and a search page costs a constant number of queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from certification.models import Application
from certification.selectors.public import search_units, units_in_force
from certification.services import businesses

from .factories import county
from .searching import listed, named_unit

pytestmark = pytest.mark.django_db


def test_a_changed_address_is_found(client):
    business = named_unit("商洛百货").business
    business.address = "通江路99号"
    businesses.save_profile(business)
    assert listed(client, "通江路") == ["商洛百货"]


def test_a_business_moved_to_another_county_is_found_by_the_new_county(client):
    business = named_unit("龙驹寨大酒店", county_name="柞水县").business
    business.region = county("丹凤县")
    businesses.save_profile(business)
    assert listed(client, "丹凤 酒店") == ["龙驹寨大酒店"]


def test_a_business_moved_to_another_county_is_no_longer_found_by_the_old_one(client):
    business = named_unit("龙驹寨大酒店", county_name="柞水县").business
    business.region = county("丹凤县")
    businesses.save_profile(business)
    assert listed(client, "柞水 酒店") == []


def test_a_new_application_gets_the_copies_of_its_business(db):
    unit = named_unit("商洛市華潤超市")
    assert Application.objects.get(pk=unit.pk).search_name == "商洛市华润超市"


def test_the_selector_finds_what_the_page_finds(db):
    unit = named_unit("商洛市华润万家超市有限公司")
    assert list(search_units(units_in_force(), "huarun wanjia").values_list("pk", flat=True)) == [unit.pk]


@pytest.mark.parametrize("term", ["超市", "丹凤 酒店 商洛 huarun hrwj 超市", "商洛华润万佳", "h"])
def test_a_search_page_costs_as_many_queries_as_the_plain_directory(client, term):
    for n in range(25):
        named_unit(f"商洛华润万家超市第{n}分店")
    client.get("/units/", {"sort": "name"})  # a first visit reads the filter choices, kept until titles change
    counts = []
    for query in ({}, {"q": term}, {"q": term, "page": 2}):
        with CaptureQueriesContext(connection) as queries:
            client.get("/units/", query)
        counts.append(len(queries))
    assert counts[1] == counts[2] == counts[0]
