"""The certificate PDF: what it says, its fonts, its QR code, and when the stored file is reused."""

import datetime
import io
import re
from types import SimpleNamespace

import pytest
import segno
from django.conf import settings
from django.db import transaction
from django.test.utils import override_settings
from pypdf import PdfReader

from certification.models import Certificate, Level
from certification.pdf import render_certificate_html
from certification.services import certificate_pdf, workflow

from .factories import CertificateFactory


def pdf_text(pdf):
    """The PDF's text without white space (letter-spaced words and wrapped lines come out split)."""
    return re.sub(r"\s+", "", "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages))


def stored_files():
    folder = settings.PRIVATE_MEDIA_ROOT / "certificates"
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


@pytest.fixture(scope="module")
def city_certificate(django_db_setup, django_db_blocker, tmp_path_factory):
    """One city-level certificate rendered through the service, shared by the read-only tests.
    Its rows are rolled back at once; the PDF bytes and the HTML stay."""
    with django_db_blocker.unblock(), override_settings(PRIVATE_MEDIA_ROOT=tmp_path_factory.mktemp("private")):
        with transaction.atomic():
            certificate = CertificateFactory(
                application__level_requested=Level.CITY, application__business__name="商洛市华润万家超市有限公司")
            shared = SimpleNamespace(
                number=certificate.number, name=certificate.application.business.name,
                verify_url=certificate_pdf.verify_url(certificate), token=certificate.token,
                pdf=certificate_pdf.pdf_bytes(certificate),
                html=render_certificate_html(certificate_pdf.certificate_data(certificate)),
            )
            transaction.set_rollback(True)
    return shared


# --- what the PDF says -------------------------------------------------------------------------


def test_the_pdf_holds_the_unit_name_the_level_and_the_number(city_certificate):
    text = pdf_text(city_certificate.pdf)
    assert city_certificate.name in text
    assert "市级放心消费示范单位" in text
    assert city_certificate.number in text


def test_the_pdf_names_both_city_issuers_and_the_five_assurances(city_certificate):
    text = pdf_text(city_certificate.pdf)
    assert "商洛市市场监督管理局" in text and "商洛市消费者协会" in text
    assert all(item in text for item in ("安全放心", "质量放心", "价格放心", "服务放心", "维权放心"))


def test_the_pdf_is_one_a4_landscape_page_of_at_most_150_kb(city_certificate):
    pages = PdfReader(io.BytesIO(city_certificate.pdf)).pages
    assert len(pages) == 1
    assert (round(float(pages[0].mediabox.width)), round(float(pages[0].mediabox.height))) == (842, 595)
    assert len(city_certificate.pdf) <= 150_000


def test_the_fonts_are_embedded_subsets(city_certificate):
    fonts = PdfReader(io.BytesIO(city_certificate.pdf)).pages[0]["/Resources"]["/Font"]
    assert fonts
    for font in (ref.get_object() for ref in fonts.values()):
        assert re.fullmatch(r"/[A-Z]{6}\+.+", font["/BaseFont"]), font["/BaseFont"]
        descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"].get_object()
        assert {"/FontFile", "/FontFile2", "/FontFile3"} & set(descriptor)


# --- the QR code -------------------------------------------------------------------------------


def svg_matrix(svg):
    """The dark modules of segno's one-path SVG (rows of "h" strokes) as a square of booleans."""
    size = int(re.search(r'viewBox="0 0 (\d+) \d+"', svg)[1])
    path = re.search(r' d="([^"]+)"', svg)[1]
    assert set(re.sub(r"[\d.\s-]", "", path)) <= set("Mmh"), "unexpected SVG path commands"
    grid, x, y = [[False] * size for _ in range(size)], 0.0, 0.0
    for command, args in re.findall(r"([Mmh])([^Mmh]*)", path):
        numbers = [float(n) for n in re.findall(r"-?\d+(?:\.\d+)?", args)]
        if command == "M":
            x, y = numbers
        elif command == "m":
            x, y = x + numbers[0], y + numbers[1]
        else:
            for column in range(int(x), int(x + numbers[0])):
                grid[int(y)][column] = True
            x += numbers[0]
    return grid


def segno_matrix(*segments):
    """segno's own module matrix for these segments (error correction M, as printed) as booleans."""
    return [[bool(module) for module in row] for row in segno.make_qr(list(segments), error="m").matrix]


def test_the_qr_code_encodes_the_verification_url_of_that_certificate(city_certificate):
    svg = re.search(r"<svg.*?</svg>", city_certificate.html, re.S)[0]
    url = city_certificate.verify_url
    # A long upper-case run (such as a percent-encoded name) is its own alphanumeric segment, which
    # makes the symbol smaller: the segments are the URL's characters in order, nothing else.
    run = re.search(r"[0-9A-Z $%*+\-./:]{16,}", url)
    segments = [url[:run.start()], run[0], url[run.end():]] if run else [url]
    assert svg_matrix(svg) == segno_matrix(*[part for part in segments if part])


def test_the_verification_url_is_the_short_token_address(city_certificate):
    assert city_certificate.verify_url == f"{settings.SITE_URL}/v/{city_certificate.token}/"


# --- storing and reusing the PDF ---------------------------------------------------------------


def test_the_stored_pdf_is_served_again_while_nothing_printed_changes(db):
    certificate = CertificateFactory()
    first = certificate_pdf.pdf_bytes(certificate)
    stored = Certificate.objects.get(pk=certificate.pk)
    assert certificate_pdf.pdf_bytes(stored) == first
    assert Certificate.objects.get(pk=certificate.pk).pdf.name == stored.pdf.name
    assert stored_files() == [stored.pdf.name.split("/")[-1]]


def test_renaming_the_unit_renders_a_new_pdf_and_removes_the_old_file(db, django_capture_on_commit_callbacks):
    certificate = CertificateFactory()
    certificate_pdf.pdf_bytes(certificate)
    old_name = certificate.pdf.name
    business = certificate.application.business
    business.name = "柞水县新名字商贸有限公司"
    business.save()
    with django_capture_on_commit_callbacks(execute=True):
        pdf = certificate_pdf.pdf_bytes(Certificate.objects.get(pk=certificate.pk))
    assert "柞水县新名字商贸有限公司" in pdf_text(pdf)
    assert Certificate.objects.get(pk=certificate.pk).pdf.name != old_name
    assert stored_files() == [Certificate.objects.get(pk=certificate.pk).pdf.name.split("/")[-1]]


def test_a_download_that_loses_the_race_keeps_the_winners_file_and_leaves_no_orphan(db):
    certificate = CertificateFactory()
    first, second = Certificate.objects.get(pk=certificate.pk), Certificate.objects.get(pk=certificate.pk)
    certificate_pdf.pdf_bytes(first)
    assert pdf_text(certificate_pdf.pdf_bytes(second)) == pdf_text(certificate_pdf.pdf_bytes(first))
    assert Certificate.objects.get(pk=certificate.pk).pdf.name == first.pdf.name
    assert stored_files() == [first.pdf.name.split("/")[-1]]


def test_revoking_the_certificate_replaces_its_stored_pdf_by_one_stamped_revoked(db, county_officer):
    certificate = CertificateFactory()
    assert "已撤销" not in pdf_text(certificate_pdf.pdf_bytes(certificate))
    workflow.perform(certificate.application, "revoke", county_officer, comment="经核查存在价格欺诈行为。")
    text = pdf_text(certificate_pdf.pdf_bytes(Certificate.objects.get(pk=certificate.pk)))
    assert "已撤销" in text
    assert "经核查存在价格欺诈行为。" in text


def test_an_expired_certificate_pdf_says_expired(db):
    certificate = CertificateFactory(issued_on=datetime.date(2015, 12, 1), valid_until=datetime.date(2017, 11, 30))
    assert "已到期" in pdf_text(certificate_pdf.pdf_bytes(certificate))
