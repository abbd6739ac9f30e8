"""Search in the directory: Chinese substrings, pinyin, initials, mixed input, ranking, odd input."""

from urllib.parse import quote

import pytest

from .factories import ApplicationFactory, CertificateFactory

pytestmark = pytest.mark.django_db

HUARUN = "商洛市华润万家超市有限公司"


def named_unit(name, address=None):
    fields = {"application__business__name": name}
    if address:
        fields["application__business__address"] = address
    return CertificateFactory(**fields).application


def search(client, term, extra=""):
    return client.get(f"/units/?q={quote(term)}{extra}")


def found(client, term, extra=""):
    return search(client, term, extra).content.decode()


@pytest.fixture
def huarun(db):
    return named_unit(HUARUN, address="陕西省商洛市商州区北新街88号")


@pytest.fixture
def bank(db):
    return named_unit("中国农业银行股份有限公司柞水县支行")


def test_a_chinese_part_of_the_name_finds_the_unit(client, huarun, bank):
    page = found(client, "超市")
    assert HUARUN in page and "农业银行" not in page


def test_a_part_of_the_address_finds_the_unit(client, huarun, bank):
    page = found(client, "北新街")
    assert HUARUN in page and "农业银行" not in page


def test_full_pinyin_finds_the_unit(client, huarun, bank):
    page = found(client, "chaoshi")
    assert HUARUN in page and "农业银行" not in page


def test_pinyin_with_spaces_and_capitals_finds_the_unit(client, huarun):
    assert HUARUN in found(client, "Chao Shi")


def test_pinyin_initials_find_the_unit(client, huarun, bank):
    page = found(client, "hrwj")
    assert HUARUN in page and "农业银行" not in page


def test_chinese_mixed_with_initials_finds_the_unit(client, huarun):
    assert HUARUN in found(client, "华润wj")


def test_chinese_mixed_with_pinyin_finds_the_unit(client, huarun):
    assert HUARUN in found(client, "华润wanjia")


def test_a_chinese_search_does_not_match_other_words_with_the_same_initials(client, huarun):
    named_unit("商洛城市广场有限公司")  # 城市 has the initials "cs" too
    page = found(client, "超市")
    assert HUARUN in page and "城市广场" not in page


def test_the_search_shows_how_many_units_it_found(client, huarun, bank):
    assert "共 <strong>1</strong> 家" in found(client, "超市")


def test_the_search_finds_only_units_in_force(client, huarun):
    ApplicationFactory(in_notice=True, business__name="公示中的候选超市")
    assert "公示中的候选超市" not in found(client, "超市")


def test_a_search_without_result_says_so_in_chinese(client, huarun):
    page = found(client, "不存在的单位")
    assert "没有找到符合条件的示范单位" in page
    assert "共 <strong>0</strong> 家" in page


def test_an_exact_name_comes_before_a_prefix_and_a_prefix_before_a_substring(client):
    named_unit("商洛好又多超市有限公司")  # substring
    named_unit("超市")  # exact
    named_unit("超市之家有限公司")  # prefix
    page = found(client, "超市")
    assert page.index(">超市<") < page.index("超市之家有限公司") < page.index("商洛好又多超市有限公司")


def test_a_name_match_comes_before_an_address_match(client):
    named_unit("北新街百货有限公司", address="陕西省商洛市商州区工农路1号")
    named_unit("商州百货有限公司", address="陕西省商洛市商州区北新街2号")
    page = found(client, "北新街")
    assert page.index("北新街百货有限公司") < page.index("商州百货有限公司")


def test_the_search_combines_with_the_filters(client, huarun):
    assert HUARUN in found(client, "超市", "&county=611026")  # the factory's businesses are in 柞水县
    assert HUARUN not in found(client, "超市", "&county=611002")


def test_a_percent_sign_is_searched_for_literally(client, huarun):
    assert HUARUN not in found(client, "%")


def test_an_underscore_is_searched_for_literally(client, huarun):
    assert HUARUN not in found(client, "_")


def test_a_very_long_query_answers_normally(client, huarun):
    response = search(client, "超市" * 2000)
    assert response.status_code == 200


ODD = ["\x00", "超\x00市", "'; DROP TABLE x; --", "<script>alert(1)</script>", "😀", "\\", "　", "%_%"]


@pytest.mark.parametrize("term", ODD)
def test_an_odd_query_answers_normally(client, huarun, term):
    response = search(client, term)
    assert response.status_code == 200


def test_a_query_with_a_nul_character_still_finds_the_unit(client, huarun):
    assert HUARUN in found(client, "超\x00市")


def test_the_query_is_escaped_when_shown_back(client, huarun):
    page = found(client, "<b>x</b>")
    assert "<b>x</b>" not in page and "&lt;b&gt;x&lt;/b&gt;" in page


def test_a_business_renamed_in_the_portal_is_found_by_its_new_name(client):
    from certification.services import businesses

    from .factories import CertificateFactory

    certificate = CertificateFactory()
    business = certificate.application.business
    business.name = "商洛市新名字便民超市有限公司"
    businesses.save_profile(business)
    html = client.get("/units/", {"q": "新名字"}).content.decode()
    assert "商洛市新名字便民超市有限公司" in html


def test_a_business_renamed_in_the_admin_is_found_by_its_new_name(client):
    from django.contrib.auth.models import Group

    from .factories import CertificateFactory, OfficerFactory, city

    business = CertificateFactory().application.business
    officer = OfficerFactory(region=city()).user
    officer.groups.add(Group.objects.get(name="市局工作人员"))
    client.force_login(officer)
    data = {"uscc": business.uscc, "name": "商洛市改名便民超市有限公司", "address": business.address,
            "region": business.region_id, "industry": business.industry_id,
            "contact_person": business.contact_person, "contact_phone": business.contact_phone}
    response = client.post(f"/admin/business/edit/{business.pk}/", data)
    assert response.status_code == 302
    client.logout()
    html = client.get("/units/", {"q": "改名"}).content.decode()
    assert "商洛市改名便民超市有限公司" in html
