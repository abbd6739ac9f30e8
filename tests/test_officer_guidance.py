"""Officers are told why an application is not offered, which marks a score reaches, and when work arrives."""

import pytest
from django.core import mail
from django.utils import timezone

from certification.models import Level, Officer
from certification.services import assessment, daily, notice, workflow

from . import flows
from .factories import ApplicationFactory, BusinessFactory, ObjectionFactory, RoundFactory, UserFactory
from .flows import score_sheet

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(client, county_officer):
    client.force_login(county_officer)
    return client


def half_scored(officer):
    """Accepted, two assessors assigned, one sheet submitted."""
    app = flows.accepted(officer)
    assessment.assign(app, flows.assessors(2), officer)
    first = app.assignments.order_by("pk").first()
    assessment.save_scores(first, score_sheet(app.criteria.as_criteria(), 92, 0), first.assessor.user, submit=True)
    return app


# --- why an application is not offered ---------------------------------------------------------------


def test_the_notice_batch_says_an_application_waits_for_its_second_assessor(staff, county_officer):
    app = half_scored(county_officer)
    html = staff.get("/staff/notice/").content.decode()
    assert app.business.name in html
    assert "已交 1 / 2 份" in html


def test_the_notice_batch_says_an_application_is_below_its_mark(staff, county_officer):
    app = flows.scored(county_officer, [70, 72])
    html = staff.get("/staff/notice/").content.decode()
    assert app.business.name in html
    assert f"得分 {app.final_score}，未达到县区级合格分（80）" in html


def test_the_notice_batch_says_a_city_application_may_go_on_as_county_level(staff, county_officer):
    flows.scored(county_officer, [86, 87], level=Level.CITY)
    html = staff.get("/staff/notice/").content.decode()
    assert "未达到市级合格分（90），但达到县区级合格分（80）" in html


def test_the_notice_batch_does_not_explain_another_countys_applications(client, county_officer,
                                                                         other_county_officer):
    app = flows.scored(county_officer, [70, 72])
    client.force_login(other_county_officer)
    assert app.business.name not in client.get("/staff/notice/").content.decode()


def test_the_naming_batch_says_an_objection_is_pending(staff, county_officer):
    app = flows.on_notice(county_officer, days_ago=30)
    ObjectionFactory(application=app)
    html = staff.get("/staff/naming/").content.decode()
    assert app.business.name in html
    assert "有 1 件公示异议尚未处理" in html


def test_the_naming_batch_says_when_the_notice_ends(staff, county_officer):
    app = flows.on_notice(county_officer)
    assert f"公示期至 {app.notice_ends_on:%Y-%m-%d} 结束" in staff.get("/staff/naming/").content.decode()


# --- the score against the marks ------------------------------------------------------------------------


def test_a_city_application_at_86_5_is_shown_missing_the_city_mark_and_reaching_the_county_mark(staff,
                                                                                                county_officer):
    app = flows.scored(county_officer, [86, 87], level=Level.CITY)
    html = staff.get(f"/staff/applications/{app.pk}/").content.decode()
    assert "86.50" in html
    assert '<span class="badge warn">未达到</span> 市级合格分（90）' in html
    assert '<span class="badge ok">达到</span> 县区级合格分（80）' in html


def test_the_marks_shown_are_the_rounds_own(staff, county_officer):
    round_ = RoundFactory()
    round_.pass_mark_county, round_.pass_mark_city = 75, 85
    round_.save()
    app = flows.scored(county_officer, [86, 87], level=Level.CITY, round=round_)
    html = staff.get(f"/staff/applications/{app.pk}/").content.decode()
    assert "市级合格分（85）" in html and "县区级合格分（75）" in html


# --- the objection that vetoes, and the notice published -------------------------------------------------


def test_upholding_an_objection_looks_dangerous_and_asks_to_confirm(staff, county_officer):
    app = flows.on_notice(county_officer)
    ObjectionFactory(application=app)
    html = staff.get(f"/staff/applications/{app.pk}/").content.decode()
    assert 'value="upheld" class="danger-solid" data-confirm="' in html
    assert "js/confirm.js" in html


def test_an_application_on_notice_links_its_published_notice(staff, county_officer):
    app = flows.scored(county_officer, [90, 92])
    _, _, page = notice.open_notice([app], county_officer)
    html = staff.get(f"/staff/applications/{app.pk}/").content.decode()
    assert f'href="{page.url}"' in html


def test_the_notice_batch_links_the_notice_it_published(staff, county_officer):
    app = flows.scored(county_officer, [90, 92])
    response = staff.post("/staff/notice/", {"application": app.pk, "confirm": "1"}, follow=True)
    page = app.notice_entries.get().page
    assert f'href="{page.url}"' in response.content.decode()


# --- e-mail when work arrives ----------------------------------------------------------------------------


def submitted_application(region_officer):
    business = BusinessFactory(owner=UserFactory())
    app = ApplicationFactory(business=business, complete=True, documents=True)
    return workflow.perform(app, "submit", business.owner)


def mail_to(messages, user):
    return [m for m in messages if user.email in m.to]


def test_a_submitted_application_is_emailed_to_its_county_officer(county_officer, sent_mail):
    app = submitted_application(county_officer)
    [message] = mail_to(sent_mail(), county_officer)
    assert app.business.name in message.subject
    assert f"/staff/applications/{app.pk}/" in message.body


def test_an_officer_of_another_county_is_not_emailed(county_officer, other_county_officer, sent_mail):
    submitted_application(county_officer)
    assert mail_to(sent_mail(), other_county_officer) == []


def test_a_resubmitted_application_is_emailed(county_officer, sent_mail):
    app = submitted_application(county_officer)
    workflow.perform(app, "return_for_correction", county_officer, comment="请补充承诺书")
    sent_mail()
    mail.outbox = []
    workflow.perform(app, "resubmit", app.business.owner)
    assert "重新提交" in mail_to(sent_mail(), county_officer)[0].subject


def test_a_fully_scored_application_is_emailed(county_officer, sent_mail):
    app = half_scored(county_officer)
    sent_mail()
    mail.outbox = []
    second = app.assignments.order_by("pk").last()
    assessment.save_scores(second, score_sheet(app.criteria.as_criteria(), 90, 1), second.assessor.user, submit=True)
    assert "评分已全部提交" in mail_to(sent_mail(), county_officer)[0].subject


def choose_digest(officer):
    officer.officer.notice_preference = Officer.Notices.DAILY
    officer.officer.save()


def test_an_officer_who_chose_the_digest_gets_nothing_at_the_event(county_officer, sent_mail):
    choose_digest(county_officer)
    submitted_application(county_officer)
    assert mail_to(sent_mail(), county_officer) == []


def test_the_daily_run_sends_the_digest_with_every_new_application(county_officer, sent_mail):
    choose_digest(county_officer)
    first, second = submitted_application(county_officer), submitted_application(county_officer)
    daily.run(timezone.localdate())
    [message] = mail_to(sent_mail(), county_officer)
    assert "2 件" in message.subject
    assert first.business.name in message.body and second.business.name in message.body


def test_a_second_daily_run_sends_no_second_digest(county_officer, sent_mail):
    choose_digest(county_officer)
    submitted_application(county_officer)
    daily.run(timezone.localdate())
    daily.run(timezone.localdate())
    assert len(mail_to(sent_mail(), county_officer)) == 1


def test_an_officer_chooses_the_digest_on_the_preferences_page(staff, county_officer):
    response = staff.post("/staff/preferences/", {"notice_preference": "daily"})
    assert response.status_code == 302
    county_officer.officer.refresh_from_db()
    assert county_officer.officer.notice_preference == Officer.Notices.DAILY


def test_the_preferences_page_says_new_complaints_are_always_sent_at_once(staff):
    assert "新投诉有办理时限，不受此设置影响" in staff.get("/staff/preferences/").content.decode()


def test_an_unknown_preference_is_refused_in_chinese(staff, county_officer):
    response = staff.post("/staff/preferences/", {"notice_preference": "hourly"})
    assert response.status_code == 200
    assert "选择" in response.content.decode()


def test_only_officers_have_a_preferences_page(client, applicant_a):
    client.force_login(applicant_a)
    assert client.get("/staff/preferences/").status_code == 403


