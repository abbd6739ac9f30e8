"""The order of a search: exact > prefix > whole phrase inside > all words > characters in order >
same sound > address only; then earlier match position, shorter name, city level before county."""

import pytest

from certification.models import Level

from .searching import listed, named_unit

pytestmark = pytest.mark.django_db


def test_the_whole_phrase_inside_ranks_above_its_words_apart(client):
    named_unit("商洛华润万家超市有限公司")
    named_unit("商洛华润超市有限公司")
    assert listed(client, "华润 超市") == ["商洛华润超市有限公司", "商洛华润万家超市有限公司"]


def test_all_words_rank_above_characters_in_order(client):
    named_unit("商洛华开润超市有限公司")  # 华…润 in order
    named_unit("华润家园超市有限公司", address="柞水县乾佑街1号")  # 华润 in the name, 柞水 in the county
    assert listed(client, "柞水华润") == ["华润家园超市有限公司", "商洛华开润超市有限公司"]


def test_characters_in_order_rank_above_the_same_sound(client):
    named_unit("商洛市华润万佳商贸有限公司")  # same sound as 华润万家
    named_unit("华润大万家超市")  # 华润万家 in order
    assert listed(client, "华润万家") == ["华润大万家超市", "商洛市华润万佳商贸有限公司"]


def test_the_same_sound_ranks_above_an_address_match(client):
    named_unit("东风路百货有限公司", address="华润万家广场1号")
    named_unit("华润万佳商贸有限公司")
    assert listed(client, "华润万家") == ["华润万佳商贸有限公司", "东风路百货有限公司"]


def test_an_earlier_match_ranks_first(client):
    named_unit("商洛市华润万家超市有限公司")  # 超市 at the 8th character
    named_unit("商洛超市有限公司")  # at the 3rd
    assert listed(client, "超市") == ["商洛超市有限公司", "商洛市华润万家超市有限公司"]


def test_a_pinyin_match_ranks_by_the_syllable_it_starts_at(client):
    named_unit("商洛市华润万家超市有限公司")
    named_unit("洛南超市")
    assert listed(client, "chaoshi") == ["洛南超市", "商洛市华润万家超市有限公司"]


def test_a_shorter_name_ranks_first_at_the_same_position(client):
    named_unit("商洛超市连锁有限公司")
    named_unit("商洛超市")
    assert listed(client, "超市") == ["商洛超市", "商洛超市连锁有限公司"]


def test_a_city_level_unit_ranks_before_a_county_level_one(client):
    named_unit("商洛超市甲", level=Level.COUNTY)
    named_unit("商洛超市乙", level=Level.CITY)
    assert listed(client, "超市") == ["商洛超市乙", "商洛超市甲"]


def test_a_chosen_order_replaces_relevance(client):
    named_unit("超市")
    named_unit("阿里超市")  # "a…" comes first by pinyin
    assert listed(client, "超市", {"sort": "name"}) == ["阿里超市", "超市"]


def test_a_search_offers_relevance_as_its_order(client):
    named_unit("超市")
    html = client.get("/units/", {"q": "超市"}).content.decode()
    assert '<option value="relevance" selected>相关度</option>' in html


def test_a_single_letter_matches_names_whose_pinyin_starts_with_it(client):
    named_unit("华润万家超市")
    named_unit("商洛市华润万家超市")
    assert listed(client, "h") == ["华润万家超市"]


def test_a_single_character_matches_names_only(client):
    named_unit("北新街百货")
    named_unit("商洛百货", address="北新街1号")
    assert listed(client, "街") == ["北新街百货"]


def test_a_single_letter_is_not_matched_in_the_address_or_county(client):
    named_unit("华润万家超市", county_name="山阳县")  # shanyang
    assert listed(client, "s") == []
