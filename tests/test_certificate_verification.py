"""证书查验: by number and by the QR token, with the live status; input is normalised, never a 500."""

import datetime

import pytest

from certification.services import workflow

from .factories import CertificateFactory, RoundFactory

VERIFY = "/verify/"


@pytest.fixture
def valid(db):
    """A county-level certificate of the 2020 round, number 商洛放心〔2020〕县字第001号."""
    return CertificateFactory(
        application__round=RoundFactory(year=2020), serial=1,
        application__business__name="柞水秦岭人家大酒店",
    )


def lookup(client, number):
    return client.get(VERIFY, {"number": number})


def test_the_lookup_form_explains_where_the_number_is(client, db):
    response = client.get(VERIFY)
    assert response.status_code == 200
    assert "证书编号" in response.content.decode()
    assert 'name="number"' in response.content.decode()


def test_a_valid_number_shows_the_unit_and_the_status_valid(client, valid):
    response = lookup(client, "商洛放心〔2020〕县字第001号")
    page = response.content.decode()
    assert response.status_code == 200
    assert "verify-result valid" in page
    assert "<h1>有效</h1>" in page
    assert "柞水秦岭人家大酒店" in page
    assert "柞水县市场监督管理局" in page


def test_an_expired_certificate_shows_the_status_expired_and_its_end_date(client, db):
    CertificateFactory(number="商洛放心〔2016〕县字第007号", issued_on=datetime.date(2016, 12, 1),
                       valid_until=datetime.date(2018, 11, 30))
    page = lookup(client, "商洛放心〔2016〕县字第007号").content.decode()
    assert "verify-result expired" in page
    assert "<h1>已到期</h1>" in page
    assert "2018年11月30日" in page


def test_a_revoked_certificate_shows_the_status_revoked_with_date_and_reason(client, db):
    CertificateFactory(number="商洛放心〔2020〕县字第009号", revoked_on=datetime.date(2021, 6, 1),
                       revoked_reason="经核查存在价格欺诈行为，撤销称号。")
    page = lookup(client, "商洛放心〔2020〕县字第009号").content.decode()
    assert "verify-result revoked" in page
    assert "<h1>已撤销</h1>" in page
    assert "2021年6月1日" in page
    assert "经核查存在价格欺诈行为，撤销称号。" in page


def test_the_status_shown_is_live_after_a_revocation(client, valid, county_officer):
    assert "<h1>有效</h1>" in lookup(client, valid.number).content.decode()
    workflow.perform(valid.application, "revoke", county_officer, comment="群众投诉属实。")
    page = lookup(client, valid.number).content.decode()
    assert "<h1>已撤销</h1>" in page and "群众投诉属实。" in page


def test_an_unknown_number_says_no_such_certificate_and_warns_of_look_alike_titles(client, valid):
    response = lookup(client, "商洛放心〔2020〕县字第999号")
    page = response.content.decode()
    assert response.status_code == 404
    assert "verify-result unknown" in page
    assert "查无此证书" in page
    assert "出售" in page and "12315" in page


def test_a_number_with_another_prefix_is_not_taken_for_ours(client, valid):
    assert lookup(client, "西安放心〔2020〕县字第001号").status_code == 404


@pytest.mark.parametrize("typed", [
    "商洛放心[2020]县字第001号",
    "商洛放心【2020】县字第001号",
    "商洛放心（２０２０）县字第００１号",
    " 商洛放心 (2020) 县字 第 1 号 ",
    "2020县字1",
    "商洛放心〔2020〕县区字第01号",
])
def test_a_number_typed_with_other_brackets_spaces_or_zeros_finds_the_certificate(client, valid, typed):
    response = lookup(client, typed)
    assert response.status_code == 200
    assert "柞水秦岭人家大酒店" in response.content.decode()


@pytest.mark.parametrize("typed", [
    "x" * 5000, "商洛放心〔2020〕县字第" + "9" * 50 + "号", "\x00", "' OR 1=1 --", "%", "〔〕", "\u202e001",
])
def test_bad_or_huge_input_gets_a_chinese_page_not_an_error(client, valid, typed):
    response = lookup(client, typed)
    assert response.status_code in (400, 404)
    assert "证书" in response.content.decode()


def test_typed_markup_is_shown_as_text(client, db):
    page = lookup(client, '<script>alert("x")</script>').content.decode()
    assert "<script>alert" not in page
    assert "&lt;script&gt;" in page


def test_the_qr_token_opens_the_result_page_of_that_certificate(client, valid):
    response = client.get(f"/v/{valid.token}/")
    assert response.status_code == 200
    assert "verify-result valid" in response.content.decode()
    assert valid.number in response.content.decode()


@pytest.mark.parametrize("token", ["not-a-token", "A" * 300, "%00", "%E5%95%86", "%3Cb%3E"])
def test_an_unknown_token_shows_no_such_certificate(client, valid, token):
    response = client.get(f"/v/{token}/")
    assert response.status_code == 404
    assert "查无此证书" in response.content.decode()


def test_the_result_page_is_never_cached(client, valid):
    assert "no-cache" in client.get(f"/v/{valid.token}/")["Cache-Control"]


def test_a_valid_certificate_links_to_its_unit_page_and_its_pdf(client, valid):
    page = client.get(f"/v/{valid.token}/").content.decode()
    assert f'href="/units/{valid.application_id}/"' in page
    assert f'href="/v/{valid.token}/pdf/"' in page


def test_lookups_beyond_the_rate_limit_get_a_chinese_429(client, valid, settings):
    settings.VERIFY_RATELIMIT = "3/m"
    statuses = [lookup(client, valid.number).status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    assert "操作过于频繁" in lookup(client, valid.number).content.decode()
