"""Bad input to every API operation is a 4xx with a JSON body, never a 500."""

import re

import pytest

from .api import API, issued_key, title, with_key

pytestmark = pytest.mark.django_db

BAD_GETS = [
    "/certificates/verify",
    "/certificates/verify?number=",
    "/certificates/verify?number=" + "9" * 500,
    "/certificates/verify?number=%00%ff",
    "/certificates/verify?number=2020%E5%B8%82" + "9" * 40,
    "/certificates/token/" + "x" * 300,
    "/certificates/token/%3Cscript%3E",
    "/units/123",
    "/units/" + "A" * 18,
    "/units/%E4%B8%AD%E6%96%87",
    "/units?limit=0",
    "/units?limit=abc",
    "/units?limit=99999999999999999999999",
    "/units?year=abc",
    "/units?year=-1",
    "/units?level=province",
    "/units?cursor=%%%",
    "/units?cursor=bm90LWEtY3Vyc29y",
    "/units?cursor=" + "a" * 100,
    "/no-such-operation",
]
BAD_BODIES = [
    "", "not json", "[]", "{}", '{"ids": []}', '{"ids": "2020县1"}', '{"ids": [1, 2]}', '{"ids": [null]}',
    '{"ids": ["' + "x" * 300 + '"]}', '{"ids": [["nested"]]}',
]


@pytest.fixture(autouse=True)
def _generous_anonymous_rate(settings):
    settings.API_ANON_RATELIMIT = "1000/m"


@pytest.mark.parametrize("url", BAD_GETS)
def test_a_bad_get_is_a_4xx_with_json(client, url):
    title("valid", 1)
    response = client.get(API + url)
    assert 400 <= response.status_code < 500
    assert response["Content-Type"].startswith("application/json")
    assert response.json()["detail"]


@pytest.mark.parametrize("body", BAD_BODIES)
def test_a_bad_bulk_body_is_a_4xx_with_json(client, body):
    _, raw = issued_key()
    response = client.post(f"{API}/verify/bulk", body, content_type="application/json", **with_key(raw))
    assert 400 <= response.status_code < 500
    assert response.json()["detail"]


@pytest.mark.parametrize("method", ["put", "delete", "patch"])
def test_a_wrong_method_is_a_405_not_a_500(client, method):
    response = getattr(client, method)(f"{API}/units")
    assert response.status_code == 405


def chinese(detail):
    messages = [detail] if isinstance(detail, str) else [item["msg"] for item in detail]
    return all(re.search(r"[\u4e00-\u9fff]", message) for message in messages)


@pytest.mark.parametrize("url", BAD_GETS)
def test_a_bad_get_is_refused_in_chinese(client, url):
    title("valid", 1)
    detail = client.get(API + url).json()["detail"]
    assert chinese(detail), detail


@pytest.mark.parametrize("body", BAD_BODIES)
def test_a_bad_bulk_body_is_refused_in_chinese(client, body):
    _, raw = issued_key()
    response = client.post(f"{API}/verify/bulk", body, content_type="application/json", **with_key(raw))
    assert chinese(response.json()["detail"]), response.json()["detail"]


def test_a_method_an_operation_does_not_take_is_refused_in_chinese_json(client):
    response = client.get(f"{API}/verify/bulk")
    assert response.status_code == 405
    assert response["Allow"] == "POST"
    assert chinese(response.json()["detail"]), response.json()
