"""The assessor's list puts the work waiting for a score first; the score sheet keeps a running total in view."""

import re

import pytest
from django.utils import timezone

from certification.models import Assignment, CriteriaSnapshot

from . import flows
from .factories import AssessorFactory, AssignmentFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def assessor_client(client):
    assessor = AssessorFactory(user=UserFactory(username="pingshen"))
    client.force_login(assessor.user)
    client.assessor = assessor
    return client


def task_for(assessor, status=Assignment.Status.ASSIGNED):
    return AssignmentFactory(assessor=assessor, status=status)


def test_waiting_assignments_come_first_with_their_count(assessor_client):
    done = task_for(assessor_client.assessor, Assignment.Status.SUBMITTED)
    waiting = [task_for(assessor_client.assessor) for _ in range(3)]
    html = assessor_client.get("/assess/").content.decode()
    assert re.search(r"待评分 <span class=\"badge warn\">3</span>", html)
    assert html.index(waiting[0].application.business.name) < html.index(done.application.business.name)


def test_finished_assignments_are_paginated(assessor_client):
    for _ in range(25):
        task_for(assessor_client.assessor, Assignment.Status.SUBMITTED)
    first = assessor_client.get("/assess/").content.decode()
    second = assessor_client.get("/assess/?page=2").content.decode()
    assert "第 1 / 2 页，共 25 条" in first
    assert first.count('href="/assess/') - second.count('href="/assess/') == 15


def test_a_page_number_out_of_range_shows_the_last_page(assessor_client):
    task_for(assessor_client.assessor, Assignment.Status.SUBMITTED)
    assert assessor_client.get("/assess/?page=99").status_code == 200


def test_the_list_shows_only_the_assessors_own_tasks(assessor_client):
    other = task_for(AssessorFactory())
    assert other.application.business.name not in assessor_client.get("/assess/").content.decode()


@pytest.fixture
def task(county_officer):
    from certification.services import assessment

    app = flows.accepted(county_officer)
    first, second = flows.assessors(2)
    assessment.assign(app, [first, second], county_officer)
    return Assignment.objects.get(assessor=first)


def test_the_conflict_of_interest_question_comes_before_the_score_sheet(client, task):
    client.force_login(task.assessor.user)
    html = client.get(f"/assess/{task.pk}/").content.decode()
    assert html.index("您与该单位有利害关系吗") < html.index('id="score-sheet"')


def test_the_score_sheet_has_a_bar_with_the_running_total_and_both_buttons(client, task):
    client.force_login(task.assessor.user)
    html = client.get(f"/assess/{task.pk}/").content.decode()
    bar = html[html.index('class="sheet-bar"'):]
    assert "<output data-score-total>0</output></strong> / 100 分" in bar
    assert 'name="save"' in bar and 'name="submit"' in bar
    assert "js/score-total.js" in html


def test_the_running_total_counts_a_saved_draft_without_script(client, task):
    client.force_login(task.assessor.user)
    client.post(f"/assess/{task.pk}/", {"points_A1": "6", "points_A2": "6.5", "comment_A2": "台账不全"})
    html = client.get(f"/assess/{task.pk}/").content.decode()
    assert "<output data-score-total>12.5</output>" in html
    to_score = [i for i in task.application.criteria.as_criteria().indicators() if i["max_points"] or not i["veto"]]
    assert f"已评 2 / {len(to_score)} 项" in html  # a veto item of no points has no box to fill


def test_the_criteria_version_reads_as_a_year_and_a_date(client, task):
    client.force_login(task.assessor.user)
    snapshot = task.application.criteria
    html = client.get(f"/assess/{task.pk}/").content.decode()
    since = timezone.localtime(snapshot.created_at)
    assert f"{since.year} 版（{since:%Y-%m-%d} 起）" in html
    assert snapshot.version not in html


def test_a_later_version_of_the_same_year_is_called_a_revision(task):
    first = task.application.criteria
    later = CriteriaSnapshot.objects.create(version="f" * 16, data=first.data)
    assert later.label.startswith(f"{timezone.localtime(later.created_at).year} 版第 2 次修订")


def test_the_units_answer_to_a_veto_question_reads_as_yes_or_no(client, task):
    app = task.application
    app.self_assessment["A9"] = {"points": 0, "note": "不存在该情形。", "veto": False}
    app.save(update_fields=["self_assessment"])
    client.force_login(task.assessor.user)
    assert "单位自评：不存在该情形；" in client.get(f"/assess/{task.pk}/").content.decode()
