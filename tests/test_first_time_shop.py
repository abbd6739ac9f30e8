"""A first-time shop is guided: real choices, the steps and documents, no second draft, why it cannot submit."""

import pytest
from django.utils import timezone

from certification.criteria import live_criteria
from certification.models import Application, State
from certification.services import workflow

from .factories import ApplicationFactory, RoundFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def newcomer(client):
    user = UserFactory(username="newcomer")
    client.force_login(user)
    return user


@pytest.fixture
def signed_in_a(client, applicant_a):
    client.force_login(applicant_a)
    return applicant_a


def test_the_business_form_asks_to_choose_a_county_not_dashes(client, newcomer):
    html = client.get("/portal/business/").content.decode()
    assert "请选择所在县区" in html
    assert "请选择行业" in html
    assert "---------" not in html


def test_the_business_form_lists_the_steps_and_the_documents_to_prepare(client, newcomer):
    html = client.get("/portal/business/").content.decode()
    assert "申报步骤" in html
    assert "营业执照" in html and "放心消费承诺书" in html


def test_a_business_without_applications_sees_the_steps_on_its_dashboard(client, signed_in_a):
    assert "申报步骤" in client.get("/portal/").content.decode()


def test_the_dashboard_offers_to_continue_a_draft_instead_of_a_new_application(client, signed_in_a):
    round_ = RoundFactory()
    draft = ApplicationFactory(business=signed_in_a.business, round=round_)
    html = client.get("/portal/").content.decode()
    assert "继续填写" in html and f"/portal/applications/{draft.pk}/" in html
    assert "新建申报" not in html


def test_the_dashboard_offers_only_rounds_without_an_application(client, signed_in_a):
    today = timezone.localdate()
    applied = RoundFactory()
    RoundFactory(year=today.year + 1, application_opens=today, application_closes=today)
    ApplicationFactory(business=signed_in_a.business, round=applied)
    html = client.get("/portal/").content.decode()
    assert "新建申报" in html
    assert f'<option value="{applied.pk}"' not in html


def test_a_withdrawn_application_does_not_block_a_new_one(client, signed_in_a):
    round_ = RoundFactory()
    app = ApplicationFactory(business=signed_in_a.business, round=round_)
    workflow.perform(app, "withdraw", signed_in_a)
    assert f'<option value="{round_.pk}"' in client.get("/portal/").content.decode()


def test_an_incomplete_application_shows_the_submit_button_disabled_with_what_is_missing(client, signed_in_a):
    app = ApplicationFactory(business=signed_in_a.business)
    html = client.get(f"/portal/applications/{app.pk}/").content.decode()
    assert '<button type="button" disabled aria-describedby="submit-blocked">提交申报</button>' in html
    assert "请上传营业执照和放心消费承诺书" in html


def test_a_complete_application_shows_no_disabled_submit_button(client, signed_in_a):
    app = ApplicationFactory(business=signed_in_a.business, complete=True, documents=True)
    assert "submit-blocked" not in client.get(f"/portal/applications/{app.pk}/").content.decode()


def test_the_server_still_refuses_to_submit_an_incomplete_application(client, signed_in_a):
    app = ApplicationFactory(business=signed_in_a.business)
    assert client.post(f"/portal/applications/{app.pk}/transitions/submit/").status_code == 409
    app.refresh_from_db()
    assert app.state == State.DRAFT


def test_a_veto_item_is_asked_as_yes_or_no(client, signed_in_a):
    app = ApplicationFactory(business=signed_in_a.business)
    html = client.get(f"/portal/applications/{app.pk}/self-assessment/").content.decode()
    assert 'type="radio" name="points_A9" value="no"' in html
    assert 'name="points_A9" step' not in html and 'id="id_points_A9" step' not in html


def test_answering_no_to_a_veto_item_completes_it_without_a_note(client, signed_in_a):
    app = ApplicationFactory(business=signed_in_a.business)
    client.post(f"/portal/applications/{app.pk}/self-assessment/", {"points_A9": "no"})
    app.refresh_from_db()
    assert app.self_assessment["A9"] == {"points": 0.0, "note": "不存在该情形。", "veto": False}
    assert "A9" not in app.missing_self_assessment(live_criteria())


def test_answering_yes_to_a_veto_item_asks_what_happened(client, signed_in_a):
    app = ApplicationFactory(business=signed_in_a.business)
    response = client.post(f"/portal/applications/{app.pk}/self-assessment/", {"points_A9": "yes"})
    assert "存在该情形时请说明具体情况" in response.content.decode()
    app.refresh_from_db()
    assert "A9" not in app.self_assessment


def test_a_veto_answer_is_shown_back_on_the_form(client, signed_in_a):
    app = ApplicationFactory(business=signed_in_a.business)
    client.post(f"/portal/applications/{app.pk}/self-assessment/", {"points_A9": "yes", "note_A9": "2025年曾发生火灾"})
    html = client.get(f"/portal/applications/{app.pk}/self-assessment/").content.decode()
    assert 'value="yes" id="id_points_A9_1" checked' in html or 'value="yes" checked' in html.replace(
        ' id="id_points_A9_1"', "")


def test_a_new_application_for_a_round_with_a_draft_is_still_refused(client, signed_in_a):
    round_ = RoundFactory()
    ApplicationFactory(business=signed_in_a.business, round=round_)
    client.post("/portal/applications/new/", {"round": round_.pk, "level": "county"})
    assert Application.objects.count() == 1


def test_the_dashboard_stays_a_small_page(client, signed_in_a):
    ApplicationFactory(business=signed_in_a.business, round=RoundFactory())
    assert len(client.get("/portal/").content) < 30_000
