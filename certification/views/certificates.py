"""Certificate verification (by number or QR token) and PDF downloads. Thin: the work is in
services.certificate_pdf."""

from django import forms
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from django_ratelimit.core import is_ratelimited

from ..models.certificates import issuing_bodies
from ..selectors import certificates as sel
from ..selectors.titles import title_status
from ..services import certificate_pdf as service
from .errors import ratelimited

HOTLINE = "12315"


def verify_rate(group, request):
    return getattr(settings, "VERIFY_RATELIMIT", "30/m")


def pdf_rate(group, request):
    return getattr(settings, "CERTIFICATE_PDF_RATELIMIT", "20/m")


def _limited(request, group, rate):
    """Count this request against the client address (RATELIMIT_VIEW's page when over)."""
    return is_ratelimited(request, group=group, key="ip", rate=rate, increment=True)


class VerifyForm(forms.Form):
    number = forms.CharField(
        label="证书编号", max_length=sel.MAX_NUMBER_LENGTH,
        error_messages={"required": "请输入证书编号。", "max_length": "证书编号不超过 %(limit_value)d 个字符。"},
    )


def _result(request, certificate, typed=""):
    if certificate is None:
        return render(request, "certificates/result.html",
                      {"status": "unknown", "typed": typed, "form": VerifyForm(initial={"number": typed}),
                       "hotline": HOTLINE}, status=404)
    application = certificate.application
    title = title_status(application, certificate)
    business = application.business
    return render(request, "certificates/result.html", {
        "certificate": certificate,
        "title": title,
        "status": title.code,
        "status_label": title.label,
        "business": business,
        "unit": application,
        "issuers": issuing_bodies(certificate.level, business.region),
        "in_force": title.in_force,
        "successor": certificate.superseded_by,
        "pdf_url": reverse("certificates:pdf_public", args=[certificate.token]),
        "form": VerifyForm(),
        "hotline": HOTLINE,
    })


@never_cache
@require_GET
def verify(request):
    """证书查验: the form, and the live status of the certificate with the number typed."""
    if "number" not in request.GET:
        return render(request, "certificates/verify.html", {"form": VerifyForm(), "hotline": HOTLINE})
    form = VerifyForm(request.GET)
    if not form.is_valid():
        return render(request, "certificates/verify.html", {"form": form, "hotline": HOTLINE}, status=400)
    if _limited(request, "certificates:verify", verify_rate):
        return ratelimited(request)
    number = form.cleaned_data["number"]
    return _result(request, sel.find_by_number(number), typed=number)


@never_cache
@require_GET
def by_token(request, token):
    """The page the certificate's QR code opens."""
    if _limited(request, "certificates:verify", verify_rate):
        return ratelimited(request)
    return _result(request, sel.find_by_token(token))


def _pdf_response(certificate, cache_control):
    response = HttpResponse(service.pdf_bytes(certificate), content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(False, service.pdf_filename(certificate))
    response["Cache-Control"] = cache_control  # the status printed on it can change any day
    response["X-Content-Type-Options"] = "nosniff"
    return response


@require_GET
def pdf_public(request, token):
    """Anyone with the token (it is on the unit's public verification page) gets the PDF; an
    expired or revoked certificate's PDF carries the 已到期 / 已撤销 / 已换发新证 stamp."""
    if _limited(request, "certificates:pdf", pdf_rate):
        return ratelimited(request)
    certificate = sel.find_by_token(token)
    if certificate is None:
        raise Http404
    response = _pdf_response(certificate, "no-cache")
    response["X-Robots-Tag"] = "noindex"
    return response


@login_required
@require_GET
def pdf(request, pk):
    """The applicant's own certificate; officers' within their region; 404 for everyone else."""
    certificate = sel.downloadable_or_none(request.user, pk)
    if certificate is None:
        raise Http404
    return _pdf_response(certificate, "private, no-store")
