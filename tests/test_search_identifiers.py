"""Queries shaped like a 统一社会信用代码 or a certificate number open that unit, or its verification."""

from urllib.parse import quote

import pytest

from certification.models import Application, State

from .factories import BusinessFactory
from .searching import named_unit

pytestmark = pytest.mark.django_db


def search(client, term):
    return client.get(f"/units/?q={quote(term)}")


@pytest.fixture
def unit(db):
    return named_unit("商洛市华润万家超市有限公司")


def test_a_credit_code_opens_the_units_page(client, unit):
    response = search(client, unit.business.uscc)
    assert response.status_code == 302 and response["Location"] == f"/units/{unit.pk}/"


def test_a_credit_code_in_lower_case_with_spaces_opens_the_units_page(client, unit):
    code = unit.business.uscc
    response = search(client, f"{code[:6]} {code[6:]}".lower())
    assert response["Location"] == f"/units/{unit.pk}/"


def test_a_credit_code_typed_full_width_opens_the_units_page(client, unit):
    full_width = "".join(chr(ord(ch) + 0xFEE0) for ch in unit.business.uscc)
    assert search(client, full_width)["Location"] == f"/units/{unit.pk}/"


def test_a_credit_code_with_a_wrong_check_character_says_so_in_chinese(client, unit):
    code = unit.business.uscc
    wrong = code[:17] + ("0" if code[17] != "0" else "1")
    response = search(client, wrong)
    assert response.status_code == 200 and "校验位不正确" in response.content.decode()


def test_a_credit_code_of_a_business_that_is_not_a_unit_says_so(client):
    business = BusinessFactory()
    response = search(client, business.uscc)
    assert "不是放心消费示范单位" in response.content.decode()


def test_a_credit_code_of_a_revoked_unit_opens_its_verification(client, unit):
    unit.certificate.revoked_on = unit.certificate.issued_on
    unit.certificate.save()
    response = search(client, unit.business.uscc)
    assert response["Location"] == f"/verify/?number={quote(unit.certificate.number)}"


def test_a_certificate_number_opens_the_units_page(client, unit):
    assert search(client, unit.certificate.number)["Location"] == f"/units/{unit.pk}/"


@pytest.mark.parametrize("shape", ["商洛放心[{y}]县字第{n}号", "（{y}）县字{n:03d}", "{y}县{n}"])
def test_a_certificate_number_in_another_bracket_style_opens_the_units_page(client, unit, shape):
    term = shape.format(y=unit.round.year, n=unit.certificate.serial)
    assert search(client, term)["Location"] == f"/units/{unit.pk}/"


def test_an_unknown_certificate_number_opens_the_verification_page(client, unit):
    response = search(client, "商洛放心〔2019〕市字第999号")
    assert response["Location"] == "/verify/?number=" + quote("商洛放心〔2019〕市字第999号")


def test_a_certificate_number_of_an_expired_unit_opens_the_verification_page(client, unit):
    Application.objects.filter(pk=unit.pk).update(state=State.EXPIRED)
    assert search(client, unit.certificate.number)["Location"].startswith("/verify/?number=")


def test_a_query_of_eighteen_letters_is_read_as_pinyin_not_as_a_credit_code(client, unit):
    response = search(client, "shangluoshihuarunw")
    assert response.status_code == 200 and "商洛市华润万家超市有限公司" in response.content.decode()
