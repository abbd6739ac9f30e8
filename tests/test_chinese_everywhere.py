"""Every page a person reads is Chinese, whatever language their browser asks for (issue 13, item 1)."""

import re

import pytest
from django.contrib.auth.models import Group

from certification.roles import CITY_OFFICERS

from .english import english_words
from .factories import ApplicationFactory, DocumentFactory, RoundFactory, UserFactory

pytestmark = pytest.mark.django_db

ENGLISH_BROWSER = {"HTTP_ACCEPT_LANGUAGE": "en-US,en;q=0.9"}


def words_on(client, path, user=None):
    response = client.get(path, **ENGLISH_BROWSER)
    assert response.status_code == 200
    return english_words(response.content.decode(), own=[user.get_username()] if user else [])


@pytest.mark.parametrize("path", [
    "/accounts/login/", "/accounts/signup/", "/accounts/password/reset/", "/accounts/password/reset/done/",
    "/accounts/confirm-email/", "/accounts/confirm-email/not-a-key/", "/accounts/password/reset/key/1-bad/",
])
def test_account_pages_have_no_english_word_for_an_english_browser(client, path):
    assert words_on(client, path) == []


def test_form_labels_on_the_sign_in_page_carry_no_colon(client):
    html = client.get("/accounts/login/", **ENGLISH_BROWSER).content.decode()
    labels = re.findall(r"<label[^>]*>(.*?)</label>", html, re.S)
    assert labels and not [label for label in labels if re.search(r"[:：]\s*$", label.strip())]


def test_a_failed_sign_in_is_explained_in_chinese(client):
    response = client.post("/accounts/login/", {"login": "nobody", "password": "wrong"}, **ENGLISH_BROWSER)
    assert english_words(response.content.decode()) == []
    assert "不正确" in response.content.decode()


def test_the_portal_has_no_english_word_for_an_english_browser(client, applicant_a):
    client.force_login(applicant_a)
    ApplicationFactory(business=applicant_a.business, round=RoundFactory())
    assert words_on(client, "/portal/", applicant_a) == []


def test_the_business_form_has_no_english_word_for_an_english_browser(client):
    newcomer = UserFactory(username="newcomer")
    client.force_login(newcomer)
    assert words_on(client, "/portal/business/", newcomer) == []


def test_file_sizes_read_in_chinese(client, applicant_a):
    client.force_login(applicant_a)
    application = ApplicationFactory(business=applicant_a.business, round=RoundFactory())
    DocumentFactory(application=application, size=125)
    html = client.get(f"/portal/applications/{application.pk}/", **ENGLISH_BROWSER).content.decode()
    assert "125\xa0字节" in html  # filesizeformat keeps the number and unit together
    assert "bytes" not in html


def test_the_wagtail_admin_speaks_chinese_to_an_english_browser(client, city_officer):
    city_officer.groups.add(Group.objects.get(name=CITY_OFFICERS))
    client.force_login(city_officer)
    html = client.get("/admin/", **ENGLISH_BROWSER).content.decode()
    assert 'lang="zh-hans"' in html
    assert "Dashboard" not in html


def sign_up(client):
    client.post("/accounts/signup/", {"email": "shop@example.com", "password1": "Qinling-2020-shop",
                                      "password2": "Qinling-2020-shop"}, **ENGLISH_BROWSER)


def test_the_sign_up_email_opens_and_closes_with_the_programme_name(client, sent_mail):
    sign_up(client)
    message = sent_mail()[0]
    lines = [line for line in message.body.strip().splitlines() if line.strip()]
    assert "商洛市放心消费示范单位" in lines[0]
    assert lines[-1] == "商洛市放心消费示范单位创建活动"
    assert "testserver" not in lines[0] + lines[-1]


def test_the_sign_up_email_is_chinese(client, sent_mail):
    sign_up(client)
    message = sent_mail()[0]
    assert message.subject.startswith("【商洛放心消费】")
    assert english_words(message.subject + message.body) == []


def test_the_password_reset_email_is_chinese_with_the_programme_name(client, sent_mail):
    UserFactory(username="target", email="target@example.com")
    client.post("/accounts/password/reset/", {"email": "target@example.com"}, **ENGLISH_BROWSER)
    message = sent_mail()[0]
    assert "商洛市放心消费示范单位" in message.body.splitlines()[0]
    assert english_words(message.subject + message.body.replace("target", "")) == []


def test_a_reset_for_an_unknown_address_is_answered_in_chinese(client, sent_mail):
    client.post("/accounts/password/reset/", {"email": "stranger@example.com"}, **ENGLISH_BROWSER)
    message = sent_mail()[0]
    assert english_words(message.subject + message.body) == []


def test_the_new_password_page_has_no_english_word(client):
    from allauth.account.forms import default_token_generator
    from allauth.account.utils import user_pk_to_url_str

    user = UserFactory(username="target", email="target@example.com")
    key = f"{user_pk_to_url_str(user)}-{default_token_generator.make_token(user)}"
    response = client.get(f"/accounts/password/reset/key/{key}/", follow=True, **ENGLISH_BROWSER)
    assert "新密码" in response.content.decode()
    assert english_words(response.content.decode()) == []


@pytest.mark.parametrize("page", ["", "self-assessment/"])
def test_the_application_pages_have_no_english_word_for_an_english_browser(client, applicant_a, page):
    client.force_login(applicant_a)
    application = ApplicationFactory(business=applicant_a.business, round=RoundFactory())
    assert words_on(client, f"/portal/applications/{application.pk}/{page}", applicant_a) == []


def test_pages_say_they_are_chinese_and_do_not_vary_on_the_browser_language(client):
    response = client.get("/accounts/login/", **ENGLISH_BROWSER)
    assert response["Content-Language"] == "zh-hans"
    assert "Accept-Language" not in response.get("Vary", "")


def test_the_certificate_lookup_leaves_an_empty_number_to_the_server_which_answers_in_chinese(client):
    """An English browser's own 'Please fill out this field.' bubble would be the only message otherwise."""
    form = client.get("/verify/", **ENGLISH_BROWSER).content.decode()
    assert 'class="card lookup" novalidate' in form
    assert "请输入证书编号" in client.get("/verify/?number=", **ENGLISH_BROWSER).content.decode()
