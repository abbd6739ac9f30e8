"""The applicant portal through HTTP: profile, application, self-assessment, submit, status page."""

import pytest

from certification.models import Application, Business, State
from certification.services import workflow

from .factories import ApplicationFactory, RoundFactory, UserFactory

pytestmark = pytest.mark.django_db

VALID_USCC = "91611026786795451" + "2"


@pytest.fixture
def newcomer(client):
    user = UserFactory(username="newcomer")
    client.force_login(user)
    return user


@pytest.fixture
def signed_in_a(client, applicant_a):
    client.force_login(applicant_a)
    return applicant_a


def business_post(**overrides):
    from certification.models import Industry, Region

    data = {
        "uscc": VALID_USCC, "name": "柞水新开超市有限公司", "address": "柞水县乾佑街1号",
        "region": Region.objects.get(name="柞水县").pk, "industry": Industry.objects.get(code="retail").pk,
        "contact_person": "王经理", "contact_phone": "0914-4321000",
    }
    return {**data, **overrides}


def test_a_new_account_is_sent_to_register_its_business(client, newcomer):
    response = client.get("/portal/")
    assert response.status_code == 302
    assert response.url == "/portal/business/"


def test_registering_a_business_ties_it_to_the_account(client, newcomer):
    response = client.post("/portal/business/", business_post())
    assert response.status_code == 302
    assert Business.objects.get(uscc=VALID_USCC).owner == newcomer


def test_a_lower_case_uscc_is_accepted_and_stored_upper_case(client, newcomer):
    client.post("/portal/business/", business_post(uscc=VALID_USCC.lower()))
    assert Business.objects.filter(uscc=VALID_USCC).exists()


def test_a_wrong_uscc_check_digit_gives_a_chinese_error(client, newcomer):
    response = client.post("/portal/business/", business_post(uscc=VALID_USCC[:17] + "3"))
    assert response.status_code == 200
    assert "校验位不正确" in response.content.decode()
    assert not Business.objects.filter(owner=newcomer).exists()


def test_a_uscc_registered_by_another_account_is_refused(client, newcomer, applicant_a):
    response = client.post("/portal/business/", business_post(uscc=applicant_a.business.uscc))
    assert "已登记" in response.content.decode()


def test_starting_an_application_creates_a_draft_in_the_open_round(client, signed_in_a):
    round_ = RoundFactory()
    response = client.post("/portal/applications/new/", {"round": round_.pk, "level": "city"})
    app = Application.objects.get(business=signed_in_a.business)
    assert response.status_code == 302
    assert (app.state, app.level_requested, app.level) == (State.DRAFT, "city", "city")


def test_a_closed_round_cannot_be_chosen(client, signed_in_a):
    round_ = RoundFactory(closed=True)
    client.post("/portal/applications/new/", {"round": round_.pk, "level": "county"})
    assert not Application.objects.exists()


def test_a_second_application_in_the_same_round_is_refused(client, signed_in_a):
    round_ = RoundFactory()
    client.post("/portal/applications/new/", {"round": round_.pk, "level": "county"})
    client.post("/portal/applications/new/", {"round": round_.pk, "level": "county"})
    assert Application.objects.count() == 1


def test_saving_a_partial_self_assessment_keeps_a_draft(client, signed_in_a):
    app = ApplicationFactory(business=signed_in_a.business)
    response = client.post(f"/portal/applications/{app.pk}/self-assessment/",
                           {"points_A1": "5", "note_A1": "消防检查合格"})
    app.refresh_from_db()
    assert response.status_code == 302
    assert app.self_assessment == {"A1": {"points": 5.0, "note": "消防检查合格"}}
    assert app.state == State.DRAFT


def test_points_above_the_maximum_give_a_chinese_error(client, signed_in_a):
    app = ApplicationFactory(business=signed_in_a.business)
    response = client.post(f"/portal/applications/{app.pk}/self-assessment/", {"points_A1": "60", "note_A1": "x"})
    assert response.status_code == 200
    assert "不能超过 6 分" in response.content.decode()


def test_non_numeric_points_give_a_chinese_error_not_a_500(client, signed_in_a):
    app = ApplicationFactory(business=signed_in_a.business)
    response = client.post(f"/portal/applications/{app.pk}/self-assessment/", {"points_A1": "abc"})
    assert response.status_code == 200
    assert "分值必须是数字" in response.content.decode()


def test_the_submit_button_works_only_when_the_application_is_complete(client, signed_in_a):
    incomplete = ApplicationFactory(business=signed_in_a.business)
    html = client.get(f"/portal/applications/{incomplete.pk}/").content.decode()
    assert '<button class="primary" type="submit">提交申报</button>' not in html  # shown disabled instead
    incomplete.delete()
    complete = ApplicationFactory(business=signed_in_a.business, complete=True, documents=True)
    html = client.get(f"/portal/applications/{complete.pk}/").content.decode()
    assert '<button class="primary" type="submit">提交申报</button>' in html


def test_submitting_through_the_portal_moves_the_application(client, signed_in_a):
    app = ApplicationFactory(business=signed_in_a.business, complete=True, documents=True)
    response = client.post(f"/portal/applications/{app.pk}/transitions/submit/")
    app.refresh_from_db()
    assert response.status_code == 302
    assert app.state == State.SUBMITTED


def test_submitting_an_incomplete_application_answers_409_with_the_reason(client, signed_in_a):
    app = ApplicationFactory(business=signed_in_a.business, documents=True)
    response = client.post(f"/portal/applications/{app.pk}/transitions/submit/")
    assert response.status_code == 409
    assert "自评" in response.content.decode()


def test_the_status_page_shows_the_return_reason_and_the_timeline(client, signed_in_a, county_officer):
    app = ApplicationFactory(business=signed_in_a.business, complete=True, documents=True)
    workflow.perform(app, "submit", signed_in_a)
    workflow.perform(app, "return_for_correction", county_officer, comment="营业执照照片不清晰")
    html = client.get(f"/portal/applications/{app.pk}/").content.decode()
    assert "退回补正" in html
    assert "营业执照照片不清晰" in html
    assert "已提交，待受理" in html
    assert "重新提交" in html


def test_an_officer_only_transition_posted_to_the_portal_answers_404(client, signed_in_a):
    app = ApplicationFactory(business=signed_in_a.business, state=State.SUBMITTED)
    assert client.post(f"/portal/applications/{app.pk}/transitions/accept/").status_code == 404


def test_an_applicant_cannot_see_another_businesss_application(client, signed_in_a, applicant_b):
    other = ApplicationFactory(business=applicant_b.business)
    assert client.get(f"/portal/applications/{other.pk}/").status_code == 404


def test_the_self_assessment_is_locked_after_submit(client, signed_in_a):
    app = ApplicationFactory(business=signed_in_a.business, complete=True, documents=True)
    workflow.perform(app, "submit", signed_in_a)
    client.post(f"/portal/applications/{app.pk}/self-assessment/", {"points_A1": "0", "note_A1": "改"})
    app.refresh_from_db()
    assert app.self_assessment["A1"]["note"] != "改"


def test_the_checklist_names_what_is_missing_before_submit(client, signed_in_a):
    app = ApplicationFactory(business=signed_in_a.business)
    html = client.get(f"/portal/applications/{app.pk}/").content.decode()
    assert "请对全部指标完成自评" in html and "请上传营业执照和放心消费承诺书" in html


def test_the_checklist_of_a_returned_application_ignores_the_closed_window(client, signed_in_a):
    app = ApplicationFactory(business=signed_in_a.business, state=State.RETURNED, complete=True, documents=True,
                             round=RoundFactory(closed=True))
    html = client.get(f"/portal/applications/{app.pk}/").content.decode()
    assert "可以提交" in html
    assert ">重新提交</button>" in html
