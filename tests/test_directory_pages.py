"""The public directory's pages: size, page numbers and links, over 25 named units built once for the module
(in a transaction rolled back at the end; every test here only reads)."""

import pytest

from .matrix import built_once
from .test_directory import listed, named_unit

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def twenty_five_units(django_db_setup, django_db_blocker):
    with built_once(django_db_blocker, lambda: [named_unit(f"分页测试酒店{n:02d}") for n in range(25)]) as units:
        yield units


def test_a_page_shows_twenty_units_by_default(client, twenty_five_units):
    response = client.get("/units/")
    assert len(response.context["units"]) == 20


def test_the_second_page_shows_the_rest(client, twenty_five_units):
    response = client.get("/units/?page=2")
    assert len(response.context["units"]) == 5


@pytest.mark.parametrize("size", [10, 50])
def test_the_page_size_can_be_chosen(client, twenty_five_units, size):
    response = client.get(f"/units/?page_size={size}")
    assert len(response.context["units"]) == min(size, 25)


def test_pagination_links_keep_the_filters(client, twenty_five_units):
    page = listed(client, "?sector=retail&page_size=10")
    assert "?sector=retail&amp;page_size=10&amp;page=2" in page


def test_a_page_number_past_the_end_shows_the_last_page(client, twenty_five_units):
    response = client.get("/units/?page=99")
    assert response.context["page_obj"].number == 2


def test_a_page_number_that_is_not_a_number_shows_the_first_page(client, twenty_five_units):
    response = client.get("/units/?page=abc")
    assert response.context["page_obj"].number == 1
