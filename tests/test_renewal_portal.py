"""The portal's side of expiry and renewal: the dashboard's notice, the renewal page, who may use it,
bad input answered in Chinese, and what the public sees of a replaced certificate."""

import pytest
from django.urls import reverse
from django.utils import timezone

from certification.models import Application, Certificate, Document
from certification.services import certificate_pdf, workflow

from .factories import ApplicationFactory, RoundFactory
from .renewals import current_round, named, renew, title
from .test_certificate_pdf import pdf_text

pytestmark = pytest.mark.django_db

PERSONAS = ["anonymous", "applicant_a", "applicant_b", "assessor", "county_officer", "other_county_officer",
            "city_officer"]
# method : expected status per persona in the order of PERSONAS (the title is applicant A's)
RENEWAL_PAGE = {
    "get": (302, 200, 404, 403, 403, 403, 403),
    "post": (302, 302, 404, 403, 403, 403, 403),
}
CASES = [
    pytest.param(method, persona, statuses[i], id=f"renewal-{method}-{persona}")
    for method, statuses in RENEWAL_PAGE.items()
    for i, persona in enumerate(PERSONAS)
]


@pytest.fixture
def old(applicant_a):
    current_round()
    return title(applicant_a.business)


def renewal_url(application):
    return reverse("portal:renewal", args=[application.pk])


def form_data(application, documents="all"):
    kept = application.documents.all() if documents == "all" else documents
    return {"round": current_round().pk, "documents": [d.pk for d in kept]}


def counts():
    return Application.objects.count(), Document.objects.count()


@pytest.mark.parametrize("method,persona,expected", CASES)
def test_the_renewal_page_checks_access(client, personas, old, method, persona, expected):
    if personas[persona] is not None:
        client.force_login(personas[persona])
    before = counts()
    url = renewal_url(old)
    response = client.post(url, form_data(old)) if method == "post" else client.get(url)
    assert response.status_code == expected
    if persona == "anonymous":
        assert response["Location"] == f"{reverse('account_login')}?next={url}"
    if method == "post" and persona == "applicant_a":
        renewal = old.renewals.get()
        assert response["Location"] == reverse("portal:application", args=[renewal.pk])
    else:
        assert counts() == before  # a refused persona, or a page only looked at, changes nothing


def test_the_renewal_page_of_an_application_never_named_is_not_found(client, applicant_a):
    draft = ApplicationFactory(business=applicant_a.business)
    client.force_login(applicant_a)
    assert client.get(renewal_url(draft)).status_code == 404


def test_the_renewal_page_of_a_revoked_title_says_why_and_goes_back_to_the_dashboard(client, applicant_a, old):
    Certificate.objects.filter(application=old).update(revoked_on=timezone.localdate(), revoked_reason="价格欺诈")
    client.force_login(applicant_a)
    response = client.get(renewal_url(old), follow=True)
    assert response.redirect_chain == [(reverse("portal:dashboard"), 302)]
    assert "该称号已被撤销，不能续期" in response.content.decode()


def test_the_renewal_page_lists_the_documents_to_keep_all_ticked(client, applicant_a, old):
    client.force_login(applicant_a)
    page = client.get(renewal_url(old)).content.decode()
    for document in old.documents.all():
        assert f'value="{document.pk}"' in page and document.original_name in page
    assert page.count("checked") == 2


def test_posting_the_renewal_form_creates_the_draft_with_the_documents_kept(client, applicant_a, old):
    client.force_login(applicant_a)
    client.post(renewal_url(old), form_data(old, old.documents.filter(kind="commitment")))
    renewal = old.renewals.get()
    page = client.get(reverse("portal:application", args=[renewal.pk])).content.decode()
    assert "这是续期申报" in page and old.certificate.number in page
    assert list(renewal.documents.values_list("kind", flat=True)) == ["commitment"]


def test_keeping_another_units_document_is_refused_in_chinese(client, applicant_a, applicant_b, old):
    foreign = title(applicant_b.business).documents.first()
    client.force_login(applicant_a)
    before = counts()
    response = client.post(renewal_url(old), form_data(old, [foreign]))
    assert response.status_code == 200
    assert "所选材料不属于上一次申报" in response.content.decode()
    assert counts() == before


@pytest.mark.parametrize("value", ["", "abc", "999999", "-1"])
def test_a_bad_round_is_refused_in_chinese(client, applicant_a, old, value):
    client.force_login(applicant_a)
    response = client.post(renewal_url(old), {"round": value})
    assert response.status_code == 200
    assert "续期申报的批次" in response.content.decode() or "所选批次" in response.content.decode()
    assert not old.renewals.exists()


@pytest.mark.parametrize("value", ["abc", "999999", "1e9"])
def test_a_bad_document_choice_is_refused_in_chinese(client, applicant_a, old, value):
    client.force_login(applicant_a)
    response = client.post(renewal_url(old), {"round": current_round().pk, "documents": [value]})
    assert response.status_code == 200
    assert "所选材料不属于上一次申报" in response.content.decode()


def test_a_closed_round_cannot_be_chosen(client, applicant_a, old):
    closed = RoundFactory(closed=True)
    client.force_login(applicant_a)
    response = client.post(renewal_url(old), {"round": closed.pk})
    assert "所选批次不在申报时间内" in response.content.decode()
    assert not old.renewals.exists()


def test_renewing_twice_in_a_round_is_refused_in_chinese(client, applicant_a, old):
    renew(old)
    client.force_login(applicant_a)
    response = client.post(renewal_url(old), form_data(old))
    assert response.status_code == 200
    assert "已有申报" in response.content.decode()
    assert old.renewals.count() == 1


def test_the_renewal_page_says_so_when_no_round_is_open_to_it(client, applicant_a, old):
    renew(old)
    client.force_login(applicant_a)
    page = client.get(renewal_url(old)).content.decode()
    assert "目前没有可以发起续期申报的创建批次" in page and "已有续期申报" in page


def test_a_document_whose_file_is_lost_is_named_in_a_chinese_message(client, applicant_a, old):
    licence = old.documents.get(kind="licence")
    licence.file.storage.delete(licence.file.name)
    client.force_login(applicant_a)
    response = client.post(renewal_url(old), form_data(old))
    assert response.status_code == 200
    assert "营业执照.pdf" in response.content.decode() and "无法读取" in response.content.decode()
    assert not old.renewals.exists()


def test_the_staff_page_of_a_renewal_names_the_title_it_renews(client, county_officer, old):
    renewal = renew(old)
    client.force_login(county_officer)
    page = client.get(reverse("staff:application", args=[renewal.pk])).content.decode()
    assert "续期申报" in page and old.certificate.number in page
    assert reverse("staff:application", args=[old.pk]) in page


# --- the dashboard ---------------------------------------------------------------------------------


def dashboard(client, user):
    client.force_login(user)
    return client.get(reverse("portal:dashboard")).content.decode()


def test_the_dashboard_shows_the_coming_end_and_the_renewal_button_within_90_days(client, applicant_a, old):
    page = dashboard(client, applicant_a)
    assert "证书即将到期" in page and "还有 <strong>45</strong> 天" in page
    assert f'href="{renewal_url(old)}"' in page


def test_the_dashboard_says_nothing_of_the_end_more_than_90_days_before(client, applicant_a):
    current_round()
    title(applicant_a.business, days_left=91)
    assert "证书即将到期" not in dashboard(client, applicant_a)


def test_the_dashboard_offers_the_renewal_of_an_expired_title(client, applicant_a):
    current_round()
    expired = title(applicant_a.business, days_left=-3)
    workflow.perform(expired, "expire", None, system=True)
    page = dashboard(client, applicant_a)
    assert "称号已到期" in page and f'href="{renewal_url(expired)}"' in page


def test_the_dashboard_shows_the_renewal_under_way_instead_of_the_button(client, applicant_a, old):
    renewal = renew(old)
    page = dashboard(client, applicant_a)
    assert f'href="{renewal_url(old)}"' not in page
    assert "续期申报已创建" in page and reverse("portal:application", args=[renewal.pk]) in page


def test_another_unit_sees_nothing_of_a_units_coming_end(client, applicant_b, old):
    assert "证书即将到期" not in dashboard(client, applicant_b)


def test_after_the_renewal_is_named_the_dashboard_no_longer_asks_to_renew(client, applicant_a, county_officer, old):
    named(renew(old), county_officer)
    page = dashboard(client, applicant_a)
    assert "证书即将到期" not in page and "称号已到期" not in page


# --- what the public sees of a replaced certificate --------------------------------------------------


@pytest.fixture
def superseded(applicant_a, county_officer, old):
    named(renew(old), county_officer)
    return Certificate.objects.select_related("superseded_by").get(application=old)


def test_the_qr_page_of_a_replaced_certificate_links_to_the_new_one(client, superseded):
    page = client.get(reverse("certificates:by_token", args=[superseded.token])).content.decode()
    assert "已换发新证" in page and superseded.superseded_by.number in page


def test_the_pdf_of_a_replaced_certificate_is_stamped_as_replaced(superseded):
    assert "已换发新证" in pdf_text(certificate_pdf.pdf_bytes(superseded))


def test_the_renewed_units_page_shows_the_new_certificate(client, superseded):
    page = client.get(reverse("directory:unit", args=[superseded.superseded_by.application_id])).content.decode()
    assert superseded.superseded_by.number in page


def test_the_old_applications_page_in_the_portal_names_the_new_certificate(client, applicant_a, superseded):
    client.force_login(applicant_a)
    page = client.get(reverse("portal:application", args=[superseded.application_id])).content.decode()
    assert "续期后已换发新证书" in page and superseded.superseded_by.number in page


def test_the_portal_lists_the_renewed_record_as_replaced_not_as_lapsed(client, applicant_a, superseded):
    client.force_login(applicant_a)
    page = client.get(reverse("portal:dashboard")).content.decode()
    assert "已换发新证" in page
    assert "已到期" not in page


def test_the_replaced_records_own_page_says_replaced_not_lapsed(client, applicant_a, superseded):
    client.force_login(applicant_a)
    page = client.get(reverse("portal:application", args=[superseded.application_id])).content.decode()
    assert "当前状态：<span class=\"badge named\">已换发新证</span>" in page
