"""The staff area: the work list and an application's file, scoped by the officer's region."""

from urllib.parse import urlencode

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from ..filters import ApplicationFilter
from ..forms import NoticePreferenceForm
from ..models import Application, State, WorkflowError, next_step_for_officer
from ..selectors import assessment as assessment_selectors
from ..selectors import complaints as complaint_selectors
from ..selectors import staff as sel
from ..services import officer_alerts
from .common import officer_required, refused, run_transition


@officer_required
def worklist(request):
    scoped = sel.applications_for(request.user)
    filterset = ApplicationFilter(request.GET or None, queryset=scoped, officer=request.officer)
    filtered = filterset.qs if filterset.is_bound and filterset.is_valid() else scoped
    without_state = {k: v for k, v in request.GET.items() if k not in ("state", "page")}
    counts = sel.state_counts(ApplicationFilter(without_state, queryset=scoped, officer=request.officer).qs)
    page = Paginator(filtered.order_by("-updated_at", "-pk"), 30).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "staff/worklist.html", {
        "filter": filterset,
        "page_obj": page,
        "counts": counts,
        "states": [(value, label, counts.get(value, 0)) for value, label in State.choices],
        "query_string": query.urlencode(),
        "base_query": urlencode({k: v for k, v in without_state.items() if v}),
        "complaint_counts": complaint_selectors.desk_counts(request.user),
    })


@officer_required
def detail(request, pk):
    app = sel.application_or_404(request.user, pk)
    places = assessment_selectors.places_left(app)
    return render(request, "staff/application.html", {
        "application": app,
        "criteria": app.criteria.as_criteria() if app.criteria else None,
        "next_step": next_step_for_officer(app.state),
        "actions": app.actions_for(request.user),
        "places_left": places,
        "eligible": assessment_selectors.eligible_assessors(app) if places else [],
        "complaints": complaint_selectors.complaints_of_application(request.user, app),
        **sel.application_file(app),
    })


@officer_required
@require_POST
def transition(request, pk, name):
    app = sel.application_or_404(request.user, pk)
    step = Application.step(name)
    if step is None:
        raise Http404
    back = reverse("staff:application", args=[app.pk])
    if step.page:  # its own page shows what will happen (or asks for more) and confirms
        try:
            app.refusal(name, request.user, before_its_page=True)
        except WorkflowError as exc:
            return refused(request, exc, back)
        return redirect(f"{reverse(step.page)}?{urlencode({'application': app.pk})}")
    return run_transition(request, app, name, success_url=back)


@officer_required
def preferences(request):
    """The officer's own settings: how new work is e-mailed (each time, or one daily digest)."""
    form = NoticePreferenceForm(request.POST or None, instance=request.officer)
    if request.method == "POST" and form.is_valid():
        officer_alerts.set_preference(request.officer, form.cleaned_data["notice_preference"])
        messages.success(request, "提醒方式已保存。")
        return redirect("staff:preferences")
    return render(request, "staff/preferences.html", {"form": form})
