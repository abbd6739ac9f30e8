"""Business accounts: sign-up with e-mail confirmation (django-allauth), throttled logins (django-axes)."""

import re

import pytest
from django.core import mail

from .factories import UserFactory

pytestmark = pytest.mark.django_db


def signup(client, email="shop@example.com"):
    return client.post("/accounts/signup/", {"email": email, "password1": "Qinling-2020-shop", "password2":
                                             "Qinling-2020-shop"})


def test_signing_up_sends_a_confirmation_email(client, sent_mail):
    signup(client)
    assert len(sent_mail()) == 1
    assert "shop@example.com" in mail.outbox[0].to


def test_an_unconfirmed_account_cannot_reach_the_portal(client):
    signup(client)
    client.logout()
    response = client.post("/accounts/login/", {"login": "shop@example.com", "password": "Qinling-2020-shop"})
    assert response.status_code == 302
    assert "confirm-email" in response.url or "verification" in response.url


def test_following_the_confirmation_link_lets_the_business_sign_in(client, sent_mail):
    signup(client)
    link = re.search(r"https?://[^\s]+/accounts/confirm-email/[^\s]+", sent_mail()[0].body).group(0)
    path = link.split("testserver", 1)[-1] if "testserver" in link else "/" + link.split("/", 3)[3]
    client.post(path)
    client.logout()
    response = client.post("/accounts/login/", {"login": "shop@example.com", "password": "Qinling-2020-shop"})
    assert response.status_code == 302
    assert client.get("/portal/").status_code in (200, 302)
    assert "_auth_user_id" in client.session


def test_signup_pages_are_in_chinese(client):
    assert "注册" in client.get("/accounts/signup/").content.decode()


def test_repeated_failed_logins_are_throttled(client, settings):
    settings.AXES_FAILURE_LIMIT = 3
    UserFactory(username="target", email="target@example.com")
    for _ in range(3):
        client.post("/accounts/login/", {"login": "target@example.com", "password": "wrong"})
    response = client.post("/accounts/login/", {"login": "target@example.com", "password": "pass-1234-word"})
    assert response.status_code == 429
    assert "锁定" in response.content.decode()


def test_a_correct_login_before_the_limit_succeeds(client):
    UserFactory(username="target", email="target@example.com")
    client.post("/accounts/login/", {"login": "target@example.com", "password": "wrong"})
    response = client.post("/accounts/login/", {"login": "target@example.com", "password": "pass-1234-word"})
    assert response.status_code == 302
    assert "_auth_user_id" in client.session


def test_password_reset_sends_an_email(client, sent_mail):
    UserFactory(username="target", email="target@example.com")
    client.post("/accounts/password/reset/", {"email": "target@example.com"})
    assert len(sent_mail()) == 1
