"""The staff pages stay light for the city officer: no Wagtail editing bar outside the CMS pages (issue 13)."""

import re

import pytest
from django.contrib.auth.models import Group
from django.contrib.staticfiles import finders

from certification.roles import CITY_OFFICERS

pytestmark = pytest.mark.django_db

LIMIT = 100 * 1024


def page_weight(client, path):
    """The HTML plus every stylesheet and script it references from this site, in bytes."""
    response = client.get(path)
    assert response.status_code == 200
    html = response.content.decode()
    total = len(response.content)
    for url in set(re.findall(r'(?:href|src)="(?://[^/"]+)?(/static/[^"?#]+)', html)):
        if url.endswith((".css", ".js")):
            found = finders.find(url.removeprefix("/static/"))
            assert found, url
            with open(found, "rb") as file:
                total += len(file.read())
    return total


@pytest.fixture
def city_staff(client, city_officer):
    city_officer.groups.add(Group.objects.get(name=CITY_OFFICERS))  # may edit the CMS: the bar would show
    client.force_login(city_officer)
    return client


@pytest.mark.parametrize("path", ["/staff/", "/staff/notice/", "/staff/naming/", "/staff/complaints/"])
def test_a_staff_page_weighs_under_100_kb_for_the_city_officer(city_staff, path):
    assert page_weight(city_staff, path) < LIMIT


def test_the_staff_work_list_has_no_wagtail_editing_bar(city_staff):
    assert "w-userbar" not in city_staff.get("/staff/").content.decode()


def test_a_cms_page_keeps_the_editing_bar_for_the_city_officer(city_staff):
    assert "w-userbar" in city_staff.get("/criteria/").content.decode()
