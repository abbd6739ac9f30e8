"""Evidence uploads: recognised by content, size-capped, stored privately, served only in scope."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from certification.models import Document

from .factories import PDF_BYTES, ApplicationFactory, AssignmentFactory, DocumentFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(client, applicant_a):
    client.force_login(applicant_a)
    return ApplicationFactory(business=applicant_a.business)


def png_bytes():
    buffer = io.BytesIO()
    Image.new("RGB", (20, 20), "red").save(buffer, "PNG")
    return buffer.getvalue()


def upload(client, app, name, content, kind="licence"):
    return client.post(f"/portal/applications/{app.pk}/documents/",
                       {"kind": kind, "file": SimpleUploadedFile(name, content)}, follow=True)


def test_a_real_pdf_is_accepted(client, draft):
    upload(client, draft, "营业执照.pdf", PDF_BYTES)
    document = Document.objects.get()
    assert (document.content_type, document.original_name) == ("application/pdf", "营业执照.pdf")


def test_a_png_is_accepted_whatever_its_name(client, draft):
    upload(client, draft, "licence.dat", png_bytes())
    assert Document.objects.get().content_type == "image/png"


def test_a_file_named_pdf_that_is_not_a_pdf_is_refused(client, draft):
    response = upload(client, draft, "fake.pdf", b"<html><script>alert(1)</script></html>")
    assert not Document.objects.exists()
    assert "只接受 PDF、JPEG 或 PNG" in response.content.decode()


def test_a_broken_image_is_refused(client, draft):
    upload(client, draft, "broken.png", png_bytes()[:40])
    assert not Document.objects.exists()


def test_an_11_mb_file_is_refused(client, draft):
    big = PDF_BYTES + b"0" * (11 * 1024 * 1024) + b"\n%%EOF\n"
    response = upload(client, draft, "big.pdf", big)
    assert not Document.objects.exists()
    assert "不能超过 10 MB" in response.content.decode()


def test_the_stored_file_has_a_generated_name_outside_the_public_media_folder(client, draft, settings):
    upload(client, draft, "营业执照.pdf", PDF_BYTES)
    document = Document.objects.get()
    assert "营业执照" not in document.file.name
    assert str(settings.PRIVATE_MEDIA_ROOT) in document.file.path
    assert str(settings.MEDIA_ROOT) not in document.file.path


def test_uploads_are_refused_once_submitted(client, draft):
    draft.state = "submitted"
    draft.save()
    upload(client, draft, "x.pdf", PDF_BYTES)
    assert not Document.objects.exists()


def test_the_applicant_downloads_its_own_document(client, draft):
    document = DocumentFactory(application=draft)
    response = client.get(f"/documents/{document.pk}/")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF_BYTES


def test_a_document_of_another_business_answers_404(client, draft, applicant_b):
    other = DocumentFactory(application=ApplicationFactory(business=applicant_b.business))
    assert client.get(f"/documents/{other.pk}/").status_code == 404


def test_an_assigned_assessor_downloads_the_document(client, assessor):
    assignment = AssignmentFactory(assessor=assessor.assessor)
    document = DocumentFactory(application=assignment.application)
    client.force_login(assessor)
    assert client.get(f"/documents/{document.pk}/").status_code == 200


def test_an_assessor_who_declined_cannot_download(client, assessor):
    assignment = AssignmentFactory(assessor=assessor.assessor, status="declined")
    document = DocumentFactory(application=assignment.application)
    client.force_login(assessor)
    assert client.get(f"/documents/{document.pk}/").status_code == 404
