"""Bad input found by review: each gives a clear answer, never a 500, and changes nothing it should not."""

import io
import struct
import zlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from PIL import Image

from certification.models import Business, Document, State

from . import flows
from .factories import ApplicationFactory, CertificateFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def quiet_client():
    return Client(raise_request_exception=False)


def test_a_huge_page_number_in_the_directory_is_not_a_500(quiet_client):
    CertificateFactory()
    assert quiet_client.get("/units/", {"page": "9223372036854775808"}).status_code == 200


def test_a_huge_page_number_in_open_data_is_a_client_error(quiet_client):
    CertificateFactory()
    assert quiet_client.get("/opendata/units.json", {"page": "99999999999999999999999"}).status_code in (400, 404)


def test_nan_points_from_an_assessor_give_a_chinese_error(county_officer):
    from django.core.exceptions import ValidationError

    from certification.services import assessment

    app = flows.accepted(county_officer)
    assessment.assign(app, flows.assessors(1), county_officer)
    task = app.assignments.get()
    with pytest.raises(ValidationError) as exc:
        assessment.save_scores(task, {"A1": {"points": "NaN"}}, task.assessor.user)
    assert "数字" in exc.value.message_dict["A1"][0]


def test_odd_assessor_ids_in_the_assign_form_are_ignored(quiet_client, county_officer):
    app = flows.accepted(county_officer)
    quiet_client.force_login(county_officer)
    response = quiet_client.post(f"/staff/applications/{app.pk}/assign/", {"assessor": ["²", "9223372036854775808"]})
    assert response.status_code == 302
    assert not app.assignments.exists()


def black_png(width, height):
    """A valid 1-bit black PNG, written chunk by chunk (what Pillow's save makes, ten times faster)."""

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    compressor, row = zlib.compressobj(1), b"\0" * (1 + (width + 7) // 8)  # filter byte + packed pixels
    pixels = b"".join(compressor.compress(row) for _ in range(height)) + compressor.flush()
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")


def test_a_tiny_black_png_is_what_pillow_reads():
    image = Image.open(io.BytesIO(black_png(20, 10)))
    image.load()
    assert (image.size, image.mode, image.getextrema()) == ((20, 10), "1", (0, 0))


def test_a_png_claiming_a_huge_size_is_refused(quiet_client, applicant_a):
    app = ApplicationFactory(business=applicant_a.business)
    quiet_client.force_login(applicant_a)
    response = quiet_client.post(f"/portal/applications/{app.pk}/documents/",
                                 {"kind": "licence", "file": SimpleUploadedFile("bomb.png", black_png(30000, 30000))})
    assert response.status_code == 302
    assert not Document.objects.exists()


def test_a_business_name_with_a_line_break_is_refused(client, applicant_a):
    client.force_login(applicant_a)
    business = applicant_a.business
    response = client.post("/portal/business/", {
        "name": "柞水换行公司\nBcc: victim@example.com", "address": business.address, "region": business.region_id,
        "industry": business.industry_id, "contact_person": "王", "contact_phone": "0914-4321000",
    })
    assert "换行符" in response.content.decode()
    business.refresh_from_db()
    assert "\n" not in business.name


def test_the_identity_of_a_business_is_locked_once_an_application_is_submitted(client, applicant_a):
    business = applicant_a.business
    ApplicationFactory(business=business, state=State.SUBMITTED)
    client.force_login(applicant_a)
    client.post("/portal/business/", {
        "name": "改名后的公司", "address": "别处", "region": business.region_id, "industry": business.industry_id,
        "contact_person": "新联系人", "contact_phone": "0914-4321999",
    })
    business.refresh_from_db()
    assert business.name != "改名后的公司"
    assert business.contact_person == "新联系人"


def test_a_mail_with_a_bad_subject_never_undoes_a_transition(applicant_a, django_capture_on_commit_callbacks):
    from certification.services import workflow

    Business.objects.filter(pk=applicant_a.business.pk).update(name="柞水\n换行公司")
    app = ApplicationFactory(business=Business.objects.get(pk=applicant_a.business.pk), complete=True,
                             documents=True)
    with django_capture_on_commit_callbacks(execute=True):
        workflow.perform(app, "submit", applicant_a)
    app.refresh_from_db()
    assert app.state == State.SUBMITTED


def test_an_overlong_reason_is_refused_with_a_message_not_dropped(client, county_officer, applicant_a):
    app = ApplicationFactory(business=applicant_a.business, state=State.SUBMITTED)
    client.force_login(county_officer)
    response = client.post(f"/staff/applications/{app.pk}/transitions/refuse/", {"comment": "长" * 3000},
                           follow=True)
    app.refresh_from_db()
    assert app.state == State.SUBMITTED
    assert "2000字" in response.content.decode()
