"""Read queries of assessment: who may be assigned, how many more, and an assessor's own tasks."""

from django.shortcuts import get_object_or_404

from .. import permissions
from ..models import Assessor, Assignment, ConflictDeclaration, State


def eligible_assessors(application):
    """Active assessors who may be offered: not already on it, no declared conflict with the business.

    Those whose sectors include the business's come first, then those from another county.
    """
    taken = application.assignments.values("assessor")
    conflicted = ConflictDeclaration.objects.filter(business=application.business_id).values("assessor")
    candidates = (
        Assessor.objects.filter(active=True, user__is_active=True)
        .exclude(pk__in=taken).exclude(pk__in=conflicted)
        .select_related("user", "home_region").prefetch_related("sectors")
    )
    industry_id, region_id = application.business.industry_id, application.business.region_id

    def rank(assessor):
        in_sector = any(s.pk == industry_id for s in assessor.sectors.all())
        return (not in_sector, assessor.home_region_id == region_id, assessor.user.username)

    return sorted(candidates, key=rank)


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
