"""Each role lands on its own home after signing in; /admin/ is only for those who may use it (issue 13)."""

import pytest
from django.contrib.auth.models import Group

from certification.roles import CITY_OFFICERS

from .factories import UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "pass-1234-word"  # UserFactory's


def sign_in(client, user):
    return client.post("/accounts/login/", {"login": user.username, "password": PASSWORD})


def test_a_county_officer_lands_on_the_staff_work_list(client, county_officer):
    assert sign_in(client, county_officer).url == "/staff/"


def test_a_city_officer_lands_on_the_staff_work_list(client, city_officer):
    assert sign_in(client, city_officer).url == "/staff/"


def test_an_assessor_lands_on_their_assessment_list(client, assessor):
    assert sign_in(client, assessor).url == "/assess/"


def test_a_business_lands_on_its_portal(client, applicant_a):
    assert sign_in(client, applicant_a).url == "/portal/"


def test_a_new_account_lands_on_the_portal_to_register_its_business(client):
    assert sign_in(client, UserFactory(username="newcomer")).url == "/portal/"


def test_a_superuser_lands_in_the_admin(client):
    assert sign_in(client, UserFactory(username="root", is_superuser=True, is_staff=True)).url == "/admin/"


def test_a_next_page_asked_for_still_wins(client, county_officer):
    response = client.post("/accounts/login/?next=/staff/notice/",
                           {"login": county_officer.username, "password": PASSWORD})
    assert response.url == "/staff/notice/"


def test_a_county_officer_opening_the_admin_is_sent_to_the_staff_area(client, county_officer):
    client.force_login(county_officer)
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response.url == "/staff/"


def test_an_assessor_opening_an_admin_page_is_sent_to_their_list(client, assessor):
    client.force_login(assessor)
    assert client.get("/admin/pages/").url == "/assess/"


def test_a_city_officer_may_use_the_admin(client, city_officer):
    city_officer.groups.add(Group.objects.get(name=CITY_OFFICERS))
    client.force_login(city_officer)
    assert client.get("/admin/").status_code == 200


def test_a_visitor_opening_the_admin_gets_the_chinese_sign_in_page(client):
    response = client.get("/admin/", follow=True)
    assert response.redirect_chain[-1][0] == "/accounts/login/?next=%2Fadmin%2F"
    assert "用户名或电子邮箱" in response.content.decode()


def test_a_city_officer_signing_in_for_the_admin_gets_there(client, city_officer):
    city_officer.groups.add(Group.objects.get(name=CITY_OFFICERS))
    response = client.post("/accounts/login/?next=/admin/", {"login": city_officer.username, "password": PASSWORD})
    assert response.url == "/admin/"
