"""Who may download a certificate PDF: /certificates/<pk>/pdf/ by scope, /v/<token>/pdf/ for anyone."""

import pytest

from certification.models import Application
from certification.permissions import application_scope

from .factories import AssignmentFactory, CertificateFactory


@pytest.fixture
def certificate(applicant_a):
    """The certificate of applicant A's business (柞水县)."""
    return CertificateFactory(application__business=applicant_a.business)


def download(client, user, certificate):
    if user is not None:
        client.force_login(user)
    return client.get(f"/certificates/{certificate.pk}/pdf/")


def is_pdf(response):
    return (response.status_code == 200 and response["Content-Type"] == "application/pdf"
            and b"".join(response).startswith(b"%PDF-"))


def test_the_applicant_downloads_its_own_certificate(client, applicant_a, certificate):
    assert is_pdf(download(client, applicant_a, certificate))


def test_another_applicant_gets_404(client, applicant_b, certificate):
    assert download(client, applicant_b, certificate).status_code == 404


def test_an_anonymous_visitor_is_sent_to_the_login_page(client, certificate):
    response = download(client, None, certificate)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_the_officer_of_the_same_county_downloads_it(client, county_officer, certificate):
    assert is_pdf(download(client, county_officer, certificate))


def test_the_officer_of_another_county_gets_404(client, other_county_officer, certificate):
    assert download(client, other_county_officer, certificate).status_code == 404


def test_a_city_officer_downloads_it(client, city_officer, certificate):
    assert is_pdf(download(client, city_officer, certificate))


def test_an_assessor_who_scored_the_application_gets_404(client, assessor, certificate):
    AssignmentFactory(application=certificate.application, assessor=assessor.assessor, status="submitted")
    assert Application.objects.filter(application_scope(assessor)).filter(pk=certificate.application_id).exists()
    assert download(client, assessor, certificate).status_code == 404


def test_an_unknown_certificate_id_gets_404(client, city_officer, db):
    client.force_login(city_officer)
    assert client.get("/certificates/987654/pdf/").status_code == 404


def test_the_signed_in_download_is_not_kept_in_caches(client, applicant_a, certificate):
    assert download(client, applicant_a, certificate)["Cache-Control"] == "private, no-store"


def test_anyone_with_the_token_downloads_the_pdf(client, certificate):
    response = client.get(f"/v/{certificate.token}/pdf/")
    assert is_pdf(response)
    assert "inline" in response["Content-Disposition"]


def test_an_unknown_token_pdf_gets_404(client, certificate):
    assert client.get("/v/unknown-token/pdf/").status_code == 404


def test_public_pdf_downloads_beyond_the_rate_limit_get_429(client, certificate, settings):
    settings.CERTIFICATE_PDF_RATELIMIT = "2/m"
    statuses = [client.get(f"/v/{certificate.token}/pdf/").status_code for _ in range(3)]
    assert statuses == [200, 200, 429]
