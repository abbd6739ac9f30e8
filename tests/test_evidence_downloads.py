"""Evidence downloads: named by their real type, always attachments (an officer previews images), and no PDF
that runs scripts or launches anything is accepted."""

import io

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image
from pypdf import PdfWriter
from pypdf.generic import ArrayObject, DictionaryObject, NameObject, NumberObject, TextStringObject

from certification.models import Document

from .factories import ApplicationFactory, DocumentFactory

pytestmark = pytest.mark.django_db


def png_bytes():
    buffer = io.BytesIO()
    Image.new("RGB", (20, 20), "red").save(buffer, "PNG")
    return buffer.getvalue()


def upload(client, app, name, content):
    return client.post(f"/portal/applications/{app.pk}/documents/",
                       {"kind": "other", "file": SimpleUploadedFile(name, content)}, follow=True)


@pytest.fixture
def draft(client, applicant_a):
    client.force_login(applicant_a)
    return ApplicationFactory(business=applicant_a.business)


@pytest.fixture
def image(applicant_a):
    """A PNG of 柞水县's applicant A stored under the name x.html (as uploads were stored before)."""
    return DocumentFactory(application=ApplicationFactory(business=applicant_a.business, state="submitted"),
                           file=ContentFile(png_bytes(), name="evidence.png"), original_name="x.html",
                           content_type="image/png")


def action(kind, **entries):
    return DictionaryObject({NameObject("/S"): NameObject(kind),
                             **{NameObject(k): v for k, v in entries.items()}})


def pdf(change):
    """A one-page PDF, changed by `change(writer)` before it is written."""
    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    change(writer)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def open_action_script(writer):
    writer._root_object[NameObject("/OpenAction")] = action("/JavaScript", **{"/JS": TextStringObject("app.alert(1)")})


def named_script(writer):
    scripts = DictionaryObject({NameObject("/Names"): ArrayObject([
        TextStringObject("x"), writer._add_object(action("/JavaScript", **{"/JS": TextStringObject("app.alert(1)")}))
    ])})
    writer._root_object[NameObject("/Names")] = DictionaryObject({NameObject("/JavaScript"): scripts})


def page_open_action(writer):
    writer.pages[0][NameObject("/AA")] = DictionaryObject({NameObject("/O"): action("/GoTo")})


def launch_link(writer):
    annotation = DictionaryObject({
        NameObject("/Type"): NameObject("/Annot"), NameObject("/Subtype"): NameObject("/Link"),
        NameObject("/Rect"): ArrayObject([NumberObject(0)] * 4),
        NameObject("/A"): action("/Launch", **{"/F": TextStringObject("cmd.exe")}),
    })
    writer.pages[0][NameObject("/Annots")] = ArrayObject([writer._add_object(annotation)])


def xfa_form(writer):
    writer._root_object[NameObject("/AcroForm")] = DictionaryObject({
        NameObject("/Fields"): ArrayObject(), NameObject("/XFA"): TextStringObject("<xdp/>")})


ACTIVE = {
    "open action script": pdf(open_action_script),
    "document-level script": pdf(named_script),
    "page additional action": pdf(page_open_action),
    "launch link": pdf(launch_link),
    "XFA form": pdf(xfa_form),
    "escaped names": pdf(open_action_script).replace(b"/JavaScript", b"/J#61vaScript").replace(b"/JS ", b"/J#53 "),
}


@pytest.mark.parametrize("content", ACTIVE.values(), ids=ACTIVE.keys())
def test_a_pdf_that_would_run_something_is_refused_with_a_chinese_message(client, draft, content):
    response = upload(client, draft, "承诺书.pdf", content)
    assert not Document.objects.exists()
    assert "含有脚本或自动执行的动作" in response.content.decode()


def test_a_pdf_that_opens_on_its_first_page_is_accepted(client, draft):
    def fit_first_page(writer):
        writer._root_object[NameObject("/OpenAction")] = ArrayObject([writer.pages[0].indirect_reference,
                                                                       NameObject("/Fit")])
    upload(client, draft, "承诺书.pdf", pdf(fit_first_page))
    assert Document.objects.get().content_type == "application/pdf"


def test_a_pdf_that_cannot_be_read_is_refused_with_a_chinese_message(client, draft):
    response = upload(client, draft, "承诺书.pdf", b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")
    assert not Document.objects.exists()
    assert "无法读取该 PDF 文件" in response.content.decode()


def test_a_png_uploaded_as_html_keeps_its_name_with_the_png_extension(client, draft):
    upload(client, draft, "x.html", png_bytes())
    assert Document.objects.get().original_name == "x.png"


def test_a_png_stored_under_an_html_name_is_downloaded_as_png(client, applicant_a, image):
    client.force_login(applicant_a)
    response = client.get(f"/documents/{image.pk}/")
    assert response["Content-Type"] == "image/png"
    assert response["Content-Disposition"] == 'attachment; filename="x.png"'


def test_a_pdf_is_downloaded_as_an_attachment(client, draft):
    document = DocumentFactory(application=draft)
    assert client.get(f"/documents/{document.pk}/")["Content-Disposition"].startswith("attachment;")


def test_downloads_forbid_content_sniffing(client, draft):
    document = DocumentFactory(application=draft)
    assert client.get(f"/documents/{document.pk}/")["X-Content-Type-Options"] == "nosniff"


def test_an_officer_of_the_county_previews_an_image_inline(client, county_officer, image):
    client.force_login(county_officer)
    response = client.get(f"/documents/{image.pk}/preview/")
    assert response["Content-Disposition"] == 'inline; filename="x.png"'


def test_the_officers_page_links_to_the_preview_of_an_image(client, county_officer, image):
    client.force_login(county_officer)
    page = client.get(f"/staff/applications/{image.application_id}/").content.decode()
    assert f"/documents/{image.pk}/preview/" in page


def test_a_pdf_is_never_previewed_inline(client, county_officer, applicant_a):
    document = DocumentFactory(application=ApplicationFactory(business=applicant_a.business, state="submitted"))
    client.force_login(county_officer)
    assert client.get(f"/documents/{document.pk}/preview/").status_code == 404


def test_an_applicant_downloads_its_image_but_has_no_inline_preview(client, applicant_a, image):
    client.force_login(applicant_a)
    assert client.get(f"/documents/{image.pk}/preview/").status_code == 404


def test_an_officer_of_another_county_cannot_preview(client, other_county_officer, image):
    client.force_login(other_county_officer)
    assert client.get(f"/documents/{image.pk}/preview/").status_code == 404

