"""异议: anyone may object to a candidate during its public notice. Rate-limited, with a honeypot."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods
from django_ratelimit.decorators import ratelimit

from ..forms_public import ReporterForm
from ..models import Objection
from ..selectors.public import open_for_objection_or_none
from ..services import notice


class ObjectionForm(ReporterForm):
    """The reporter's fields and checks (name, phone or e-mail, text, honeypot)."""

    class Meta(ReporterForm.Meta):
        model = Objection
        labels = {**ReporterForm.Meta.labels, "text": "异议内容"}
        help_texts = {**ReporterForm.Meta.help_texts, "text": "请写明事实、时间和依据，5至2000字。"}


def objection_rate(group, request):
    return getattr(settings, "OBJECTION_RATELIMIT", "5/h")


@never_cache
@require_http_methods(["GET", "POST"])
@ratelimit(key="ip", rate=objection_rate, method="POST", block=True)
def objection(request, pk):
    app = open_for_objection_or_none(pk)
    if app is None:
        raise Http404("该单位不在公示期内。")
    form = ObjectionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            created = notice.submit_objection(app.pk, **{k: form.cleaned_data[k] for k in ("name", "contact", "text")})
        except ValidationError as exc:
            form.add_error(None, exc.messages)
        else:
            return render(request, "notices/objection_done.html", {"application": app, "objection": created})
    return render(request, "notices/objection.html", {"application": app, "form": form})
