"""反映问题: the public tells the bureau about a named unit. Rate-limited per address, with a honeypot."""

from django.conf import settings
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods
from django_ratelimit.decorators import ratelimit

from ..forms_public import FeedbackForm
from ..selectors import public as sel
from ..services import feedback as feedback_service


def feedback_rate(group, request):
    return getattr(settings, "FEEDBACK_RATELIMIT", "5/h")


@never_cache
@require_http_methods(["GET", "POST"])
@ratelimit(key="ip", rate=feedback_rate, method="POST", block=True)
def feedback(request, pk):
    application = sel.unit_in_force_or_404(pk)
    if request.method == "POST":
        form = FeedbackForm(request.POST)
        if form.is_valid():
            item = feedback_service.receive(
                application.business, **{k: form.cleaned_data[k] for k in ("name", "contact", "text")}
            )
            return render(request, "directory/feedback_done.html", {"unit": application, "feedback": item})
    else:
        form = FeedbackForm()
    return render(request, "directory/feedback.html", {"unit": application, "form": form, "hotline": sel.HOTLINE})
