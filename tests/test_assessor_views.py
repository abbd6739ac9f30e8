"""The assessor's area through HTTP: only their own assignments; drafts, submission, declining."""

import pytest

from certification.models import Assignment, State

from . import flows

pytestmark = pytest.mark.django_db


@pytest.fixture
def task(county_officer):
    app = flows.accepted(county_officer)
    first, second = flows.assessors(2)
    from certification.services import assessment

    assessment.assign(app, [first, second], county_officer)
    return Assignment.objects.get(assessor=first)


def form_data(task, total_points=None, submit=False):
    data = {}
    for indicator in task.application.criteria.as_criteria().indicators():
        data[f"points_{indicator['code']}"] = str(indicator["max_points"])
        data[f"comment_{indicator['code']}"] = ""
    if submit:
        data["submit"] = "1"
    return data


def test_an_assessor_sees_their_assignment(client, task):
    client.force_login(task.assessor.user)
    response = client.get("/assess/")
    assert task.application.business.name in response.content.decode()


def test_an_assessor_opens_the_scoring_form_of_their_assignment(client, task):
    client.force_login(task.assessor.user)
    response = client.get(f"/assess/{task.pk}/")
    assert response.status_code == 200
    assert "逐项评分" in response.content.decode()


def test_another_assessors_assignment_answers_404(client, task):
    other = task.application.assignments.exclude(pk=task.pk).get()
    client.force_login(task.assessor.user)
    assert client.get(f"/assess/{other.pk}/").status_code == 404


def test_an_assessor_cannot_open_the_staff_file(client, task):
    client.force_login(task.assessor.user)
    assert client.get(f"/staff/applications/{task.application_id}/").status_code == 403


def test_an_applicant_cannot_open_the_assessor_area(client, applicant_a):
    client.force_login(applicant_a)
    assert client.get("/assess/").status_code == 403


def test_saving_a_draft_keeps_the_assignment_open(client, task):
    client.force_login(task.assessor.user)
    client.post(f"/assess/{task.pk}/", form_data(task))
    task.refresh_from_db()
    assert task.status == Assignment.Status.ASSIGNED
    assert task.scores["A1"]["points"] == 6.0


def test_submitting_locks_the_score(client, task):
    client.force_login(task.assessor.user)
    client.post(f"/assess/{task.pk}/", form_data(task, submit=True))
    task.refresh_from_db()
    assert (task.status, str(task.total)) == (Assignment.Status.SUBMITTED, "100.00")


def test_a_submitted_score_cannot_be_changed_through_the_form(client, task):
    client.force_login(task.assessor.user)
    client.post(f"/assess/{task.pk}/", form_data(task, submit=True))
    data = form_data(task, submit=True)
    data["points_A1"] = "0"
    client.post(f"/assess/{task.pk}/", data)
    task.refresh_from_db()
    assert task.scores["A1"]["points"] == 6.0


def test_a_score_below_maximum_without_comment_shows_a_chinese_error(client, task):
    client.force_login(task.assessor.user)
    data = form_data(task, submit=True)
    data["points_A1"] = "3"
    response = client.post(f"/assess/{task.pk}/", data)
    assert "须填写评审意见" in response.content.decode()
    task.refresh_from_db()
    assert task.status == Assignment.Status.ASSIGNED


def test_declining_through_the_form_hides_the_assignment_afterwards(client, task):
    client.force_login(task.assessor.user)
    client.post(f"/assess/{task.pk}/decline/", {"reason": "与该单位负责人系亲属"})
    assert client.get(f"/assess/{task.pk}/").status_code == 404


def test_the_last_submission_moves_the_application_to_assessed(client, task):
    for assignment in task.application.assignments.all():
        client.force_login(assignment.assessor.user)
        client.post(f"/assess/{assignment.pk}/", form_data(assignment, submit=True))
    task.application.refresh_from_db()
    assert task.application.state == State.ASSESSED
