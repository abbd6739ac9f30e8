"""API keys: the city bureau issues them in the admin (shown once, stored hashed), revokes them; each
key has its own rate (429 JSON over it) and its use is counted per day."""

import hashlib

import pytest
from django.contrib.auth.models import Group

from certification.models import ApiKey, ApiUsage
from certification.services import api_keys

from .api import API, issued_key, title, with_key

pytestmark = pytest.mark.django_db


@pytest.fixture
def city_staff(client, city_officer):
    city_officer.groups.add(Group.objects.get(name="市局工作人员"))
    client.force_login(city_officer)
    return client


@pytest.fixture
def county_staff(client, county_officer):
    county_officer.groups.add(Group.objects.get(name="县区局工作人员"))
    client.force_login(county_officer)
    return client


def issue_in_admin(client, **fields):
    data = {"organisation": "某外卖平台", "contact": "李工 13800000000", "rate_limit": "60", "active": "on", **fields}
    return client.post("/admin/apikey/new/", data)


def shown_key(response):
    page = response.content.decode()
    start = page.index('<code class="api-secret">') + len('<code class="api-secret">')
    return page[start:page.index("</code>", start)]


def test_a_city_officer_issues_a_key_and_sees_it_once(city_staff):
    response = issue_in_admin(city_staff)
    assert response.status_code == 200
    raw = shown_key(response)
    key = ApiKey.objects.get()
    assert key.organisation == "某外卖平台"
    assert raw not in city_staff.get(f"/admin/apikey/edit/{key.pk}/").content.decode()
    assert raw not in city_staff.get("/admin/apikey/").content.decode()


def test_the_key_list_and_the_new_key_form_read_in_chinese(city_staff):
    from .english import english_words

    issue_in_admin(city_staff)
    english = {word for path in ("/admin/apikey/", "/admin/apikey/new/")
               for word in english_words(city_staff.get(path, HTTP_ACCEPT_LANGUAGE="en-US").content.decode())}
    assert not english & {"True", "False", "New"}


def test_only_the_keys_hash_is_stored(city_staff):
    raw = shown_key(issue_in_admin(city_staff))
    key = ApiKey.objects.get()
    assert key.key_hash == hashlib.sha256(raw.encode()).hexdigest()
    assert raw not in str(ApiKey.objects.values().get())


def test_the_issued_key_opens_the_bulk_lookup(city_staff, client):
    raw = shown_key(issue_in_admin(city_staff))
    client.logout()
    response = client.post(f"{API}/verify/bulk", {"ids": ["2020县1"]}, content_type="application/json",
                           **with_key(raw))
    assert response.status_code == 200


@pytest.mark.parametrize("url", ["/admin/apikey/", "/admin/apikey/new/", "/admin/webhooksubscription/",
                                 "/admin/webhookdelivery/", "/admin/apiusage/"])
def test_a_county_officer_cannot_manage_keys_or_see_deliveries(county_staff, url):
    assert county_staff.get(url).status_code in (302, 403)


def test_a_county_officer_with_the_admin_permission_still_cannot_issue_keys(client, county_officer):
    from django.contrib.auth.models import Permission

    county_officer.user_permissions.add(*Permission.objects.filter(codename__in=["access_admin", "add_apikey"]))
    client.force_login(county_officer)
    assert issue_in_admin(client).status_code in (302, 403)
    assert not ApiKey.objects.exists()


def test_revoking_a_key_in_the_admin_refuses_it_at_once(city_staff, client):
    key, raw = issued_key()
    response = city_staff.post(f"/admin/apikey/edit/{key.pk}/", {
        "organisation": key.organisation, "contact": key.contact, "rate_limit": key.rate_limit})
    assert response.status_code == 302
    key.refresh_from_db()
    assert not key.active and key.revoked_at is not None
    client.logout()
    response = client.get(f"{API}/units", **with_key(raw))
    assert response.status_code == 401
    assert "撤销" in response.json()["detail"]


def test_a_key_cannot_be_deleted_only_revoked(city_staff):
    key, _ = issued_key()
    city_staff.post(f"/admin/apikey/delete/{key.pk}/")
    assert ApiKey.objects.filter(pk=key.pk).exists()


def test_an_unknown_key_is_refused_not_read_as_anonymous(client):
    response = client.get(f"{API}/units", **with_key("fx_not-a-key"))
    assert response.status_code == 401


def test_over_its_rate_a_key_gets_429_json_with_retry_after(client):
    _, raw = issued_key(rate_limit=2)
    codes = [client.get(f"{API}/units", **with_key(raw)).status_code for _ in range(3)]
    assert codes == [200, 200, 429]
    response = client.get(f"{API}/units", **with_key(raw))
    assert response["Retry-After"] == "60"
    assert "频繁" in response.json()["detail"]


def test_one_keys_rate_does_not_spend_anothers(client):
    _, first = issued_key(rate_limit=1)
    _, second = issued_key(rate_limit=1, organisation="某银行")
    client.get(f"{API}/units", **with_key(first))
    assert client.get(f"{API}/units", **with_key(second)).status_code == 200


def test_anonymous_single_lookups_are_limited_by_address(client, settings):
    settings.API_ANON_RATELIMIT = "2/m"
    certificate = title("valid", 1)
    codes = [client.get(f"{API}/certificates/verify", {"number": certificate.number}).status_code for _ in range(3)]
    assert codes == [200, 200, 429]


def test_use_is_counted_per_key_and_day_with_refusals_apart(client):
    key, raw = issued_key(rate_limit=3)
    for _ in range(5):
        client.get(f"{API}/units", **with_key(raw))
    usage = ApiUsage.objects.get(key=key)
    assert (usage.requests, usage.limited) == (3, 2)


def test_counting_adds_to_the_days_row_atomically():
    key, _ = issued_key()
    for _ in range(3):
        api_keys.count_use(key)
    assert ApiUsage.objects.get(key=key).requests == 3
