"""PDF certificates for 放心消费示范单位, rendered with WeasyPrint.

Public API::

    from certification.pdf import CertificateData, render_certificate_pdf
    pdf_bytes = render_certificate_pdf(CertificateData(...))
"""

from .fetcher import ForbiddenURL, StaticOnlyFetcher
from .render import (
    CertificateData,
    format_cn_date,
    render_certificate_html,
    render_certificate_pdf,
    warm_up,
)

__all__ = [
    "CertificateData",
    "ForbiddenURL",
    "StaticOnlyFetcher",
    "format_cn_date",
    "render_certificate_html",
    "render_certificate_pdf",
    "warm_up",
]
