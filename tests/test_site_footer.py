"""Every page's header and footer: the directory search, 12315 to tap, and the bureau's details
from settings (网站标识码 and 备案号 only when configured)."""

import pytest

pytestmark = pytest.mark.django_db


def home(client):
    return client.get("/").content.decode()


def test_12315_is_a_tap_to_call_link(client):
    assert '<a class="footer-hotline" href="tel:12315">' in home(client)


def test_the_header_searches_the_directory_from_every_page(client):
    page = client.get("/criteria/").content.decode()
    assert '<form class="site-search" method="get" action="/units/" role="search" aria-label="全站搜索">' in page


def test_the_bureaus_address_and_phone_are_shown_when_configured(client, settings):
    settings.SITE_OFFICE = {**settings.SITE_OFFICE, "address": "商洛市商州区北新街1号", "phone": "0914-2312345"}
    page = home(client)
    assert "地址：商洛市商州区北新街1号" in page and '<a href="tel:09142312345">0914-2312345</a>' in page


def test_no_site_code_or_record_number_is_shown_when_none_is_configured(client, settings):
    settings.SITE_OFFICE = {**settings.SITE_OFFICE, "site_code": "", "icp": "", "police_record": ""}
    page = home(client)
    assert "网站标识码" not in page and "ICP" not in page


def test_the_site_code_and_record_number_are_shown_when_configured(client, settings):
    settings.SITE_OFFICE = {**settings.SITE_OFFICE, "site_code": "6110000001", "icp": "陕ICP备12345678号"}
    page = home(client)
    assert "网站标识码：6110000001" in page and "陕ICP备12345678号" in page
