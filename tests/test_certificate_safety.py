"""Text a business typed goes into the PDF as text; the renderer reads nothing outside static/."""

import io
import re
import socket
from unittest import mock

import pytest
from pypdf import PdfReader
from weasyprint import HTML

from certification.pdf import ForbiddenURL, StaticOnlyFetcher
from certification.pdf.render import STATIC_DIR
from certification.services import certificate_pdf

from .factories import CertificateFactory

IMG = '<img src="file:///etc/passwd">'


def pdf_text(pdf):
    return re.sub(r"\s+", "", "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages))


@pytest.fixture
def listener():
    """A TCP port on 127.0.0.1 that records whether anything connected to it."""
    server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    server.bind(("127.0.0.1", 0))
    server.listen(8)
    server.setblocking(False)
    yield server
    server.close()


def connections_to(server):
    count = 0
    while True:
        try:
            conn, _ = server.accept()
        except BlockingIOError:
            return count
        conn.close()
        count += 1


@pytest.fixture
def fetched():
    """Every URL the certificate renderer's fetcher is asked for (it still does its job)."""
    urls = []
    real = StaticOnlyFetcher.fetch

    def spy(self, url, *args, **kwargs):
        urls.append(url)
        return real(self, url, *args, **kwargs)

    with mock.patch.object(StaticOnlyFetcher, "fetch", spy):
        yield urls


def outside_static(urls):
    static = STATIC_DIR.as_uri() + "/"
    return [url for url in urls if not (url.startswith(static) or url.startswith("data:"))]


def test_markup_in_the_business_name_is_printed_literally(db, fetched):
    certificate = CertificateFactory(application__business__name=IMG)
    assert re.sub(r"\s+", "", IMG) in pdf_text(certificate_pdf.pdf_bytes(certificate))


def test_markup_in_the_business_name_makes_the_renderer_read_no_file(db, fetched):
    certificate = CertificateFactory(application__business__name=IMG)
    certificate_pdf.pdf_bytes(certificate)
    assert outside_static(fetched) == []


def test_markup_in_the_address_is_printed_literally_and_nothing_connects(db, fetched, listener):
    port = listener.getsockname()[1]
    link = f'<link href="http://127.0.0.1:{port}/x.css">'
    certificate = CertificateFactory(application__business__address=link)
    text = pdf_text(certificate_pdf.pdf_bytes(certificate))
    assert re.sub(r"\s+", "", link) in text
    assert outside_static(fetched) == []
    assert connections_to(listener) == 0


def test_the_verification_page_shows_markup_in_a_name_as_text(client, db):
    certificate = CertificateFactory(application__business__name=IMG)
    page = client.get(f"/v/{certificate.token}/").content.decode()
    assert IMG not in page
    assert "&lt;img src=&quot;file:///etc/passwd&quot;&gt;" in page


# --- the second fence: even markup that reached the HTML cannot fetch anything -----------------


def test_the_fetcher_refuses_files_outside_static_and_network_addresses():
    fetcher = StaticOnlyFetcher(STATIC_DIR)
    for url in ("file:///etc/passwd", "http://127.0.0.1:9/x.css", "https://example.com/a.png",
                STATIC_DIR.as_uri() + "/../config/settings.py", "file://otherhost/etc/passwd", "ftp://x/y"):
        with pytest.raises(ForbiddenURL):
            fetcher.fetch(url)


def test_the_fetcher_reads_the_certificate_frame_in_static():
    response = StaticOnlyFetcher(STATIC_DIR).fetch((STATIC_DIR / "certificates" / "frame.svg").as_uri())
    assert b"<svg" in response.read()


def test_markup_that_reached_the_html_is_refused_by_the_fetcher(listener, fetched):
    port = listener.getsockname()[1]
    html = f'<p>x</p>{IMG}<link rel="stylesheet" href="http://127.0.0.1:{port}/x.css">'
    HTML(string=html, base_url=STATIC_DIR.as_uri() + "/", url_fetcher=StaticOnlyFetcher(STATIC_DIR)).write_pdf()
    assert "file:///etc/passwd" in fetched  # asked, and refused
    assert connections_to(listener) == 0


def test_verification_tokens_are_long_random_and_distinct(db):
    tokens = {CertificateFactory().token for _ in range(3)}
    assert len(tokens) == 3
    assert all(re.fullmatch(r"[A-Za-z0-9_-]{32}", token) for token in tokens)
