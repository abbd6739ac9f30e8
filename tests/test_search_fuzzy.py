"""Lower tiers: the characters of a word in order, and a Chinese word with the right sound."""

import pytest

from .searching import listed, named_unit

pytestmark = pytest.mark.django_db

HUARUN = "商洛市华润万家超市有限公司"


def test_characters_in_order_find_the_unit(client):
    named_unit(HUARUN)
    assert listed(client, "华润超市") == [HUARUN]


def test_a_place_then_characters_in_order_find_the_unit(client):
    named_unit(HUARUN)
    assert listed(client, "商洛华润") == [HUARUN]


def test_an_abbreviation_finds_the_full_name(client):
    named_unit("中国农业银行股份有限公司山阳县支行", county_name="山阳县")
    assert listed(client, "山阳农行") == ["中国农业银行股份有限公司山阳县支行"]


def test_characters_out_of_order_do_not_find_the_unit(client):
    named_unit(HUARUN)
    assert listed(client, "超市华润") == []


def test_a_typo_with_the_same_sound_finds_the_unit(client):
    named_unit(HUARUN)
    assert listed(client, "华润万佳") == [HUARUN]


def test_a_place_and_a_typo_with_the_same_sound_find_the_unit(client):
    named_unit("柞水秦岭人家大酒店", county_name="柞水县")
    assert listed(client, "柞水秦岭人佳") == ["柞水秦岭人家大酒店"]


def test_the_initials_of_a_chinese_query_never_match(client):
    named_unit("商洛城市广场有限公司")  # 城市 and 超市 share the initials "cs"
    assert listed(client, "超市") == []


def test_a_different_sound_does_not_match(client):
    named_unit(HUARUN)
    assert listed(client, "华为万家") == []


def test_the_same_sound_matches_whole_syllables_only(client):
    named_unit("商洛华润万江商贸有限公司")  # jiang starts with the letters of jia
    assert listed(client, "华润万佳") == []
