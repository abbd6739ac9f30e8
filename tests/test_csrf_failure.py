"""A form posted without a valid CSRF token gets the site's Chinese page, saying what to do."""

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


@pytest.fixture
def strict_browser():
    return Client(enforce_csrf_checks=True, HTTP_ACCEPT_LANGUAGE="en")


def test_a_public_form_posted_without_its_token_gets_a_chinese_403(strict_browser):
    response = strict_browser.post("/verify/", {"number": "SL-2020-001"})
    assert response.status_code == 403
    assert "页面已过期" in response.content.decode()


def test_the_csrf_failure_page_tells_the_person_to_go_back_and_refresh(strict_browser):
    response = strict_browser.post("/accounts/login/", {"login": "city", "password": "x"})
    assert "刷新后重新提交" in response.content.decode()


def test_the_csrf_failure_page_is_inside_the_sites_own_layout_and_has_no_english_reason(strict_browser):
    body = strict_browser.post("/accounts/login/", {"login": "city", "password": "x"}).content.decode()
    assert "商洛市放心消费示范单位" in body
    assert "CSRF verification failed" not in body
