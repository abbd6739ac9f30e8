"""The verification API (/api/v1/): each lookup answers the live status for every kind of title."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from certification.selectors import verification

from .api import API, issued_key, title, with_key
from .factories import BusinessFactory, CertificateFactory, RoundFactory

pytestmark = pytest.mark.django_db
STATUSES = ["valid", "under_review", "under_rectification", "revoked", "expired"]


@pytest.fixture(autouse=True)
def _generous_anonymous_rate(settings):
    settings.API_ANON_RATELIMIT = "1000/m"


@pytest.mark.parametrize("status", STATUSES)
def test_verifying_a_number_answers_its_live_status(client, status):
    certificate = title(status, 7)
    response = client.get(f"{API}/certificates/verify", {"number": certificate.number})
    assert response.status_code == 200
    assert response.json()["status"] == status


@pytest.mark.parametrize("typed", ["商洛放心[2020]县字第7号", "（2020）县字007", "2020县7",
                                   " 商洛放心〔２０２０〕县字第００７号 "])
def test_a_number_is_read_in_any_bracket_style(client, typed):
    title("valid", 7)
    assert client.get(f"{API}/certificates/verify", {"number": typed}).json()["certificate_number"] == \
        "商洛放心〔2020〕县字第007号"


def test_a_revoked_title_answers_the_date_and_the_published_reason(client):
    certificate = title("revoked", 9)
    body = client.get(f"{API}/certificates/verify", {"number": certificate.number}).json()
    assert (body["revoked_on"], body["revoked_reason"]) == ("2021-06-01", "经核查存在价格欺诈行为，撤销称号。")
    assert body["in_force"] is False and body["unit_url"] is None


def test_a_title_in_force_answers_its_unit_page_and_verification_urls(client):
    certificate = title("valid", 3)
    body = client.get(f"{API}/certificates/verify", {"number": certificate.number}).json()
    assert body["unit_url"] == f"http://127.0.0.1:8000/units/{certificate.application_id}/"
    assert body["verify_url"].startswith("http://127.0.0.1:8000/verify/?number=")


def test_a_title_under_rectification_states_the_deadline(client):
    certificate = title("under_rectification", 4)
    body = client.get(f"{API}/certificates/verify", {"number": certificate.number}).json()
    assert body["in_force"] is True and "整改期限至" in body["status_explain"]


def test_an_unknown_number_is_a_404_with_a_chinese_reason(client, db):
    response = client.get(f"{API}/certificates/verify", {"number": "商洛放心〔2020〕县字第999号"})
    assert response.status_code == 404
    assert "查无此证书" in response.json()["detail"]


@pytest.mark.parametrize("status", STATUSES)
def test_verifying_a_token_answers_its_live_status(client, status):
    certificate = title(status, 5)
    assert client.get(f"{API}/certificates/token/{certificate.token}").json()["status"] == status


def test_an_unknown_token_is_a_404(client, db):
    assert client.get(f"{API}/certificates/token/not-a-real-token").status_code == 404


@pytest.mark.parametrize("status", STATUSES)
def test_a_unit_is_found_by_its_credit_code(client, status):
    certificate = title(status, 6)
    response = client.get(f"{API}/units/{certificate.application.business.uscc}")
    assert response.json()["status"] == status


def test_a_unit_answers_its_title_in_force_before_an_older_ended_one(client):
    current = title("valid", 2)
    business = current.application.business
    CertificateFactory(application__business=business, application__round=RoundFactory(year=2016),
                       application__state="revoked", revoked_on=datetime.date(2017, 1, 1), revoked_reason="x")
    assert client.get(f"{API}/units/{business.uscc}").json()["certificate_number"] == current.number


def test_a_business_without_a_title_is_a_404(client, db):
    business = BusinessFactory()
    assert client.get(f"{API}/units/{business.uscc}").status_code == 404


def test_a_credit_code_with_a_wrong_check_character_is_a_400_saying_so(client, db):
    code = BusinessFactory().uscc
    wrong = code[:17] + ("0" if code[17] != "0" else "1")
    response = client.get(f"{API}/units/{wrong}")
    assert response.status_code == 400
    assert "校验位" in response.json()["detail"]


# --- bulk ------------------------------------------------------------------------------------


def bulk(client, ids, raw):
    return client.post(f"{API}/verify/bulk", {"ids": ids}, content_type="application/json", **with_key(raw))


def test_bulk_answers_each_id_in_order_with_its_status(client):
    _, raw = issued_key()
    titles = [title(status, n + 1) for n, status in enumerate(STATUSES)]
    ids = [c.number for c in titles] + [titles[0].application.business.uscc, "商洛放心〔2020〕县字第999号", "hello"]
    body = bulk(client, ids, raw).json()
    answers = [(r["kind"], r["found"], r["title"] and r["title"]["status"]) for r in body["results"]]
    assert answers == [("number", True, s) for s in STATUSES] + [
        ("uscc", True, "valid"), ("number", False, None), ("invalid", False, None)]


def queries_of(request):
    with CaptureQueriesContext(connection) as context:
        request()
    return len(context.captured_queries)


def test_bulk_of_100_ids_reads_the_same_few_queries_as_bulk_of_5(client):
    _, raw = issued_key()
    titles = [title(STATUSES[n % 5], n + 1) for n in range(50)]
    ids = [c.number for c in titles] + [c.application.business.uscc for c in titles]
    bulk(client, ids[:1], raw)  # the key's first request of the day creates its usage row
    five = queries_of(lambda: bulk(client, ids[:5], raw))
    hundred = queries_of(lambda: bulk(client, ids, raw))
    assert hundred == five == 4  # the key, its day's count, the certificates, their open rectifications


def test_the_bulk_lookup_itself_is_two_queries(django_assert_num_queries):
    titles = [title(STATUSES[n % 5], n + 1) for n in range(20)]
    with django_assert_num_queries(2):
        results = verification.bulk_lookup([c.number for c in titles])
        [verification.title_answer(c) for _, c in results]


def test_bulk_of_101_ids_is_refused_with_a_json_422(client, db):
    _, raw = issued_key()
    response = bulk(client, [f"2020县{n}" for n in range(1, 102)], raw)
    assert response.status_code == 422
    assert response.json()["detail"]


def test_bulk_without_a_key_is_a_401_with_a_chinese_reason(client, db):
    response = client.post(f"{API}/verify/bulk", {"ids": ["2020县1"]}, content_type="application/json")
    assert response.status_code == 401
    assert "接口密钥" in response.json()["detail"]


# --- the list of named units -------------------------------------------------------------------


def test_the_list_holds_only_titles_in_force(client):
    in_force = [title(s, n + 1) for n, s in enumerate(STATUSES)]
    numbers = {r["certificate_number"] for r in client.get(f"{API}/units").json()["results"]}
    assert numbers == {c.number for c in in_force[:3]}


def test_the_list_pages_with_a_cursor_without_gaps_or_repeats(client):
    titles = [title("valid", n + 1) for n in range(7)]
    seen, url = [], f"{API}/units?limit=3"
    while url:
        body = client.get(url).json()
        seen += [r["certificate_number"] for r in body["results"]]
        url = body["next"]
    assert seen == [c.number for c in titles]


def test_the_list_filters_by_county_sector_level_and_year(client):
    title("valid", 1)
    params = {"county": "611026", "sector": "retail", "level": "county", "year": 2020}
    assert len(client.get(f"{API}/units", params).json()["results"]) == 1
    assert client.get(f"{API}/units", {**params, "year": 2021}).json()["results"] == []


def test_a_page_size_over_100_is_refused(client, db):
    assert client.get(f"{API}/units", {"limit": 101}).status_code == 422


def test_the_list_reads_a_constant_number_of_queries(client, django_assert_max_num_queries):
    [title(STATUSES[n % 3], n + 1) for n in range(30)]
    with django_assert_max_num_queries(2):
        client.get(f"{API}/units")


def test_answers_are_utf8_json_with_readable_chinese(client):
    certificate = title("valid", 1)
    response = client.get(f"{API}/certificates/verify", {"number": certificate.number})
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert "有效".encode() in response.content
