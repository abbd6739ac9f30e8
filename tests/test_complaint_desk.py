"""The officers' desk: a county officer takes a case through 联系 → 办理 → 反馈 → 回访 → 归档, each step
dated and logged; another county's officer is refused and nothing changes; the city sees every county."""

import re

import pytest

from certification.models import ComplaintLog, ComplaintState

from .complaints import complaint_about, to_revisit, unit_in

pytestmark = pytest.mark.django_db

NOTE = {"note": "已电话联系投诉人，约定调解时间。"}
CLOSE = {"note": "经营者退还多收款项。", "substantiated": "yes", "result": "refunded", "money_recovered": "5.00"}


@pytest.fixture
def case(db):
    return complaint_about(unit_in("柞水县"))


def step(client, case, name, data=NOTE):
    return client.post(f"/staff/complaints/{case.pk}/steps/{name}/", data)


@pytest.mark.parametrize("name,state,dated", [
    ("contact", "contacted", "contacted_at"), ("handle", "handled", "handled_at"),
    ("answer", "answered", "answered_at"), ("revisit", "revisited", "revisited_at"),
])
def test_each_step_by_the_county_officer_moves_the_case_and_dates_it(client, county_officer, case, name, state,
                                                                      dated):
    names = ["contact", "handle", "answer", "revisit"]
    client.force_login(county_officer)
    for earlier in names[:names.index(name)]:
        step(client, case, earlier)
    response = step(client, case, name)
    case.refresh_from_db()
    assert response.status_code == 302 and response["Location"] == f"/staff/complaints/{case.pk}/"
    assert case.state == state and getattr(case, dated) is not None


def test_the_close_records_the_outcome(client, county_officer, case):
    to_revisit(case, county_officer)
    client.force_login(county_officer)
    step(client, case, "archive", CLOSE)
    case.refresh_from_db()
    assert (case.state, case.substantiated, case.result, str(case.money_recovered)) == (
        ComplaintState.ARCHIVED, True, "refunded", "5.00")
    assert case.archived_at is not None and case.days_to_close == 0


def test_every_step_is_logged_with_who_and_what(client, county_officer, case):
    to_revisit(case, county_officer)
    client.force_login(county_officer)
    step(client, case, "archive", CLOSE)
    log = list(ComplaintLog.objects.filter(complaint=case).values_list("step", "actor", "note"))
    assert [row[0] for row in log] == ["contact", "handle", "answer", "revisit", "archive"]
    assert log[-1][1:] == (county_officer.pk, CLOSE["note"])


def test_the_log_is_append_only(case, county_officer):
    to_revisit(case, county_officer)
    entry = ComplaintLog.objects.first()
    with pytest.raises(TypeError):
        entry.save()
    with pytest.raises(TypeError):
        ComplaintLog.objects.all().delete()


def test_a_step_needs_a_note(client, county_officer, case):
    client.force_login(county_officer)
    response = step(client, case, "contact", {"note": " "})
    case.refresh_from_db()
    assert response.status_code == 400 and "请填写办理情况" in response.content.decode()
    assert case.state == ComplaintState.RECEIVED


def test_the_close_without_an_outcome_gets_chinese_errors_and_changes_nothing(client, county_officer, case):
    to_revisit(case, county_officer)
    client.force_login(county_officer)
    response = step(client, case, "archive", {"note": "归档", "money_recovered": "很多"})
    case.refresh_from_db()
    page = response.content.decode()
    assert "请选择投诉是否属实" in page and "请选择处理结果" in page and "应为数字" in page
    assert case.state == ComplaintState.REVISITED


def test_a_step_out_of_order_is_refused_and_changes_nothing(client, county_officer, case):
    client.force_login(county_officer)
    response = step(client, case, "answer")
    case.refresh_from_db()
    assert response.status_code == 302
    assert case.state == ComplaintState.RECEIVED and not case.log.exists()


def test_an_unknown_step_changes_nothing(client, county_officer, case):
    client.force_login(county_officer)
    step(client, case, "delete")
    case.refresh_from_db()
    assert case.state == ComplaintState.RECEIVED


def test_another_countys_officer_is_refused_a_step_and_nothing_changes(client, other_county_officer, case):
    client.force_login(other_county_officer)
    response = step(client, case, "contact")
    case.refresh_from_db()
    assert response.status_code == 404
    assert case.state == ComplaintState.RECEIVED and case.contacted_at is None and not case.log.exists()


def test_another_countys_officer_cannot_close_it_and_nothing_changes(client, county_officer, other_county_officer,
                                                                      case):
    to_revisit(case, county_officer)
    client.force_login(other_county_officer)
    response = step(client, case, "archive", CLOSE)
    case.refresh_from_db()
    assert response.status_code == 404
    assert case.state == ComplaintState.REVISITED and case.substantiated is None and case.log.count() == 4


def test_another_countys_officer_cannot_open_the_case(client, other_county_officer, case):
    client.force_login(other_county_officer)
    assert client.get(f"/staff/complaints/{case.pk}/").status_code == 404


def test_another_countys_officer_does_not_list_it(client, other_county_officer, case):
    client.force_login(other_county_officer)
    assert case.reference not in client.get("/staff/complaints/?show=all").content.decode()


def test_the_county_officer_lists_it(client, county_officer, case):
    client.force_login(county_officer)
    assert case.reference in client.get("/staff/complaints/").content.decode()


def test_a_city_officer_works_cases_of_every_county(client, city_officer, case):
    client.force_login(city_officer)
    step(client, case, "contact")
    case.refresh_from_db()
    assert case.state == ComplaintState.CONTACTED


def test_applicants_and_assessors_are_refused_the_desk(client, applicant_a, assessor, case):
    for user in (applicant_a, assessor):
        client.force_login(user)
        assert client.get("/staff/complaints/").status_code == 403
        assert step(client, case, "contact").status_code == 403
    case.refresh_from_db()
    assert case.state == ComplaintState.RECEIVED


def test_anonymous_visitors_are_sent_to_log_in_and_nothing_changes(client, case):
    response = step(client, case, "contact")
    case.refresh_from_db()
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    assert case.state == ComplaintState.RECEIVED


def test_an_officer_enters_a_hotline_case_for_a_unit_of_their_county(client, county_officer):
    unit = unit_in("柞水县")
    client.force_login(county_officer)
    response = client.post("/staff/complaints/new/", {
        "unit": unit.pk, "channel": "hotline", "category": "quality", "text": "买到过期食品，要求赔偿。",
        "complainant_phone": "13800000000",
    })
    complaint = unit.complaints.get()
    assert response["Location"] == f"/staff/complaints/{complaint.pk}/"
    assert (complaint.channel, complaint.created_by) == ("hotline", county_officer)


def test_an_officer_who_enters_a_case_is_shown_a_secret_that_tracks_it(client, county_officer):
    unit = unit_in("柞水县")
    client.force_login(county_officer)
    page = client.post("/staff/complaints/new/", {
        "unit": unit.pk, "channel": "hotline", "category": "quality", "text": "买到过期食品，要求赔偿。",
    }, follow=True).content.decode()
    complaint = unit.complaints.get()
    secret = re.search(rf"{complaint.reference}，查询码 (\d+)", page).group(1)
    assert complaint.secret_matches(secret)


HOTLINE_CASE = {"channel": "hotline", "category": "redress", "text": "预付卡商家关门，无法退费。"}


def entry_page(client):
    return re.search(r'name="submission" value="([^"]+)"',
                     client.get("/staff/complaints/new/").content.decode()).group(1)


def test_two_callers_with_the_same_words_entered_from_two_pages_are_two_cases(client, county_officer):
    unit = unit_in("柞水县")
    client.force_login(county_officer)
    for _ in range(2):
        client.post("/staff/complaints/new/", {"unit": unit.pk, **HOTLINE_CASE, "submission": entry_page(client)})
    assert unit.complaints.count() == 2


def test_an_entry_page_sent_twice_is_one_case(client, county_officer):
    unit = unit_in("柞水县")
    client.force_login(county_officer)
    page = entry_page(client)
    for _ in range(2):
        client.post("/staff/complaints/new/", {"unit": unit.pk, **HOTLINE_CASE, "submission": page})
    assert unit.complaints.count() == 1


def test_the_officers_entry_form_speaks_of_the_complainant(client, county_officer):
    client.force_login(county_officer)
    page = client.get("/staff/complaints/new/").content.decode()
    assert "投诉人姓名" in page and "投诉人联系电话" in page
    assert "您的姓名" not in page


def test_an_officer_cannot_enter_a_case_for_another_countys_unit(client, other_county_officer):
    unit = unit_in("柞水县")
    client.force_login(other_county_officer)
    response = client.post("/staff/complaints/new/", {
        "unit": unit.pk, "channel": "hotline", "category": "quality", "text": "买到过期食品，要求赔偿。",
    })
    assert response.status_code == 200 and "请选择您辖区内的示范单位" in response.content.decode()
    assert not unit.complaints.exists()


def test_evidence_is_served_to_the_county_officer_only(client, county_officer, other_county_officer, assessor):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from .factories import blank_pdf

    case = complaint_about(unit_in("柞水县"), evidence=[SimpleUploadedFile("x.pdf", blank_pdf())])
    evidence = case.evidence.get()
    client.force_login(county_officer)
    assert client.get(f"/staff/complaints/evidence/{evidence.pk}/").status_code == 200
    client.force_login(other_county_officer)
    assert client.get(f"/staff/complaints/evidence/{evidence.pk}/").status_code == 404


def test_a_step_logged_without_an_actor_shows_as_the_system_not_a_500(client, county_officer, case):
    ComplaintLog.objects.create(complaint=case, step="contact", source="received", target="contacted", actor=None,
                                note="12315平台转办时已联系。")
    client.force_login(county_officer)
    response = client.get(f"/staff/complaints/{case.pk}/")
    assert response.status_code == 200 and "系统" in response.content.decode()
