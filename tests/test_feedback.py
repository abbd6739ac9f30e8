"""The public feedback form about a named unit: reference number, honeypot, rate limit, Chinese errors."""

import pytest

from certification.models import Feedback

from .factories import ApplicationFactory, CertificateFactory

pytestmark = pytest.mark.django_db

VALID = {"name": "李群众", "contact": "13800000000", "text": "收银台多收了我五元钱，要求退还。", "website": ""}


@pytest.fixture
def unit(db):
    return CertificateFactory(application__business__name="商洛市华润万家超市有限公司").application


def url(unit):
    return f"/units/{unit.pk}/feedback/"


def post(client, unit, ip="10.0.0.1", **changes):
    return client.post(url(unit), {**VALID, **changes}, REMOTE_ADDR=ip)


def test_the_feedback_form_names_the_unit(client, unit):
    response = client.get(url(unit))
    assert response.status_code == 200
    assert "商洛市华润万家超市有限公司" in response.content.decode()


def test_sending_feedback_creates_a_row_for_the_units_business(client, unit):
    post(client, unit)
    feedback = Feedback.objects.get()
    assert feedback.business == unit.business
    assert feedback.text == VALID["text"]


def test_sending_feedback_shows_its_reference_number(client, unit):
    response = post(client, unit)
    reference = Feedback.objects.get().reference
    assert reference.startswith("FK")
    assert reference in response.content.decode()


def test_an_e_mail_address_is_accepted_as_contact(client, unit):
    post(client, unit, contact="li@example.com")
    assert Feedback.objects.get().contact == "li@example.com"


def test_a_filled_honeypot_creates_nothing(client, unit):
    response = post(client, unit, website="http://spam.example")
    assert response.status_code == 200
    assert not Feedback.objects.exists()


def test_a_filled_honeypot_gets_a_chinese_message(client, unit):
    assert "提交未通过校验" in post(client, unit, website="http://spam.example").content.decode()


def test_missing_fields_get_chinese_errors(client, unit):
    page = post(client, unit, name="", contact="", text="").content.decode()
    assert "请填写您的姓名" in page
    assert "请填写联系电话或电子邮箱" in page
    assert "请填写反映内容" in page
    assert not Feedback.objects.exists()


def test_a_contact_that_is_neither_phone_nor_e_mail_gets_a_chinese_error(client, unit):
    page = post(client, unit, contact="随便").content.decode()
    assert "请填写正确的联系电话" in page
    assert not Feedback.objects.exists()


def test_a_malformed_e_mail_address_gets_a_chinese_error(client, unit):
    assert "电子邮箱格式不正确" in post(client, unit, contact="li@").content.decode()


def test_a_too_short_text_gets_a_chinese_error(client, unit):
    assert "反映内容太短" in post(client, unit, text="差").content.decode()


def test_a_too_long_name_gets_a_chinese_error(client, unit):
    response = post(client, unit, name="张" * 60)
    assert response.status_code == 200
    assert not Feedback.objects.exists()


def test_a_nul_character_gets_an_error_not_a_server_error(client, unit):
    response = post(client, unit, text="多收\x00钱了，要求退还")
    assert response.status_code == 200
    assert not Feedback.objects.exists()


def test_the_sixth_feedback_within_an_hour_from_one_address_is_refused_with_429(client, unit):
    for _ in range(5):
        assert post(client, unit).status_code == 200
    response = post(client, unit)
    assert response.status_code == 429
    assert "操作过于频繁" in response.content.decode()
    assert Feedback.objects.count() == 5


def test_the_rate_limit_counts_each_address_apart(client, unit):
    for _ in range(5):
        post(client, unit, ip="10.0.0.1")
    assert post(client, unit, ip="10.0.0.2").status_code == 200


def test_reading_the_form_is_not_rate_limited(client, unit):
    for _ in range(5):
        post(client, unit)
    assert client.get(url(unit), REMOTE_ADDR="10.0.0.1").status_code == 200


def test_there_is_no_feedback_form_for_a_unit_not_in_force(client):
    candidate = ApplicationFactory(in_notice=True)
    assert client.get(url(candidate)).status_code == 404


def test_the_feedback_page_is_never_cached(client, unit):
    response = client.get(url(unit))
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]
