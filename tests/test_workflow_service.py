"""The workflow service: issue 3's transitions, their guards, the log and the e-mails."""

import pytest
from django.core import mail

from certification.models import State, TransitionLog
from certification.selectors import portal as portal_selectors
from certification.services import workflow

from .factories import ApplicationFactory, RoundFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def ready(applicant_a):
    """A complete draft of applicant A: every indicator self-assessed, both documents attached."""
    return ApplicationFactory(business=applicant_a.business, complete=True, documents=True)


@pytest.fixture
def submitted(ready, applicant_a):
    return workflow.perform(ready, "submit", applicant_a)


def test_submitting_a_complete_draft_moves_it_to_submitted(ready, applicant_a):
    assert workflow.perform(ready, "submit", applicant_a).state == State.SUBMITTED


def test_submitting_pins_the_live_criteria_snapshot(ready, applicant_a):
    app = workflow.perform(ready, "submit", applicant_a)
    assert app.criteria is not None
    assert len(app.criteria.as_criteria().indicators()) == len(app.self_assessment)


def test_submit_needs_every_indicator_self_assessed(applicant_a):
    app = ApplicationFactory(business=applicant_a.business, documents=True, self_assessment={"A1": {"points": 5}})
    with pytest.raises(workflow.TransitionConflict, match="自评"):
        workflow.perform(app, "submit", applicant_a)


def test_submit_needs_the_licence_and_the_commitment_letter(applicant_a):
    app = ApplicationFactory(business=applicant_a.business, complete=True)
    with pytest.raises(workflow.TransitionConflict, match="营业执照"):
        workflow.perform(app, "submit", applicant_a)


def test_submit_is_refused_outside_the_application_window(applicant_a):
    app = ApplicationFactory(business=applicant_a.business, complete=True, documents=True,
                             round=RoundFactory(closed=True))
    with pytest.raises(workflow.TransitionConflict, match="申报时间"):
        workflow.perform(app, "submit", applicant_a)


def test_another_applicant_may_not_submit(ready, applicant_b):
    with pytest.raises(workflow.TransitionRefused):
        workflow.perform(ready, "submit", applicant_b)


def test_an_officer_of_the_county_accepts_a_submitted_application(submitted, county_officer):
    assert workflow.perform(submitted, "accept", county_officer).state == State.UNDER_ASSESSMENT


def test_an_officer_of_another_county_may_not_accept(submitted, other_county_officer):
    with pytest.raises(workflow.TransitionRefused):
        workflow.perform(submitted, "accept", other_county_officer)


def test_a_city_officer_may_accept_in_any_county(submitted, city_officer):
    assert workflow.perform(submitted, "accept", city_officer).state == State.UNDER_ASSESSMENT


def test_returning_needs_a_reason(submitted, county_officer):
    with pytest.raises(workflow.CommentRequired):
        workflow.perform(submitted, "return_for_correction", county_officer, comment="  ")


def test_a_returned_application_can_be_resubmitted(submitted, county_officer, applicant_a):
    workflow.perform(submitted, "return_for_correction", county_officer, comment="承诺书未盖章")
    assert workflow.perform(submitted, "resubmit", applicant_a).state == State.SUBMITTED


def test_the_return_reason_is_kept_for_the_applicant(submitted, county_officer):
    workflow.perform(submitted, "return_for_correction", county_officer, comment="承诺书未盖章")
    assert portal_selectors.last_reason(submitted, State.RETURNED) == "承诺书未盖章"


def test_refusing_needs_a_reason_and_rejects(submitted, county_officer):
    app = workflow.perform(submitted, "refuse", county_officer, comment="不属于创建行业")
    assert app.state == State.REJECTED


def test_the_applicant_can_withdraw_a_submitted_application(submitted, applicant_a):
    assert workflow.perform(submitted, "withdraw", applicant_a).state == State.WITHDRAWN


def test_an_officer_cannot_withdraw_for_the_applicant(submitted, county_officer):
    with pytest.raises(workflow.TransitionRefused):
        workflow.perform(submitted, "withdraw", county_officer)


def test_accepting_twice_gives_a_conflict_the_second_time(submitted, county_officer):
    workflow.perform(submitted, "accept", county_officer)
    with pytest.raises(workflow.TransitionConflict):
        workflow.perform(submitted, "accept", county_officer)


def test_log_rows_equal_the_transitions_made(submitted, county_officer, applicant_a):
    workflow.perform(submitted, "return_for_correction", county_officer, comment="补充材料")
    workflow.perform(submitted, "resubmit", applicant_a)
    workflow.perform(submitted, "accept", county_officer)
    logs = list(TransitionLog.objects.filter(application=submitted).values_list("transition", "source", "target"))
    assert logs == [
        ("submit", "draft", "submitted"),
        ("return_for_correction", "submitted", "returned"),
        ("resubmit", "returned", "submitted"),
        ("accept", "submitted", "under_assessment"),
    ]


def test_a_refused_transition_writes_no_log_row(ready, applicant_b):
    with pytest.raises(workflow.TransitionRefused):
        workflow.perform(ready, "submit", applicant_b)
    assert not TransitionLog.objects.exists()


def test_log_rows_cannot_be_changed_or_deleted(submitted):
    log = TransitionLog.objects.get()
    log.comment = "改写"
    with pytest.raises(TypeError):
        log.save()
    with pytest.raises(TypeError):
        log.delete()
    with pytest.raises(TypeError):
        TransitionLog.objects.all().update(comment="x")
    with pytest.raises(TypeError):
        TransitionLog.objects.all().delete()


def test_the_applicant_is_emailed_in_chinese_when_returned(submitted, county_officer, sent_mail):
    sent_mail()
    mail.outbox = []
    workflow.perform(submitted, "return_for_correction", county_officer, comment="承诺书未盖章")
    assert len(sent_mail()) == 1
    assert mail.outbox[0].to == [submitted.business.owner.email]
    assert "退回补正" in mail.outbox[0].subject
    assert "承诺书未盖章" in mail.outbox[0].body


def test_available_actions_for_an_officer_are_the_review_transitions(submitted, county_officer):
    names = {a.name for a in submitted.actions_for(county_officer)}
    assert names == {"accept", "return_for_correction", "refuse"}


def test_available_actions_for_the_applicant_of_a_submitted_application(submitted, applicant_a):
    assert [a.name for a in submitted.actions_for(applicant_a)] == ["withdraw"]


def test_an_officer_of_another_county_has_no_actions(submitted, other_county_officer):
    assert submitted.actions_for(other_county_officer) == []
