import pytest
from django.contrib.auth.models import Group

from .factories import BusinessFactory, county

pytestmark = pytest.mark.django_db


@pytest.fixture
def county_staff(client, county_officer):
    county_officer.groups.add(Group.objects.get(name="县区局工作人员"))
    client.force_login(county_officer)
    return client


def test_a_county_officer_lists_only_businesses_of_their_county(county_staff):
    BusinessFactory(name="柞水本县商店")
    BusinessFactory(name="商州外县商店", region=county("商州区"))
    html = county_staff.get("/admin/business/").content.decode()
    assert "柞水本县商店" in html
    assert "商州外县商店" not in html


def test_a_county_officer_cannot_open_another_countys_business_in_the_admin(county_staff):
    other = BusinessFactory(name="商州外县商店", region=county("商州区"))
    response = county_staff.get(f"/admin/business/edit/{other.pk}/")
    assert response.status_code in (302, 403, 404)
    assert "商州外县商店" not in response.content.decode()


def test_a_county_officer_can_edit_a_business_of_their_county(county_staff):
    own = BusinessFactory(name="柞水本县商店")
    assert county_staff.get(f"/admin/business/edit/{own.pk}/").status_code == 200


def test_a_county_officer_cannot_manage_rounds(county_staff):
    assert county_staff.get("/admin/round/").status_code in (302, 403)
