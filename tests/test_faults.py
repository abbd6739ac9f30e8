"""Faults: the database going away gives a Chinese 503 and recovers by itself; /healthz for the load balancer."""

import json
import socket
from unittest import mock

import pytest
from django.db import InterfaceError, OperationalError
from django.test import Client

pytestmark = pytest.mark.django_db

EXECUTE = "django.db.backends.utils.CursorWrapper.execute"


@pytest.fixture
def browser():
    """A client that gets the error page, as a browser would, instead of the exception."""
    return Client(raise_request_exception=False)


def refused_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.mark.parametrize("error", [OperationalError("server closed the connection unexpectedly"),
                                   InterfaceError("connection already closed")], ids=["operational", "interface"])
def test_a_request_caught_by_a_database_restart_gets_a_chinese_503(browser, error):
    with mock.patch(EXECUTE, side_effect=error):
        response = browser.get("/units/")
    assert response.status_code == 503
    assert "服务暂时不可用" in response.content.decode()


def test_the_503_page_asks_to_retry_and_is_not_cached(browser):
    with mock.patch(EXECUTE, side_effect=OperationalError("the database system is starting up")):
        response = browser.get("/units/")
    assert response["Retry-After"] == "30" and response["Cache-Control"] == "no-store"


def test_a_signed_in_users_request_gets_the_503_page_while_no_query_can_run(browser, county_officer):
    browser.force_login(county_officer)
    with mock.patch(EXECUTE, side_effect=OperationalError("could not connect to server")):
        response = browser.get("/staff/")
    assert response.status_code == 503


def test_any_other_error_is_still_a_chinese_500(browser):
    with mock.patch("certification.views.directory.render", side_effect=ValueError("a bug")):
        response = browser.get("/units/")
    assert response.status_code == 500
    assert "系统繁忙" in response.content.decode()


def test_the_health_check_answers_200_when_database_and_cache_answer(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert json.loads(response.content) == {"status": "ok", "database": "ok", "cache": "ok"}


def test_the_health_check_answers_503_when_the_database_does_not(client):
    with mock.patch(EXECUTE, side_effect=OperationalError("connection refused")):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert json.loads(response.content) == {"status": "unavailable", "database": "error", "cache": "ok"}


def test_the_health_check_answers_503_when_the_cache_does_not(client, settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache",
                                   "LOCATION": f"redis://127.0.0.1:{refused_port()}/5"}}
    response = client.get("/healthz")
    assert response.status_code == 503
    assert json.loads(response.content)["cache"] == "error"


def test_the_health_check_needs_no_known_host_name_and_no_https(client, settings):
    settings.ALLOWED_HOSTS = ["fangxin.example.gov.cn"]
    settings.SECURE_SSL_REDIRECT = True
    assert client.get("/healthz", HTTP_HOST="10.1.2.3:8000").status_code == 200


def test_the_health_check_tells_nothing_but_its_status(client):
    assert set(json.loads(client.get("/healthz").content)) == {"status", "database", "cache"}
