"""The query and the stored copies are normalised alike: full-width input, traditional characters,
ü typed as v, u or ü, tone marks, apostrophes and hyphens between syllables."""

import pytest

from certification.models import Business

from .searching import listed, named_unit

pytestmark = pytest.mark.django_db


def test_full_width_letters_are_read_as_half_width(client):
    named_unit("商洛市华润万家超市有限公司")
    assert listed(client, "ｈｕａｒｕｎ") == ["商洛市华润万家超市有限公司"]


def test_full_width_digits_find_the_address(client):
    named_unit("北新街百货有限公司", address="北新街12号")
    assert listed(client, "１２号") == ["北新街百货有限公司"]


def test_full_width_digits_in_a_name_are_found_by_half_width_ones(client):
    named_unit("商洛７天连锁酒店")
    assert listed(client, "7天") == ["商洛７天连锁酒店"]


def test_traditional_characters_find_a_simplified_name(client):
    named_unit("丹凤县龙驹寨宾馆")
    assert listed(client, "賓館") == ["丹凤县龙驹寨宾馆"]


def test_a_name_written_in_traditional_characters_is_found_by_simplified_ones(client):
    named_unit("商洛市中心醫院")
    assert listed(client, "医院") == ["商洛市中心醫院"]


@pytest.mark.parametrize("term", ["nvzhuang", "nüzhuang", "nuzhuang", "NÜZHUANG"])
def test_u_umlaut_may_be_typed_as_v_u_or_u_umlaut(client, term):
    named_unit("柞水县丽人女装店")
    assert listed(client, term) == ["柞水县丽人女装店"]


@pytest.mark.parametrize("term", ["huárùn", "huá rùn", "hua2run4"])
def test_tone_marks_and_tone_numbers_are_ignored(client, term):
    named_unit("商洛市华润万家超市有限公司")
    assert listed(client, term) == ["商洛市华润万家超市有限公司"]


@pytest.mark.parametrize("term", ["xi'an", "xi’an", "xi-an", "Xi'An"])
def test_an_apostrophe_or_hyphen_marks_a_syllable_boundary(client, term):
    named_unit("西安饭庄商洛分店")
    named_unit("柞水县城关超市")  # 县 is "xian": the apostrophe says it is not meant
    assert listed(client, term) == ["西安饭庄商洛分店"]


def test_pinyin_without_an_apostrophe_finds_both_readings(client):
    named_unit("西安饭庄商洛分店")
    named_unit("柞水县城关超市")
    assert sorted(listed(client, "xian")) == ["柞水县城关超市", "西安饭庄商洛分店"]


def test_pinyin_is_matched_from_the_start_of_a_syllable(client):
    named_unit("商洛双喜超市")  # shuang contains the letters "hua"
    assert listed(client, "hua") == []


def test_punctuation_in_a_name_does_not_stop_a_match(client):
    named_unit("商洛市华润万家超市有限公司（北新街店）")
    assert listed(client, "有限公司北新街店") == ["商洛市华润万家超市有限公司（北新街店）"]


def test_a_name_saved_with_full_width_letters_is_found_by_pinyin_typed_normally(client):
    unit = named_unit("商洛ＫＦＣ餐厅")
    Business.objects.get(pk=unit.business_id).save()
    assert listed(client, "kfc") == ["商洛ＫＦＣ餐厅"]


def test_a_whole_syllable_is_not_matched_as_the_start_of_a_longer_one(client):
    named_unit("商洛祥和饭庄")  # xiang
    assert listed(client, "xian") == []


def test_pinyin_cut_short_in_its_last_syllable_finds_the_unit(client):
    named_unit("商洛市华润万家超市有限公司")
    assert listed(client, "huarunw") == ["商洛市华润万家超市有限公司"]
