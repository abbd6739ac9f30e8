"""Several words in one query: each word must be in the name (as text, pinyin or initials), the
address or the county."""

import pytest

from .searching import listed, named_unit

pytestmark = pytest.mark.django_db

HUARUN = "商洛市华润万家超市有限公司"
HOTEL = "龙驹寨大酒店有限公司"
MOBILE = "中国移动通信集团陕西有限公司柞水分公司"


@pytest.fixture
def units(db):
    named_unit(HUARUN, county_name="商州区")
    named_unit(HOTEL, address="龙驹街8号", county_name="丹凤县")
    named_unit(MOBILE, county_name="柞水县")
    named_unit("商南县城关镇农家乐", county_name="商南县")


def test_two_chinese_words_apart_in_the_name_find_the_unit(client, units):
    assert listed(client, "华润 超市") == [HUARUN]


def test_a_county_and_a_word_of_the_name_find_the_unit(client, units):
    assert listed(client, "丹凤 酒店") == [HOTEL]


def test_a_word_that_matches_nothing_leaves_the_unit_out(client, units):
    assert listed(client, "丹凤 银行") == []


def test_two_pinyin_words_find_the_unit(client, units):
    assert listed(client, "huarun wanjia") == [HUARUN]


def test_a_county_in_pinyin_and_a_pinyin_word_find_the_unit(client, units):
    assert listed(client, "danfeng jiudian") == [HOTEL]


def test_initials_and_a_chinese_word_find_the_unit(client, units):
    assert listed(client, "hrwj 超市") == [HUARUN]


@pytest.mark.parametrize("term", ["华润，超市", "华润、超市", "华润　超市", "华润/超市"])
def test_words_may_be_separated_by_chinese_punctuation_or_a_full_width_space(client, units, term):
    assert listed(client, term) == [HUARUN]


def test_a_county_run_together_with_a_word_of_the_name_is_read_as_two_words(client, units):
    assert listed(client, "柞水移动") == [MOBILE]


def test_a_county_after_a_word_of_the_name_is_read_as_two_words(client, units):
    assert listed(client, "移动柞水") == [MOBILE]


def test_a_county_name_alone_is_not_split(client, units):
    assert listed(client, "商南县") == ["商南县城关镇农家乐"]
