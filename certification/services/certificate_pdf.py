"""Certificates for the public: what is printed on one, its stored PDF, and looking one up.

* `certificate_data(certificate)` is everything the certificate shows, with the live status.
* `pdf_bytes(certificate)` returns the stored PDF while its fingerprint (a hash of everything
  printed, the status and revocation included, and of the renderer's template, CSS and frame)
  still matches; otherwise it renders the PDF, stores it under PRIVATE_MEDIA_ROOT and returns it.
* `find_by_number(text)` / `find_by_token(token)` for the verification pages.

Concurrent downloads need no lock: rendering happens outside any transaction, the new file gets
its own generated name, and one compare-and-set UPDATE makes it current only if nobody else
stored a PDF meanwhile. The loser deletes its own file; the replaced file is deleted after commit.
"""

import dataclasses
import hashlib
import json
import re
import unicodedata
from functools import cache
from pathlib import Path

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.template.loader import get_template
from django.urls import reverse

from ..models import Application, Certificate
from ..permissions import business_of, officer_of
from .certificates import issuers

# certification.pdf (WeasyPrint, cffi, Pango) is imported where a certificate is built or rendered,
# not at start-up: every web worker and manage.py command would otherwise pay ~0.5 s for it.

ASSURANCES = ("安全放心", "质量放心", "价格放心", "服务放心", "维权放心")
RELATED = ("application__business__region", "application__business__industry", "round")
MAX_NUMBER_LENGTH = 60
_TOKEN = re.compile(r"[A-Za-z0-9_-]{1,64}")
# 商洛放心〔2020〕市字第001号, with the prefix, brackets, 字, 第 and 号 optional (after NFKC and
# with spaces removed): "商洛放心[2020]市字第1号", "（2020）县字001", "2020市001" all parse.
_NUMBER = re.compile(
    r"(?:商洛放心)?[(\[【〔〖{<]?(?P<year>\d{4})[)\]】〕〗}>]?"
    r"(?P<level>市|县区|县)(?:级)?字?第?0*(?P<serial>[1-9]\d{0,5})号?"
)
_INVISIBLE = re.compile(r"[\s\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff\x00-\x1f\x7f]+")


def with_related(queryset=None):
    """Certificates with everything `certificate_data` and the pages read, in one query."""
    return (Certificate.objects if queryset is None else queryset).select_related(*RELATED)


def verify_url(certificate):
    """The short absolute URL in the QR code (a short URL keeps the QR small and fast)."""
    return settings.SITE_URL + reverse("certificates:by_token", args=[certificate.token])


def certificate_data(certificate, today=None):
    from ..pdf import CertificateData

    business = certificate.application.business
    status = str(certificate.status(today))
    revoked = status == Certificate.Status.REVOKED
    return CertificateData(
        number=certificate.number,
        unit_name=business.name,
        address=business.address,
        level=certificate.level,
        level_label=certificate.get_level_display(),
        sector_label=business.industry.name,
        assurances=ASSURANCES,
        issuers=tuple(issuers(certificate.level, business.region)),
        issued_on=certificate.issued_on,
        valid_until=certificate.valid_until,
        verify_url=verify_url(certificate),
        year=certificate.round.year,
        status=status,
        revoked_on=certificate.revoked_on if revoked else None,
        revoked_reason=certificate.revoked_reason if revoked else "",
    )


@cache
def renderer_version():
    """A hash of the renderer's template, stylesheet and frame: a change re-renders every PDF."""
    from ..pdf.render import STATIC_DIR, STYLESHEET, TEMPLATE_NAME

    digest = hashlib.sha256()
    template = Path(get_template(TEMPLATE_NAME).origin.name)
    for path in (template, STYLESHEET, STATIC_DIR / "certificates" / "frame.svg"):
        digest.update(path.read_bytes())
    return digest.hexdigest()


def fingerprint(data):
    """sha256 of everything printed on the certificate (and of the renderer)."""
    printed = json.dumps(dataclasses.asdict(data), default=str, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(f"{renderer_version()}\n{printed}".encode()).hexdigest()


def _read_stored(certificate, wanted):
    if not certificate.pdf.name or certificate.pdf_fingerprint != wanted:
        return None
    try:
        with certificate.pdf.storage.open(certificate.pdf.name, "rb") as handle:
            return handle.read()
    except OSError:  # replaced by a newer PDF meanwhile, or lost: render again
        return None


def _render_and_store(certificate, data, wanted):
    from ..pdf import render_certificate_pdf

    pdf = render_certificate_pdf(data)
    field = certificate.pdf.field
    storage = field.storage
    new_name = storage.save(field.generate_filename(certificate, "certificate.pdf"), ContentFile(pdf))
    old_name, old_fingerprint = certificate.pdf.name or "", certificate.pdf_fingerprint
    # Compare-and-set: make ours current only if the row still points at what we read.
    won = Certificate.objects.filter(
        pk=certificate.pk, pdf=old_name, pdf_fingerprint=old_fingerprint,
    ).update(pdf=new_name, pdf_fingerprint=wanted)
    if won:
        certificate.pdf.name, certificate.pdf_fingerprint = new_name, wanted
        if old_name:
            transaction.on_commit(lambda: storage.delete(old_name))
    else:  # another download stored its PDF first; ours is the same document, drop the file
        storage.delete(new_name)
    return pdf


def pdf_bytes(certificate, today=None):
    """The certificate's PDF: the stored one while it is current, else freshly rendered and stored."""
    data = certificate_data(certificate, today)
    wanted = fingerprint(data)
    stored = _read_stored(certificate, wanted)
    return stored if stored is not None else _render_and_store(certificate, data, wanted)


def refresh_pdf(certificate, force=False, today=None):
    """Render and store the PDF if it is missing or out of date (always with force). True if rendered."""
    data = certificate_data(certificate, today)
    wanted = fingerprint(data)
    current = (certificate.pdf.name and certificate.pdf_fingerprint == wanted
               and certificate.pdf.storage.exists(certificate.pdf.name))
    if current and not force:
        return False
    _render_and_store(certificate, data, wanted)
    return True


def pdf_filename(certificate):
    return f"放心消费示范单位证书-{certificate.number}.pdf"


# --- who may download from the signed-in area ---------------------------------------------------


def downloadable_by(user):
    """Certificates `user` may download by id: officers within their region (the city: all),
    an applicant its own. Assessors' assignments do not count: their part ends with the scores,
    and a named unit's certificate is public through its verification link anyway."""
    applications = Application.objects.visible_to(user)
    if not (officer_of(user) or getattr(user, "is_superuser", False)):
        business = business_of(user)
        applications = applications.filter(business=business) if business else applications.none()
    return Certificate.objects.filter(application__in=applications.values("pk"))


# --- looking a certificate up --------------------------------------------------------------------


def clean_number(text):
    """The typed number in a comparable form: NFKC (full-width digits and brackets become
    half-width), no spaces or invisible characters."""
    return _INVISIBLE.sub("", unicodedata.normalize("NFKC", str(text or "")))[:MAX_NUMBER_LENGTH * 2]


def parse_number(text):
    """(year, level, serial) of a certificate number as people type it, or None."""
    match = _NUMBER.fullmatch(clean_number(text))
    if not match:
        return None
    level = "city" if match["level"] == "市" else "county"
    return int(match["year"]), level, int(match["serial"])


def find_by_number(text):
    """The certificate with this number, however the brackets, spaces and zeros were typed."""
    cleaned = clean_number(text)
    if not cleaned or len(cleaned) > MAX_NUMBER_LENGTH:
        return None
    found = with_related().filter(number=cleaned).first()
    if found is None and (parsed := parse_number(cleaned)):
        year, level, serial = parsed
        found = with_related().filter(round__year=year, level=level, serial=serial).first()
    return found


def find_by_token(token):
    if not _TOKEN.fullmatch(token or ""):
        return None
    return with_related().filter(token=token).first()
