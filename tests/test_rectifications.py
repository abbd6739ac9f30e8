"""整改: an officer of the naming body orders it, the unit answers in the portal, the officer keeps or revokes."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from certification.models import Certificate, Document, Rectification, State
from certification.services import naming, rectifications, workflow

from .factories import PDF_BYTES, CertificateFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def unit(db):
    return CertificateFactory(application__business__owner=UserFactory()).application


def in_a_month():
    return timezone.localdate() + datetime.timedelta(days=30)


@pytest.fixture
def ordered(unit, county_officer):
    rectifications.order(unit, "价格公示不全，未明码标价", in_a_month(), county_officer)
    unit.refresh_from_db()
    return unit


def test_ordering_a_rectification_puts_the_title_under_rectification(ordered):
    assert ordered.state == State.UNDER_RECTIFICATION


def test_the_title_stays_in_force_under_rectification(client, ordered):
    assert ordered.business.name in client.get("/units/").content.decode()


def test_the_directory_marks_a_unit_under_rectification(client, ordered):
    assert 'class="badge under_rectification"' in client.get("/units/").content.decode()


def test_the_unit_page_says_plainly_that_the_unit_is_rectifying(client, ordered):
    page = client.get(f"/units/{ordered.pk}/").content.decode()
    assert "称号整改中" in page and "整改期间称号仍然有效" in page


def test_verification_says_the_title_is_valid_and_under_rectification(client, ordered):
    page = client.get(f"/v/{ordered.certificate.token}/").content.decode()
    assert "<h1>称号有效，正在整改</h1>" in page


def test_a_deadline_in_the_past_is_refused(unit, county_officer):
    with pytest.raises(Exception, match="晚于今天"):
        rectifications.order(unit, "问题", timezone.localdate(), county_officer)
    unit.refresh_from_db()
    assert unit.state == State.NAMED and not Rectification.objects.exists()


def test_another_countys_officer_cannot_order_it(unit, other_county_officer):
    with pytest.raises(workflow.TransitionRefused):
        rectifications.order(unit, "问题", in_a_month(), other_county_officer)
    assert not Rectification.objects.exists()


def test_the_unit_answers_with_evidence(ordered):
    item = ordered.open_rectification()
    evidence = SimpleUploadedFile("整改照片.pdf", PDF_BYTES)
    rectifications.answer(item, "已全部明码标价，见照片。", [evidence], ordered.business.owner)
    item.refresh_from_db()
    assert item.answered_at is not None
    assert Document.objects.filter(rectification=item, kind=Document.Kind.RECTIFICATION).count() == 1


def test_another_business_cannot_answer(ordered, applicant_a):
    with pytest.raises(Exception, match="只有该单位"):
        rectifications.answer(ordered.open_rectification(), "已整改完毕。", [], applicant_a)


def test_the_officer_cannot_accept_before_the_unit_answers(ordered, county_officer):
    with pytest.raises(workflow.TransitionConflict, match="尚未提交整改情况"):
        workflow.perform(ordered, "accept_rectification", county_officer)


def test_accepting_keeps_the_title_and_closes_the_rectification(ordered, county_officer):
    item = ordered.open_rectification()
    rectifications.answer(item, "已全部明码标价。", [], ordered.business.owner)
    assert workflow.perform(ordered, "accept_rectification", county_officer).state == State.NAMED
    item.refresh_from_db()
    assert item.result == Rectification.Result.KEPT and item.closed_at is not None


def test_revoking_under_rectification_closes_it_as_revoked(ordered, county_officer):
    item = ordered.open_rectification()
    workflow.perform(ordered, "revoke", county_officer, comment="逾期未整改")
    item.refresh_from_db()
    assert item.result == Rectification.Result.REVOKED
    assert Certificate.objects.get(application=ordered).status() == Certificate.Status.REVOKED


def test_a_title_under_rectification_whose_validity_is_over_expires(ordered):
    Certificate.objects.filter(application=ordered).update(valid_until=timezone.localdate() - datetime.timedelta(1))
    assert naming.expire_due() == 1
    ordered.refresh_from_db()
    assert ordered.state == State.EXPIRED
    assert ordered.rectifications.get().result == Rectification.Result.ENDED


def test_an_empty_rectification_list_says_how_a_rectification_is_ordered(client, county_officer):
    client.force_login(county_officer)
    page = client.get("/staff/rectifications/").content.decode()
    assert "目前没有进行中的整改" in page and "责令整改" in page


def test_an_overdue_rectification_is_flagged_in_the_staff_list(client, ordered, county_officer):
    Rectification.objects.update(due_on=timezone.localdate() - datetime.timedelta(days=1))
    client.force_login(county_officer)
    assert "已逾期" in client.get("/staff/rectifications/").content.decode()


def test_the_unit_is_told_when_its_rectification_is_overdue(client, ordered):
    rectification = Rectification.objects.get()
    client.force_login(ordered.business.owner)
    url = f"/portal/rectifications/{rectification.pk}/"
    assert "整改期限已过" not in client.get(url).content.decode()
    Rectification.objects.update(due_on=timezone.localdate() - datetime.timedelta(days=1))
    assert "整改期限已过" in client.get(url).content.decode()
    assert "已逾期" in client.get("/portal/").content.decode()


def test_the_officers_page_says_what_the_officer_does_next_not_the_applicant(client, ordered, county_officer):
    client.force_login(county_officer)
    page = client.get(f"/staff/applications/{ordered.pk}/").content.decode()
    assert "企业提交整改情况后请验收" in page
    assert "在本系统提交整改情况和佐证材料" not in page


def test_a_refused_answer_with_evidence_asks_to_choose_the_files_again(client, ordered):
    client.force_login(ordered.business.owner)
    evidence = SimpleUploadedFile("整改照片.pdf", PDF_BYTES, content_type="application/pdf")
    page = client.post(f"/portal/rectifications/{Rectification.objects.get().pk}/",
                       {"answer": "", "evidence": evidence}).content.decode()
    assert "请重新选择文件" in page


def test_the_rectify_button_leads_to_the_form_for_problems_and_deadline(client, unit, county_officer):
    client.force_login(county_officer)
    response = client.post(f"/staff/applications/{unit.pk}/transitions/order_rectification/", follow=True)
    assert response.redirect_chain[0][0] == f"/staff/rectifications/new/?application={unit.pk}"
    assert "整改期限" in response.content.decode()


def test_the_rectify_button_asks_for_no_reason_that_its_page_would_drop(client, unit, county_officer):
    client.force_login(county_officer)
    page = client.get(f"/staff/applications/{unit.pk}/").content.decode()
    assert "/transitions/order_rectification/" in page
    assert 'id="comment-order_rectification"' not in page


def test_the_revoke_button_says_beforehand_what_revocation_does(client, unit, county_officer):
    client.force_login(county_officer)
    page = client.get(f"/staff/applications/{unit.pk}/").content.decode()
    assert "撤销后证书立即失效" in page and "撤销理由向社会公布" in page and "此操作不可撤回" in page
    assert f"确定要撤销称号（{unit.business.name}）吗" in page


def test_the_unit_is_emailed_that_its_title_not_its_application_was_revoked(unit, county_officer, sent_mail):
    workflow.perform(unit, "revoke", county_officer, comment="经查实存在价格欺诈")
    message = [m for m in sent_mail() if m.to == [unit.business.owner.email]][-1]
    assert "称号状态变更为“已撤销”" in message.subject
    assert "放心消费示范单位称号" in message.body and "申报" not in message.subject


def test_the_form_orders_the_rectification(client, unit, county_officer):
    client.force_login(county_officer)
    response = client.post("/staff/rectifications/new/", {
        "application": unit.pk, "problems": "未公示服务价格", "due_on": in_a_month().isoformat(),
    })
    unit.refresh_from_db()
    assert response.status_code == 302 and unit.state == State.UNDER_RECTIFICATION


def test_the_form_answers_a_past_deadline_in_chinese(client, unit, county_officer):
    client.force_login(county_officer)
    response = client.post("/staff/rectifications/new/", {
        "application": unit.pk, "problems": "未公示服务价格", "due_on": "2020-01-01",
    })
    unit.refresh_from_db()
    assert "整改期限应晚于今天" in response.content.decode() and unit.state == State.NAMED


def test_the_portal_dashboard_lists_the_rectification_to_answer(client, ordered):
    item = ordered.open_rectification()
    client.force_login(ordered.business.owner)
    assert f"/portal/rectifications/{item.pk}/" in client.get("/portal/").content.decode()


def test_the_portal_shows_the_rectification_and_takes_the_answer(client, ordered):
    item = ordered.open_rectification()
    client.force_login(ordered.business.owner)
    page = client.get(f"/portal/rectifications/{item.pk}/").content.decode()
    assert "价格公示不全" in page
    client.post(f"/portal/rectifications/{item.pk}/", {
        "answer": "已在店内显著位置公示价格。", "evidence": SimpleUploadedFile("a.pdf", PDF_BYTES),
    })
    item.refresh_from_db()
    assert item.answered_at is not None


def test_an_answer_with_a_nul_character_is_refused_with_a_clear_message(client, ordered):
    item = ordered.open_rectification()
    client.force_login(ordered.business.owner)
    page = client.post(f"/portal/rectifications/{item.pk}/", {"answer": "已补齐价签\x00全部商品"}).content.decode()
    assert "内容中含有不允许的字符" in page
    item.refresh_from_db()
    assert item.answered_at is None
