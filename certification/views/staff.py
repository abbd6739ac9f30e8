"""The staff area: the work list and an application's file, scoped by the officer's region."""

from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_POST

from ..filters import ApplicationFilter
from ..models import Application, State
from ..selectors import state_counts
from ..services import assessment, officer_actions, workflow
from .common import officer_required, run_transition, visible_application


def staff_applications(user):
    return Application.objects.visible_to(user).select_related(
        "business__region", "business__industry", "round"
    )


@officer_required
def worklist(request):
    scoped = staff_applications(request.user)
    filterset = ApplicationFilter(request.GET or None, queryset=scoped, officer=request.officer)
    filtered = filterset.qs if filterset.is_bound and filterset.is_valid() else scoped
    without_state = {k: v for k, v in request.GET.items() if k not in ("state", "page")}
    counts = state_counts(ApplicationFilter(without_state, queryset=scoped, officer=request.officer).qs)
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
    })


@officer_required
def detail(request, pk):
    app = visible_application(request.user, pk, staff_applications(request.user).select_related("criteria"))
    criteria = app.criteria.as_criteria() if app.criteria else None
    places = assessment.places_left(app)
    return render(request, "staff/application.html", {
        "application": app,
        "criteria": criteria,
        "next_step": workflow.NEXT_STEP.get(app.state, ""),
        "timeline": app.transitions.select_related("actor"),
        "documents": app.documents.all(),
        "actions": workflow.actions_for(app, request.user),
        "assignments": app.assignments.select_related("assessor__user", "assessor__home_region"),
        "places_left": places,
        "eligible": assessment.eligible_assessors(app) if places else [],
        "objections": app.objections.select_related("resolved_by"),
    })


@officer_required
@require_POST
def transition(request, pk, name):
    app = visible_application(request.user, pk, staff_applications(request.user))
    if workflow.actor(name) is None:
        raise Http404
    return run_transition(request, app, name, success_url=reverse("staff:application", args=[app.pk]),
                          runner=officer_actions.run)
