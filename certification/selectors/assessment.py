"""Read queries of assessment: who may be assigned, how many more, and an assessor's own tasks."""

from django.shortcuts import get_object_or_404

from .. import permissions
from ..models import Assessor, Assignment, ConflictDeclaration, Inspection, State


def _eligible(business, taken):
    """Active assessors not in `taken` (a values("assessor") queryset) and with no declared conflict
    with the business. Those whose sectors include the business's come first, then those from another
    county."""
    conflicted = ConflictDeclaration.objects.filter(business=business.pk).values("assessor")
    candidates = (
        Assessor.objects.filter(active=True, user__is_active=True)
        .exclude(pk__in=taken).exclude(pk__in=conflicted)
        .select_related("user", "home_region").prefetch_related("sectors")
    )

    def rank(assessor):
        in_sector = any(s.pk == business.industry_id for s in assessor.sectors.all())
        return (not in_sector, assessor.home_region_id == business.region_id, assessor.user.username)

    return sorted(candidates, key=rank)


def eligible_assessors(application):
    """Assessors who may be assigned to score an application (not already on it, no conflict)."""
    return _eligible(application.business, application.assignments.values("assessor"))


def eligible_inspectors(unit):
    """Assessors who may inspect a campaign unit on site (not already on it, no conflict)."""
    return _eligible(unit.application.business, unit.inspections.values("assessor"))


def inspections_of(user):
    """Every on-site inspection of the assessor `user` (declined ones too)."""
    assessor = permissions.assessor_of(user)
    if assessor is None:
        return Inspection.objects.none()
    return (assessor.inspections.select_related("campaign_unit__campaign", "campaign_unit__application__business")
            .order_by("status", "-assigned_at"))


def own_inspection_or_404(user, pk):
    return get_object_or_404(
        Inspection.objects.filter(permissions.inspection_scope(user)).select_related(
            "campaign_unit__campaign", "campaign_unit__application__business__region",
            "campaign_unit__application__business__industry", "campaign_unit__application__criteria",
        ),
        pk=pk,
    )


def assessors_by_ids(ids):
    return Assessor.objects.filter(pk__in=ids)


def places_left(application):
    """How many more assessors may be assigned now."""
    active = application.active_assignments().count()
    if application.state == State.UNDER_ASSESSMENT:
        return max(application.round.assessors_per_application - active, 0)
    if application.state == State.ASSESSED and application.spread_flagged and not application.spread_confirmed:
        return 1  # a further assessor to settle a large spread
    return 0


def tasks_of(user):
    """Every assignment of the assessor `user` (declined ones too: they see what they stepped back from)."""
    assessor = permissions.assessor_of(user)
    if assessor is None:
        return Assignment.objects.none()
    return (assessor.assignments.select_related("application__business__region", "application__round")
            .order_by("status", "-assigned_at"))


def pending_tasks_of(user):
    """The assessor's assignments still waiting for a score, oldest first."""
    return tasks_of(user).filter(status="assigned").order_by("assigned_at", "pk")


def finished_tasks_of(user):
    """Submitted or declined assignments, newest first (a long history: the page paginates it)."""
    return tasks_of(user).exclude(status="assigned").order_by("-assigned_at", "-pk")


def documents_of(application):
    return application.documents.all()


def own_assignment_or_404(user, pk):
    """The assessor's own open assignment, with what the score sheet shows."""
    return get_object_or_404(
        Assignment.objects.filter(permissions.assignment_scope(user)).select_related(
            "application__business__region", "application__business__industry", "application__criteria",
            "application__round",
        ),
        pk=pk,
    )
