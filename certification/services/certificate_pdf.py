"""Certificates for the public: what is printed on one, its stored PDF, and looking one up.

* `certificate_data(certificate)` is everything the certificate shows, with the live status.
* `pdf_bytes(certificate)` returns the stored PDF while its fingerprint (a hash of everything
  printed, the status and revocation included, and of the renderer's template, CSS and frame)
  still matches; otherwise it renders the PDF, stores it under PRIVATE_MEDIA_ROOT and returns it.

Finding a certificate by number or token is a read: selectors/certificates.py.

Concurrent downloads need no lock: rendering happens outside any transaction, the new file gets
its own generated name, and one compare-and-set UPDATE makes it current only if nobody else
stored a PDF meanwhile. The loser deletes its own file; the replaced file is deleted after commit.
"""

import dataclasses
import hashlib
import json
from functools import cache
from pathlib import Path

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.template.loader import get_template
from django.urls import reverse

from ..models import Certificate
from ..models.certificates import issuing_bodies

# certification.pdf (WeasyPrint, cffi, Pango) is imported where a certificate is built or rendered,
# not at start-up: every web worker and manage.py command would otherwise pay ~0.5 s for it.

ASSURANCES = ("安全放心", "质量放心", "价格放心", "服务放心", "维权放心")


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
        issuers=tuple(issuing_bodies(certificate.level, business.region)),
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
