"""Read queries of complaints: the officers' desk (scoped by permissions.complaint_scope) and the public
figures (counts only: never a complainant's name or phone)."""

import datetime

from django.db.models import Count, Q
from django.db.models.functions import ExtractYear
from django.shortcuts import get_object_or_404
from django.utils import timezone

from .. import permissions
from ..models import Application, Complaint, ComplaintEvidence, ComplaintState

# --- the officers' desk -------------------------------------------------------------------------------


def complaints_for(user):
    return (Complaint.objects.filter(permissions.complaint_scope(user))
            .select_related("application__business__region").order_by("-received_at", "-pk"))


def complaint_or_404(user, pk):
    return get_object_or_404(
        complaints_for(user).select_related("application__criteria", "review"), pk=pk
    )


def log_of(complaint):
    return complaint.log.select_related("actor")


def evidence_of(complaint):
    return complaint.evidence.all()


def evidence_or_404(user, pk):
    return get_object_or_404(ComplaintEvidence.objects.filter(permissions.complaint_evidence_scope(user)), pk=pk)


def overdue_for(user, today=None):
    return complaints_for(user).overdue(today or timezone.localdate())


def desk_counts(user, today=None):
    """Open and overdue cases in the user's scope (the work list's flag): one query."""
    today = today or timezone.localdate()
    overdue = Q(state=ComplaintState.RECEIVED, contact_due_on__lt=today) | Q(close_due_on__lt=today)
    return Complaint.objects.filter(permissions.complaint_scope(user)).open().aggregate(
        open=Count("id"), overdue=Count("id", filter=overdue),
    )


def complaints_of_application(user, application):
    """The complaints about this unit the user may see (staff application page)."""
    return complaints_for(user).filter(application=application)


def units_for_entry(user):
    """Units an officer may enter a hotline / walk-in case for: titles in force in their scope."""
    return (Application.objects.holding_title().filter(permissions.application_scope(user))
            .select_related("business").order_by("business__name_pinyin"))


# --- public figures -----------------------------------------------------------------------------------


def substantiated_by_year(application, years=3, today=None):
    """[(year, count)] of the unit's substantiated complaints, for the last `years` years (oldest first)."""
    today = today or timezone.localdate()
    first = today.year - years + 1
    rows = dict(
        Complaint.objects.substantiated().filter(application__business_id=application.business_id,
                                                 archived_at__date__gte=datetime.date(first, 1, 1))
        .annotate(year=ExtractYear("archived_at")).order_by().values("year").annotate(n=Count("id"))
        .values_list("year", "n")
    )
    return [(year, rows.get(year, 0)) for year in range(first, today.year + 1)]


def complaint_counts_by_application(application_ids):
    """{application id: (received, substantiated)} for the open-data files: one query."""
    rows = (
        Complaint.objects.filter(application_id__in=application_ids).order_by().values("application_id")
        .annotate(received=Count("id"), substantiated=Count("id", filter=Q(state=ComplaintState.ARCHIVED,
                                                                             substantiated=True)))
    )
    return {row["application_id"]: (row["received"], row["substantiated"]) for row in rows}
