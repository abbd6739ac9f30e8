"""投诉/反映问题: the public form on a unit page (and its QR landing page) gives a tracking number and a
secret; the tracking page shows status and dates only. Rate-limited, honeypot, Chinese errors."""

import re

import pytest
from django.utils import timezone

from certification.models import Complaint

from .complaints import PUBLIC, closed, unit_in
from .factories import ApplicationFactory, CertificateFactory, blank_pdf

pytestmark = pytest.mark.django_db


@pytest.fixture
def unit(db):
    return CertificateFactory(application__business__name="商洛市华润万家超市有限公司").application


def url(unit):
    return f"/units/{unit.pk}/complaint/"


def post(client, unit, ip="10.0.0.1", **changes):
    return client.post(url(unit), {**PUBLIC, **changes}, REMOTE_ADDR=ip)


def tracking(page):
    reference = re.search(r"(TS[0-9A-Z]{10})", page).group(1)
    secret = re.search(r"查询码</dt><dd><strong[^>]*>(\d+)<", page).group(1)
    return reference, secret


def test_the_complaint_form_names_the_unit(client, unit):
    response = client.get(url(unit))
    assert response.status_code == 200
    assert "商洛市华润万家超市有限公司" in response.content.decode()


def test_the_unit_page_offers_the_complaint_form(client, unit):
    assert f'href="/units/{unit.pk}/complaint/"' in client.get(f"/units/{unit.pk}/").content.decode()


def test_the_qr_landing_page_offers_the_complaint_form(client, unit):
    page = client.get(f"/v/{unit.certificate.token}/").content.decode()
    assert f'href="/units/{unit.pk}/complaint/"' in page
    assert "投诉/反映问题" in page


def test_the_old_feedback_address_leads_to_the_complaint_form(client, unit):
    response = client.get(f"/units/{unit.pk}/feedback/")
    assert (response.status_code, response["Location"]) == (301, url(unit))


def test_a_complaint_is_recorded_against_the_unit(client, unit):
    post(client, unit)
    complaint = Complaint.objects.get()
    assert (complaint.application, complaint.channel, complaint.category) == (unit, "unit_page", "price")
    assert complaint.amount_in_dispute == 5


def test_name_and_phone_are_optional(client, unit):
    response = post(client, unit, complainant_name="", complainant_phone="")
    assert response.status_code == 200
    assert Complaint.objects.get().complainant_name == ""


def test_the_complainant_gets_a_tracking_number_and_a_secret_kept_only_as_a_hash(client, unit):
    reference, secret = tracking(post(client, unit).content.decode())
    complaint = Complaint.objects.get()
    assert complaint.reference == reference
    assert secret not in complaint.secret_hash and complaint.secret_matches(secret)


def test_the_tracking_page_shows_the_status_with_number_and_secret(client, unit):
    reference, secret = tracking(post(client, unit).content.decode())
    page = client.post("/complaints/track/", {"reference": reference, "secret": secret}).content.decode()
    assert "已受理，待联系" in page
    assert reference in page


def test_the_tracking_page_shows_the_dates_of_the_steps_made(client, unit, county_officer):
    reference, secret = tracking(post(client, unit).content.decode())
    complaint = closed(Complaint.objects.get(), county_officer)
    page = client.post("/complaints/track/", {"reference": reference, "secret": secret}).content.decode()
    assert "已归档" in page
    archived = timezone.localtime(complaint.archived_at)  # the page shows Shanghai's date, not UTC's
    assert f"{archived:%Y}年{archived.month}月{archived.day}日" in page


def test_the_confirmation_leads_to_the_tracking_page_with_the_number_filled_in(client, unit):
    reference, secret = tracking(post(client, unit).content.decode())
    page = client.get(f"/complaints/track/?reference={reference}").content.decode()
    assert f'value="{reference}"' in page
    assert secret not in page


def test_a_refused_complaint_with_evidence_asks_to_choose_the_files_again(client, unit):
    from django.core.files.uploadedfile import SimpleUploadedFile

    receipt = SimpleUploadedFile("小票.pdf", blank_pdf(), content_type="application/pdf")
    page = post(client, unit, text="太短", evidence=receipt).content.decode()
    assert "请重新选择文件" in page
    assert 'value="李群众"' in page  # what was typed is kept


def test_a_refused_complaint_without_evidence_does_not_speak_of_files(client, unit):
    assert "请重新选择文件" not in post(client, unit, text="太短").content.decode()


def test_a_wrong_secret_shows_nothing_of_the_case(client, unit):
    reference, secret = tracking(post(client, unit).content.decode())
    wrong = "000000" if secret != "000000" else "111111"
    page = client.post("/complaints/track/", {"reference": reference, "secret": wrong}).content.decode()
    assert "投诉编号或查询码不正确" in page
    assert "商洛市华润万家超市有限公司" not in page


def test_tracking_lookups_are_rate_limited(client, unit, settings):
    settings.COMPLAINT_TRACK_RATELIMIT = "3/h"
    statuses = [client.post("/complaints/track/", {"reference": "TS2222222222", "secret": "123456"},
                            REMOTE_ADDR="10.0.0.9").status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]


def test_one_tracking_number_cannot_be_guessed_at_from_many_addresses(client, unit, settings):
    settings.COMPLAINT_TRACK_NUMBER_RATELIMIT = "3/h"
    statuses = [client.post("/complaints/track/", {"reference": reference, "secret": "123456"},
                            REMOTE_ADDR=f"10.0.1.{n}").status_code
                for n, reference in enumerate(["TS3333333333", "ts3333333333", " TS3333333333", "TS3333333333"])]
    assert statuses == [200, 200, 200, 429]


def test_the_limit_on_one_tracking_number_leaves_other_numbers_alone(client, unit, settings):
    settings.COMPLAINT_TRACK_NUMBER_RATELIMIT = "1/h"
    client.post("/complaints/track/", {"reference": "TS3333333333", "secret": "123456"}, REMOTE_ADDR="10.0.2.1")
    reference, secret = tracking(post(client, unit).content.decode())
    page = client.post("/complaints/track/", {"reference": reference, "secret": secret}, REMOTE_ADDR="10.0.2.2")
    assert "已受理，待联系" in page.content.decode()


def test_evidence_is_accepted_when_its_content_is_a_pdf(client, unit):
    from django.core.files.uploadedfile import SimpleUploadedFile

    post(client, unit, evidence=SimpleUploadedFile("小票.pdf", blank_pdf(), content_type="application/pdf"))
    assert Complaint.objects.get().evidence.get().content_type == "application/pdf"


def test_evidence_that_is_not_a_pdf_or_image_gets_a_chinese_error_and_nothing_is_written(client, unit):
    from django.core.files.uploadedfile import SimpleUploadedFile

    fake = SimpleUploadedFile("receipt.pdf", b"<html>not a pdf</html>", content_type="application/pdf")
    response = post(client, unit, evidence=fake)
    assert response.status_code == 200
    assert "只接受 PDF、JPEG 或 PNG 文件" in response.content.decode()
    assert not Complaint.objects.exists()


def test_a_filled_honeypot_creates_nothing(client, unit):
    response = post(client, unit, website="http://spam.example")
    assert "提交未通过校验" in response.content.decode()
    assert not Complaint.objects.exists()


def test_missing_fields_get_chinese_errors(client, unit):
    page = post(client, unit, category="", text="").content.decode()
    assert "请选择问题类别" in page and "请填写投诉内容" in page
    assert not Complaint.objects.exists()


@pytest.mark.parametrize("changes", [
    {"amount_in_dispute": "五元"}, {"amount_in_dispute": "-3"}, {"amount_in_dispute": "1e99"},
    {"amount_in_dispute": "NaN"}, {"complainant_phone": "随便"}, {"text": "多收\x00钱了，要求退还"},
    {"category": "nonsense"}, {"complainant_name": "张" * 60},
], ids=["words", "negative", "huge", "nan", "bad phone", "nul", "bad category", "long name"])
def test_bad_input_gets_a_form_with_errors_never_a_server_error(client, unit, changes):
    response = post(client, unit, **changes)
    assert response.status_code == 200
    assert "提交未成功" in response.content.decode()
    assert not Complaint.objects.exists()


def test_the_sixth_complaint_within_an_hour_from_one_address_is_refused_with_429(client, unit):
    for n in range(5):
        assert post(client, unit, text=f"第{n + 1}次：收银台多收了我五元钱，要求退还。").status_code == 200
    response = post(client, unit)
    assert response.status_code == 429
    assert "操作过于频繁" in response.content.decode()
    assert Complaint.objects.count() == 5


def test_there_is_no_complaint_form_for_a_unit_not_in_force(client):
    assert client.get(url(ApplicationFactory(in_notice=True))).status_code == 404


def test_the_county_bureau_is_e_mailed_about_a_new_complaint(client, county_officer, sent_mail):
    unit = unit_in("柞水县")
    post(client, unit)
    assert [m.to for m in sent_mail()] == [[county_officer.email]]


def test_the_complaint_page_is_never_cached(client, unit):
    response = client.get(url(unit))
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]


def test_the_same_complaint_sent_twice_at_once_is_recorded_once_and_the_county_told_once(client, county_officer,
                                                                                        sent_mail):
    unit = unit_in("柞水县")
    page = submission_of(client.get(url(unit)).content.decode())
    post(client, unit, submission=page)
    second = post(client, unit, submission=page)  # a double click, or the page sent again
    assert Complaint.objects.count() == 1
    assert len(sent_mail()) == 1
    reference, secret = tracking(second.content.decode())
    page = client.post("/complaints/track/", {"reference": reference, "secret": secret}).content.decode()
    assert "已受理，待联系" in page  # the page the complainant sees last has the secret that works


def submission_of(page):
    return re.search(r'name="submission" value="([^"]+)"', page).group(1)


def test_the_same_page_sent_twice_is_recorded_once(client, unit):
    page = submission_of(client.get(url(unit)).content.decode())
    post(client, unit, submission=page)
    post(client, unit, submission=page)
    assert Complaint.objects.count() == 1


def test_two_people_sending_the_same_words_from_their_own_pages_each_get_a_case_whose_code_works(client, unit):
    first = post(client, unit, submission=submission_of(client.get(url(unit)).content.decode()))
    second = post(client, unit, ip="10.0.0.2", submission=submission_of(client.get(url(unit)).content.decode()))
    assert Complaint.objects.count() == 2
    for response in (first, second):
        reference, secret = tracking(response.content.decode())
        page = client.post("/complaints/track/", {"reference": reference, "secret": secret}).content.decode()
        assert "已受理，待联系" in page


def test_a_page_sent_again_with_the_receipt_attached_adds_it_and_the_corrected_amount_to_the_case(client, unit):
    from django.core.files.uploadedfile import SimpleUploadedFile

    page = submission_of(client.get(url(unit)).content.decode())
    post(client, unit, submission=page)
    post(client, unit, submission=page, amount_in_dispute="500",
         evidence=SimpleUploadedFile("小票.pdf", blank_pdf(), content_type="application/pdf"))
    case = Complaint.objects.get()
    assert case.amount_in_dispute == 500
    assert case.evidence.count() == 1


def test_a_double_click_with_a_file_keeps_the_file_once(client, unit):
    from django.core.files.uploadedfile import SimpleUploadedFile

    page = submission_of(client.get(url(unit)).content.decode())
    for _ in range(2):
        post(client, unit, submission=page,
             evidence=SimpleUploadedFile("小票.pdf", blank_pdf(), content_type="application/pdf"))
    assert Complaint.objects.get().evidence.count() == 1


def test_a_request_without_a_page_value_is_never_merged_with_another(client, unit):
    post(client, unit)
    post(client, unit)
    assert Complaint.objects.count() == 2


def test_a_refused_form_keeps_the_page_it_was_shown_on(client, unit):
    page = submission_of(client.get(url(unit)).content.decode())
    refused = post(client, unit, submission=page, text="短").content.decode()
    assert submission_of(refused) == page


def test_a_malformed_page_value_is_ignored_and_the_complaint_recorded(client, unit):
    response = post(client, unit, submission="<script>")
    assert response.status_code == 200
    assert Complaint.objects.get().submission == ""


def test_a_different_complaint_about_the_same_unit_is_recorded(client, unit):
    post(client, unit)
    post(client, unit, text="服务员态度恶劣，拒绝开具发票。")
    assert Complaint.objects.count() == 2
