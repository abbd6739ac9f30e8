"""The staff work list: scoped by region, filtered by state, round, county and sector, with counts."""

import pytest

from certification.models import Industry, State

from .factories import ApplicationFactory, BusinessFactory, RoundFactory, county

pytestmark = pytest.mark.django_db


@pytest.fixture
def applications():
    zhashui = [ApplicationFactory(state=State.SUBMITTED, business=BusinessFactory(name=f"柞水申报单位{i}"))
               for i in range(3)]
    zhashui.append(ApplicationFactory(state=State.DRAFT, business=BusinessFactory(name="柞水草稿单位")))
    shangzhou = ApplicationFactory(
        state=State.SUBMITTED,
        business=BusinessFactory(name="商州申报单位", region=county("商州区"),
                                 industry=Industry.objects.get(code="finance")),
    )
    return zhashui, shangzhou


def test_a_county_officer_sees_only_applications_of_their_county(client, county_officer, applications):
    client.force_login(county_officer)
    html = client.get("/staff/").content.decode()
    assert "柞水申报单位0" in html
    assert "商州申报单位" not in html


def test_a_city_officer_sees_every_county(client, city_officer, applications):
    client.force_login(city_officer)
    html = client.get("/staff/").content.decode()
    assert "柞水申报单位0" in html and "商州申报单位" in html


def test_the_work_list_counts_applications_by_state(client, county_officer, applications):
    client.force_login(county_officer)
    response = client.get("/staff/")
    assert response.context["counts"] == {"submitted": 3, "draft": 1, "all": 4}


def test_filtering_by_state_lists_only_that_state(client, county_officer, applications):
    client.force_login(county_officer)
    page = client.get("/staff/", {"state": "draft"}).context["page_obj"]
    assert [a.business.name for a in page] == ["柞水草稿单位"]


def test_filtering_by_sector_and_county_combine(client, city_officer, applications):
    client.force_login(city_officer)
    shangzhou = county("商州区")
    finance = Industry.objects.get(code="finance")
    page = client.get("/staff/", {"county": shangzhou.pk, "sector": finance.pk}).context["page_obj"]
    assert [a.business.name for a in page] == ["商州申报单位"]


def test_filtering_by_round(client, county_officer):
    ApplicationFactory(state=State.SUBMITTED, round=RoundFactory(year=2019), business=BusinessFactory(name="旧批次"))
    ApplicationFactory(state=State.SUBMITTED, business=BusinessFactory(name="新批次"))
    client.force_login(county_officer)
    round_2019 = RoundFactory(year=2019)
    page = client.get("/staff/", {"round": round_2019.pk}).context["page_obj"]
    assert [a.business.name for a in page] == ["旧批次"]


def test_a_county_officer_filtering_on_another_county_gets_a_form_error_not_their_data(
    client, county_officer, applications
):
    client.force_login(county_officer)
    response = client.get("/staff/", {"county": county("商州区").pk})
    assert response.status_code == 200
    assert "商州申报单位" not in response.content.decode()


def test_bad_filter_values_do_not_break_the_page(client, county_officer, applications):
    client.force_login(county_officer)
    assert client.get("/staff/", {"state": "nonsense", "round": "x", "page": "999"}).status_code == 200


def test_the_detail_page_shows_exactly_the_buttons_the_officer_may_use(client, county_officer, applications):
    client.force_login(county_officer)
    html = client.get(f"/staff/applications/{applications[0][0].pk}/").content.decode()
    assert ">受理</button>" in html and ">退回补正</button>" in html and ">不予受理</button>" in html
    assert ">撤回申报</button>" not in html
