"""The Wagtail admin is the city bureau's: county officers work in the scoped staff area instead."""

import pytest
from django.contrib.auth.models import Group

from certification.models import Business

from .factories import BusinessFactory, county

pytestmark = pytest.mark.django_db


@pytest.fixture
def county_staff(client, county_officer):
    county_officer.groups.add(Group.objects.get(name="县区局工作人员"))
    client.force_login(county_officer)
    return client


@pytest.fixture
def city_staff(client, city_officer):
    city_officer.groups.add(Group.objects.get(name="市局工作人员"))
    client.force_login(city_officer)
    return client


@pytest.mark.parametrize("url", ["/admin/", "/admin/business/", "/admin/reports/site-history/", "/admin/round/"])
def test_a_county_officer_has_no_wagtail_admin_access(county_staff, url):
    response = county_staff.get(url)
    assert (response.status_code, response["Location"]) == (302, "/staff/")  # their own area, not a login form


def test_a_county_officer_cannot_open_another_countys_business_in_the_admin(county_staff):
    other = BusinessFactory(name="商州外县商店", region=county("商州区"))
    url = f"/admin/business/edit/{other.pk}/"
    response = county_staff.get(url)
    assert (response.status_code, response["Location"]) == (302, "/staff/")
    assert "商州外县商店" not in response.content.decode()


def test_a_county_officers_post_to_the_admin_changes_nothing(county_staff):
    other = BusinessFactory(name="商州外县商店", region=county("商州区"))
    url = f"/admin/business/edit/{other.pk}/"
    response = county_staff.post(url, {"name": "改名商店", "address": other.address, "uscc": other.uscc})
    assert (response.status_code, response["Location"]) == (302, "/staff/")
    assert Business.objects.get(pk=other.pk).name == "商州外县商店"


def test_a_city_officer_lists_businesses_of_every_county(city_staff):
    BusinessFactory(name="柞水本县商店")
    BusinessFactory(name="商州外县商店", region=county("商州区"))
    html = city_staff.get("/admin/business/").content.decode()
    assert "柞水本县商店" in html and "商州外县商店" in html


@pytest.mark.parametrize("view", ["edit", "history", "usage"])
def test_a_city_officer_opens_a_businesss_admin_pages(city_staff, view):
    business = BusinessFactory(name="柞水本县商店")
    assert city_staff.get(f"/admin/business/{view}/{business.pk}/").status_code == 200


def test_removing_a_permission_from_a_role_takes_it_from_the_group():
    from django.contrib.auth.models import Permission

    from certification.roles import COUNTY_OFFICERS, sync_role_groups

    group = Group.objects.get(name=COUNTY_OFFICERS)
    group.permissions.add(Permission.objects.get(codename="change_business"))
    sync_role_groups()
    assert not group.permissions.filter(codename="change_business").exists()
