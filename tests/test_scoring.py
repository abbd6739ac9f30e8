"""Aggregating assessors' totals, and the rules of a score sheet."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from certification.criteria import Criteria
from certification.scoring import aggregate_totals, clean_score_sheet

CRITERIA = Criteria(assurances=({
    "slug": "safety", "title": "安全放心", "max_points": 10,
    "indicators": [
        {"code": "A1", "text": "场所安全", "max_points": 6, "veto": False, "evidence": ""},
        {"code": "A2", "text": "进货查验", "max_points": 4, "veto": False, "evidence": ""},
        {"code": "A9", "text": "重大事故", "max_points": 0, "veto": True, "evidence": ""},
    ],
},))


def sheet(a1=6, a2=4, a9=0, comment="", veto=False):
    return {"A1": {"points": a1, "comment": comment}, "A2": {"points": a2, "comment": comment},
            "A9": {"points": a9, "comment": comment, "veto": veto}}


def test_the_final_score_is_the_mean_of_the_totals():
    assert aggregate_totals([90, 80], False, 15).final_score == Decimal("85.00")


def test_the_mean_is_rounded_half_up_to_two_decimals():
    assert aggregate_totals([90, 85.5, 85], False, 15).final_score == Decimal("86.83")


def test_a_mean_ending_in_five_thousandths_rounds_up():
    assert aggregate_totals([80.005, 80.005], False, 15).final_score == Decimal("80.01")


def test_any_veto_fails_the_result():
    assert aggregate_totals([98, 97], True, 15).veto is True


def test_totals_more_than_15_apart_are_flagged():
    assert aggregate_totals([95, 79.5], False, 15).spread_flagged is True


def test_totals_exactly_15_apart_are_not_flagged():
    assert aggregate_totals([95, 80], False, 15).spread_flagged is False


def test_no_totals_give_no_score():
    assert aggregate_totals([], False, 15).final_score is None


def test_a_full_sheet_totals_its_points():
    _, total, veto = clean_score_sheet(sheet(), CRITERIA, require_complete=True)
    assert (total, veto) == (Decimal("10.00"), False)


def test_points_above_the_maximum_are_refused():
    with pytest.raises(ValidationError) as exc:
        clean_score_sheet(sheet(a1=7), CRITERIA, require_complete=True)
    assert "A1" in exc.value.message_dict


def test_negative_points_are_refused():
    with pytest.raises(ValidationError):
        clean_score_sheet(sheet(a2=-1), CRITERIA, require_complete=True)


def test_a_comment_is_required_below_the_maximum_on_submit():
    with pytest.raises(ValidationError) as exc:
        clean_score_sheet(sheet(a1=5), CRITERIA, require_complete=True)
    assert "评审意见" in exc.value.message_dict["A1"][0]


def test_a_draft_may_leave_comments_and_points_out():
    cleaned, _, _ = clean_score_sheet({"A1": {"points": 5}}, CRITERIA, require_complete=False)
    assert cleaned == {"A1": {"points": 5.0, "comment": "", "veto": False}}


def test_submitting_needs_every_indicator_scored():
    with pytest.raises(ValidationError) as exc:
        clean_score_sheet({"A1": {"points": 6}}, CRITERIA, require_complete=True)
    assert set(exc.value.message_dict) == {"A2", "A9"}


def test_veto_can_only_be_ticked_on_a_veto_item():
    data = sheet()
    data["A1"]["veto"] = True
    with pytest.raises(ValidationError) as exc:
        clean_score_sheet(data, CRITERIA, require_complete=True)
    assert "不是一票否决项" in exc.value.message_dict["A1"][0]


def test_a_ticked_veto_item_marks_the_sheet_vetoed():
    _, _, veto = clean_score_sheet(sheet(veto=True, comment="2019年发生火灾"), CRITERIA, require_complete=True)
    assert veto is True


def test_non_numeric_points_are_refused_with_a_chinese_message():
    with pytest.raises(ValidationError) as exc:
        clean_score_sheet(sheet(a1="六"), CRITERIA, require_complete=True)
    assert "数字" in exc.value.message_dict["A1"][0]
