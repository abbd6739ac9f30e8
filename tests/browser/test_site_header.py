"""The header on a phone: the menu opens and closes by keyboard, and 大字 is remembered."""

import pytest

from .steps import follow

pytestmark = pytest.mark.browser


def test_the_phone_menu_opens_from_the_keyboard_and_says_so(phone, site):
    page = phone
    page.goto(site.url + "/")
    menu = page.get_by_role("button", name="菜单")
    assert not page.get_by_role("navigation", name="主导航").is_visible()
    menu.focus()
    page.keyboard.press("Enter")

    assert menu.get_attribute("aria-expanded") == "true"
    assert page.get_by_role("link", name="证书查验").is_visible()


def test_escape_closes_the_phone_menu_and_returns_to_its_button(phone, site):
    page = phone
    page.goto(site.url + "/")
    page.get_by_role("button", name="菜单").click()
    page.keyboard.press("Escape")

    assert page.get_by_role("button", name="菜单").get_attribute("aria-expanded") == "false"
    assert page.evaluate("() => document.activeElement.dataset.navToggle !== undefined")


def test_larger_text_stays_on_from_page_to_page(phone, site):
    page = phone
    page.goto(site.url + "/")
    before = page.evaluate("() => parseFloat(getComputedStyle(document.body).fontSize)")
    page.get_by_role("button", name="大字").click()
    page.goto(site.url + "/units/")

    assert page.get_by_role("button", name="大字").get_attribute("aria-pressed") == "true"
    assert page.evaluate("() => parseFloat(getComputedStyle(document.body).fontSize)") > before


def test_the_directory_search_is_in_every_pages_header(desktop, site):
    page = desktop
    page.goto(site.url + "/criteria/")
    page.get_by_role("search", name="全站搜索").get_by_role("searchbox").fill("超市")
    follow(page, page.get_by_role("search", name="全站搜索").get_by_role("button", name="搜索"))

    assert "/units/?q=" in page.url


def test_with_larger_text_the_pages_still_fit_a_phone(phone, site, audit):
    page = phone
    page.goto(site.url + "/")
    page.get_by_role("button", name="大字").click()
    for path in ("/", "/units/", "/criteria/", "/verify/", "/notices/"):
        page.goto(site.url + path)
        assert audit.overflow(page) <= 0, path
