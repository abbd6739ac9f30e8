"""The title answers for its complaints: a substantiated complaint matching a veto item, or more
substantiated complaints within twelve months than allowed, opens a review (under_review) through the
workflow, with the reason and the complaints linked, exactly once."""

import pytest

from certification.models import State, TransitionLog
from certification.services import complaints

from .complaints import closed, complaint_about, set_programme, unit_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def unit(db):
    return unit_in("柞水县")


def veto_code(unit):
    return next(iter(complaints.veto_codes(unit)))


def reviews(unit):
    return TransitionLog.objects.filter(application=unit, transition="open_review")


def substantiated(unit, officer, n, **kwargs):
    return [closed(complaint_about(unit), officer, **kwargs) for _ in range(n)]


def test_three_substantiated_complaints_do_not_open_a_review(unit, county_officer):
    substantiated(unit, county_officer, 3)
    unit.refresh_from_db()
    assert unit.state == State.NAMED


def test_the_fourth_substantiated_complaint_within_twelve_months_opens_a_review(unit, county_officer):
    substantiated(unit, county_officer, 4)
    unit.refresh_from_db()
    assert unit.state == State.UNDER_REVIEW


def test_the_review_records_the_reason_and_links_the_complaints(unit, county_officer):
    cases = substantiated(unit, county_officer, 4)
    review = reviews(unit).get()
    assert "十二个月内属实投诉 4 件" in review.comment
    assert set(review.complaints.values_list("pk", flat=True)) == {c.pk for c in cases}


def test_the_threshold_follows_the_programme_settings(unit, county_officer):
    set_programme(complaint_review_threshold=1)
    substantiated(unit, county_officer, 2)
    unit.refresh_from_db()
    assert unit.state == State.UNDER_REVIEW


def test_unsubstantiated_complaints_never_count(unit, county_officer):
    substantiated(unit, county_officer, 5, substantiated=False, result="explained", money="0")
    unit.refresh_from_db()
    assert unit.state == State.NAMED


def test_a_fifth_substantiated_complaint_does_not_open_a_second_review(unit, county_officer):
    substantiated(unit, county_officer, 5)
    assert reviews(unit).count() == 1


def test_after_the_title_is_kept_the_same_complaints_do_not_open_it_again(unit, county_officer):
    from certification.services import workflow

    substantiated(unit, county_officer, 4)
    workflow.perform(unit, "confirm_title", county_officer)
    substantiated(unit, county_officer, 1)
    unit.refresh_from_db()
    assert (unit.state, reviews(unit).count()) == (State.NAMED, 1)


def test_one_substantiated_complaint_matching_a_veto_item_opens_a_review(unit, county_officer):
    code = veto_code(unit)
    closed(complaint_about(unit), county_officer, veto=code)
    unit.refresh_from_db()
    assert unit.state == State.UNDER_REVIEW
    assert code in reviews(unit).get().comment


def test_a_veto_complaint_opens_the_review_exactly_once(unit, county_officer):
    code = veto_code(unit)
    closed(complaint_about(unit), county_officer, veto=code)
    closed(complaint_about(unit), county_officer, veto=code)
    assert reviews(unit).count() == 1


def test_a_veto_item_cannot_be_named_for_an_unsubstantiated_complaint(unit, county_officer):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        closed(complaint_about(unit), county_officer, substantiated=False, veto=veto_code(unit))
    unit.refresh_from_db()
    assert unit.state == State.NAMED


def test_officers_see_why_on_the_units_file(client, unit, county_officer):
    closed(complaint_about(unit), county_officer, veto=veto_code(unit))
    client.force_login(county_officer)
    page = client.get(f"/staff/applications/{unit.pk}/").content.decode()
    assert "投诉属实且涉及一票否决项" in page and "已据此启动复核" in page


def test_officers_see_why_on_the_complaint(client, unit, county_officer):
    case = closed(complaint_about(unit), county_officer, veto=veto_code(unit))
    client.force_login(county_officer)
    assert "该投诉已据此启动对该单位的复核" in client.get(f"/staff/complaints/{case.pk}/").content.decode()
