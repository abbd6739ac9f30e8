"""Assessors: assignment, conflicts of interest, scoring, and the automatic move to `assessed`."""

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from certification.models import Assignment, ConflictDeclaration, State
from certification.selectors import assessment as assessment_selectors
from certification.services import assessment, workflow

from . import flows
from .factories import AssessorFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def app(county_officer):
    return flows.accepted(county_officer)


def test_an_officer_assigns_two_assessors(app, county_officer):
    assessment.assign(app, flows.assessors(2), county_officer)
    assert app.assignments.count() == 2


def test_no_more_assessors_than_the_round_sets_can_be_assigned(app, county_officer):
    with pytest.raises(ValidationError, match="最多还能分配 2 名"):
        assessment.assign(app, flows.assessors(3), county_officer)


def test_an_assessor_with_a_declared_conflict_is_never_offered(app, county_officer):
    conflicted = AssessorFactory()
    ConflictDeclaration.objects.create(assessor=conflicted, business=app.business, reason="亲属在该单位任职")
    assert conflicted not in assessment_selectors.eligible_assessors(app)


def test_assigning_a_conflicted_assessor_by_a_crafted_request_is_refused(app, county_officer):
    conflicted = AssessorFactory()
    ConflictDeclaration.objects.create(assessor=conflicted, business=app.business, reason="亲属在该单位任职")
    with pytest.raises(ValidationError):
        assessment.assign(app, [conflicted], county_officer)


def test_an_officer_of_another_county_cannot_assign(app, other_county_officer):
    with pytest.raises(Exception, match="不能为该申报分配"):
        assessment.assign(app, flows.assessors(1), other_county_officer)


def test_declining_records_the_conflict_and_frees_the_place(app, county_officer, django_capture_on_commit_callbacks):
    first, second = flows.assessors(2)
    assessment.assign(app, [first, second], county_officer)
    task = Assignment.objects.get(assessor=first)
    with django_capture_on_commit_callbacks(execute=True):
        assessment.decline(task, "曾在该单位担任顾问", first.user)
    assert ConflictDeclaration.objects.filter(assessor=first, business=app.business).exists()
    assert assessment.places_left(app) == 1


def test_the_officer_is_told_to_assign_another_when_an_assessor_declines(app, county_officer, sent_mail):
    first = flows.assessors(1)[0]
    assessment.assign(app, [first], county_officer)
    sent_mail()
    mail.outbox = []
    assessment.decline(Assignment.objects.get(assessor=first), "曾在该单位担任顾问", first.user)
    assert [m.to for m in sent_mail()] == [[county_officer.email]]
    assert "另行分配" in mail.outbox[0].subject


def test_declining_needs_a_reason(app, county_officer):
    first = flows.assessors(1)[0]
    assessment.assign(app, [first], county_officer)
    with pytest.raises(ValidationError):
        assessment.decline(Assignment.objects.get(assessor=first), " ", first.user)


def test_a_draft_score_can_be_saved_and_changed(app, county_officer):
    first = flows.assessors(1)[0]
    assessment.assign(app, [first], county_officer)
    task = Assignment.objects.get(assessor=first)
    assessment.save_scores(task, {"A1": {"points": 5}}, first.user)
    assessment.save_scores(task, {"A1": {"points": 4, "comment": "台账不全"}}, first.user)
    task.refresh_from_db()
    assert (task.status, task.scores["A1"]["points"]) == (Assignment.Status.ASSIGNED, 4.0)


def test_a_submitted_score_cannot_change(county_officer):
    app = flows.scored(county_officer, [90, 92])
    task = app.assignments.first()
    with pytest.raises(ValidationError, match="已提交"):
        assessment.save_scores(task, {"A1": {"points": 0}}, task.assessor.user)


def test_the_application_moves_to_assessed_when_every_assessor_has_submitted(county_officer):
    assert flows.scored(county_officer, [90, 92]).state == State.ASSESSED


def test_the_application_stays_under_assessment_until_the_last_score(app, county_officer):
    first, second = flows.assessors(2)
    assessment.assign(app, [first, second], county_officer)
    task = Assignment.objects.get(assessor=first)
    assessment.save_scores(task, flows.score_sheet(app.criteria.as_criteria(), 90, 1), first.user, submit=True)
    app.refresh_from_db()
    assert app.state == State.UNDER_ASSESSMENT


def test_the_final_score_is_the_mean_of_the_assessors_totals(county_officer):
    assert str(flows.scored(county_officer, [90, 93]).final_score) == "91.50"


def test_a_veto_from_one_assessor_fails_the_application(county_officer):
    app = flows.scored(county_officer, [98, 99], veto=True)
    assert app.has_veto is True
    assert app.allowed("open_notice", county_officer)[0] is False


def test_a_large_spread_is_flagged_and_blocks_the_notice(county_officer):
    app = flows.scored(county_officer, [95, 78])
    assert app.spread_flagged is True
    assert "相差过大" in app.allowed("open_notice", county_officer)[1]


def test_confirming_a_flagged_result_lets_it_go_on_notice(county_officer):
    app = flows.scored(county_officer, [95, 78])
    workflow.perform(app, "confirm_result", county_officer, comment="两位评审员意见已复核，结果有效。")
    assert app.allowed("open_notice", county_officer) == (True, "")


def test_a_further_assessor_for_a_flagged_result_reopens_the_assessment(county_officer):
    app = flows.scored(county_officer, [95, 78])
    assessment.assign(app, flows.assessors(1), county_officer)
    app.refresh_from_db()
    assert app.state == State.UNDER_ASSESSMENT
    assert app.final_score is None


def test_a_city_application_reaching_only_the_county_mark_can_be_offered_at_county_level(county_officer):
    app = flows.scored(county_officer, [86, 87], level="city")
    workflow.perform(app, "offer_county_level", county_officer)
    app.refresh_from_db()
    assert (app.level_requested, app.level) == ("city", "county")


def test_a_city_application_reaching_the_city_mark_is_not_offered_county_level(county_officer):
    app = flows.scored(county_officer, [95, 96], level="city")
    assert "offer_county_level" not in {a.name for a in app.actions_for(county_officer)}
