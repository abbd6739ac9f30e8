"""The client's address behind a reverse proxy: one setting (TRUSTED_PROXY_COUNT), read through django-ipware,
used by the rate limits (django-ratelimit), the login lockout (django-axes) and allauth alike."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from allauth.account.adapter import get_adapter
from django.test import RequestFactory

from certification.http import client_ip

from . import flows
from .factories import CertificateFactory, UserFactory

pytestmark = pytest.mark.django_db

OBJECTION = {"name": "李群众", "contact": "13800000000", "text": "今年9月购买商品时多收费12元，至今未退。",
             "website": ""}
COMPLAINT = {"category": "price", "text": "收银台多收了我五元钱，要求退还。", "website": ""}
NGINX = "127.0.0.1"


@pytest.fixture
def behind_nginx(settings):
    settings.TRUSTED_PROXY_COUNT = 1


@pytest.fixture
def certificate(db):
    return CertificateFactory()


def lookup(client, certificate, forwarded=None, **extra):
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return client.get("/verify/", {"number": certificate.number}, REMOTE_ADDR=NGINX, **extra)


def address(forwarded=None, remote=NGINX):
    meta = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        meta["HTTP_X_FORWARDED_FOR"] = forwarded
    return client_ip(RequestFactory().get("/", **meta))


def test_without_a_trusted_proxy_the_address_is_the_connections_own():
    assert address(forwarded="203.0.113.9", remote="198.51.100.7") == "198.51.100.7"


def test_behind_nginx_the_address_is_the_one_nginx_appended(behind_nginx):
    assert address(forwarded="203.0.113.9") == "203.0.113.9"


def test_behind_nginx_an_entry_the_client_forged_in_front_is_ignored(behind_nginx):
    assert address(forwarded="8.8.8.8, 203.0.113.9") == "203.0.113.9"


def test_behind_two_proxies_the_address_is_the_one_the_outer_proxy_saw(settings):
    settings.TRUSTED_PROXY_COUNT = 2
    assert address(forwarded="8.8.8.8, 203.0.113.9, 10.0.0.2") == "203.0.113.9"


@pytest.mark.parametrize("forwarded", ["", "not-an-address", "999.1.1.1", "unknown, ,", "[::1", "1.2.3.4.5"])
def test_a_malformed_forwarded_header_falls_back_to_the_connections_address(behind_nginx, forwarded):
    assert address(forwarded=forwarded) == NGINX


def test_a_request_without_any_address_still_gets_one(behind_nginx):
    assert address(remote="") == "0.0.0.0"


def test_allauth_keys_its_limits_on_the_same_address(behind_nginx):
    request = RequestFactory().get("/", REMOTE_ADDR=NGINX, HTTP_X_FORWARDED_FOR="8.8.8.8, 203.0.113.9")
    assert get_adapter(request).get_client_ip(request) == "203.0.113.9"


def test_behind_nginx_each_client_has_its_own_lookup_limit(client, certificate, behind_nginx, settings):
    settings.VERIFY_RATELIMIT = "2/m"
    for _ in range(2):
        lookup(client, certificate, forwarded="203.0.113.9")
    assert lookup(client, certificate, forwarded="203.0.113.9").status_code == 429
    assert lookup(client, certificate, forwarded="198.51.100.7").status_code == 200


def test_a_forged_forwarded_header_does_not_escape_the_limit_without_a_trusted_proxy(client, certificate, settings):
    settings.VERIFY_RATELIMIT = "2/m"
    statuses = [lookup(client, certificate, forwarded=f"203.0.113.{i}").status_code for i in range(3)]
    assert statuses == [200, 200, 429]


@pytest.fixture
def public_posts_and_gets(county_officer, certificate):
    candidate = flows.on_notice(county_officer)
    unit = certificate.application
    return [
        ("get", "/verify/", {"number": certificate.number}),
        ("get", f"/v/{certificate.token}/", {}),
        ("get", f"/v/{certificate.token}/pdf/", {}),
        ("post", f"/notices/objection/{candidate.pk}/", OBJECTION),
        ("post", f"/units/{unit.pk}/complaint/", COMPLAINT),
    ]


@pytest.mark.parametrize("headers", [
    {},
    {"HTTP_X_FORWARDED_FOR": "not-an-address"},
    {"HTTP_X_FORWARDED_FOR": "", "REMOTE_ADDR": ""},
    {"HTTP_X_REAL_IP": "<script>", "HTTP_X_FORWARDED_FOR": "1.1.1.1, , x"},
], ids=["no header", "not an address", "nothing at all", "garbage"])
def test_rate_limited_public_pages_answer_normally_whatever_the_address_headers(
    client, behind_nginx, public_posts_and_gets, headers
):
    statuses = [getattr(client, method)(url, data, **{"REMOTE_ADDR": NGINX, **headers}).status_code
                for method, url, data in public_posts_and_gets]
    assert statuses == [200] * 5


def test_behind_nginx_failed_logins_of_one_client_do_not_lock_out_another(client, behind_nginx, settings):
    settings.AXES_FAILURE_LIMIT = 3
    UserFactory(username="city", email="city@example.com")
    for _ in range(3):
        client.post("/accounts/login/", {"login": "city", "password": "wrong"},
                    REMOTE_ADDR=NGINX, HTTP_X_FORWARDED_FOR="203.0.113.9")
    response = client.post("/accounts/login/", {"login": "city", "password": "pass-1234-word"},
                           REMOTE_ADDR=NGINX, HTTP_X_FORWARDED_FOR="198.51.100.7")
    assert response.status_code == 302


def test_behind_nginx_the_client_that_guessed_is_locked_out(client, behind_nginx, settings):
    settings.AXES_FAILURE_LIMIT = 3
    UserFactory(username="city", email="city@example.com")
    for _ in range(3):
        client.post("/accounts/login/", {"login": "city", "password": "wrong"},
                    REMOTE_ADDR=NGINX, HTTP_X_FORWARDED_FOR="203.0.113.9")
    response = client.post("/accounts/login/", {"login": "city", "password": "pass-1234-word"},
                           REMOTE_ADDR=NGINX, HTTP_X_FORWARDED_FOR="8.8.8.8, 203.0.113.9")
    assert response.status_code == 429


def test_the_old_ratelimit_header_setting_is_refused_with_a_pointer_to_its_replacement():
    env = {**os.environ, "RATELIMIT_IP_META_KEY": "HTTP_X_REAL_IP", "DJANGO_SETTINGS_MODULE": "config.settings"}
    result = subprocess.run([sys.executable, "-c", "from django.conf import settings; settings.DEBUG"], env=env,
                            capture_output=True, text=True, cwd=Path(__file__).resolve().parent.parent)
    assert result.returncode != 0 and "TRUSTED_PROXY_COUNT" in result.stderr
