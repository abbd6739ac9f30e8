import pytest
from django.core.exceptions import ValidationError

from certification.validators import uscc_problem, validate_uscc

VALID = "91350100M000100Y43"  # a published code with a correct check character


def test_a_code_with_the_right_check_character_is_valid():
    assert uscc_problem(VALID) is None


@pytest.mark.parametrize("code", ["91110000600037341L", "916110267867954512"])
def test_published_codes_are_valid(code):
    assert uscc_problem(code) is None
    assert validate_uscc(code) is None  # and the validator lets them through


def test_a_wrong_check_character_is_refused():
    wrong = VALID[:17] + ("0" if VALID[17] != "0" else "1")
    assert "校验位" in uscc_problem(wrong)


@pytest.mark.parametrize("code", ["91350100M000100Y4", "91350100M000100Y430", ""])
def test_a_wrong_length_is_refused(code):
    assert "18位" in uscc_problem(code)


@pytest.mark.parametrize("letter", ["I", "O", "Z", "S", "V"])
def test_letters_outside_the_alphabet_are_refused(letter):
    code = VALID[:10] + letter + VALID[11:]
    assert "不允许的字符" in uscc_problem(code)


def test_lower_case_letters_are_refused_by_the_validator():
    assert "不允许的字符" in uscc_problem(VALID.lower())


def test_validate_uscc_raises_a_validation_error_with_a_chinese_message():
    with pytest.raises(ValidationError) as exc:
        validate_uscc("123")
    assert "统一社会信用代码" in exc.value.messages[0]
