"""投诉/反映问题 from a unit page or its QR code, and the public tracking page (tracking number + secret,
no account: the status and the dates of the steps, never a name, phone or officer's note). Both are
rate-limited per client address (certification.http.client_ip) and the form has a honeypot."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods
from django_ratelimit.decorators import ratelimit

from ..forms_complaints import PublicComplaintForm, TrackForm
from ..models import ProgrammeSettings
from ..selectors import public as sel
from ..services import complaints as service
from .common import add_errors, files_dropped


def complaint_rate(group, request):
    return settings.COMPLAINT_RATELIMIT


def track_rate(group, request):
    return settings.COMPLAINT_TRACK_RATELIMIT


def track_number_rate(group, request):
    return settings.COMPLAINT_TRACK_NUMBER_RATELIMIT


def tracking_number(group, request):
    """The tracking number asked about, as the service reads it (so case and spaces make no new key)."""
    return "".join(request.POST.get("reference", "").split()).upper()[:20]


@never_cache
@require_http_methods(["GET", "POST"])
@ratelimit(key="ip", rate=complaint_rate, method="POST", block=True)
def complaint(request, pk):
    unit = sel.unit_in_force_or_404(pk)
    form = PublicComplaintForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k not in ("website",)}
        try:
            created, secret = service.receive(unit, **data)
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            return render(request, "complaints/done.html", {"unit": unit, "complaint": created, "secret": secret})
    return render(request, "complaints/form.html", {
        "unit": unit, "form": form, "hotline": sel.HOTLINE, "programme": ProgrammeSettings.current(request),
        "files_dropped": files_dropped(request, form),
    })


def feedback(request, pk):
    """The old 反映问题 address (printed on early QR stickers): the complaint form replaced it."""
    return redirect("directory:complaint", pk=pk, permanent=True)


@never_cache
@require_http_methods(["GET", "POST"])
@ratelimit(key="ip", rate=track_rate, method="POST", block=True)
@ratelimit(key=tracking_number, rate=track_number_rate, method="POST", block=True)
def track(request):
    # The confirmation page links here with the tracking number filled in (never the secret).
    form = TrackForm(request.POST or None, initial={"reference": request.GET.get("reference", "")[:20]})
    found = None
    if request.method == "POST" and form.is_valid():
        found = service.track(form.cleaned_data["reference"], form.cleaned_data["secret"])
        if found is None:
            form.add_error(None, "投诉编号或查询码不正确，请核对后重新输入。")
    context = {"form": form}
    if found is not None:
        context.update({"case": {
            "reference": found.reference, "status": found.get_state_display(), "closed": not found.is_open,
            "received_at": found.received_at, "close_due_on": found.close_due_on,
            "steps": found.public_dates(), "unit_name": found.application.business.name,
        }})
    return render(request, "complaints/track.html", context)
