"""Read queries of the applicant portal: the business's own applications and the open rounds."""

from django.db.models import Exists, OuterRef
from django.http import Http404
from django.shortcuts import get_object_or_404

from .. import permissions
from ..models import REQUIRED_DOCUMENT_KINDS, Application, Certificate, Document, Round, State


def own_application_or_404(user, pk):
    """The application if it is the user's business's own; 404 for anyone else's."""
    business = permissions.business_of(user)
    if business is None:
        raise Http404
    return get_object_or_404(
        Application.objects.filter(permissions.application_scope(user), business=business)
        .select_related("round", "business__region", "business__industry", "criteria"),
        pk=pk,
    )


def applications_of(business):
    """The business's applications, newest round first; `renewed` marks one whose certificate was replaced
    by a renewal's (its state is 已到期, which would tell the business its title lapsed)."""
    replaced = Certificate.objects.filter(application=OuterRef("pk"), superseded_by__isnull=False)
    return (business.applications.select_related("round").annotate(renewed=Exists(replaced))
            .order_by("-round__year", "-created_at"))


def open_rounds():
    return Round.objects.open_for_applications()


def rounds_open_to(business):
    """Open rounds in which the business has no application yet (a withdrawn one does not count)."""
    taken = business.applications.exclude(state=State.WITHDRAWN).values("round")
    return open_rounds().exclude(pk__in=taken)


def unfinished_applications(business):
    """Applications the business is still filling in (a draft, or returned for correction)."""
    return applications_of(business).filter(state__in=(State.DRAFT, State.RETURNED))


def documents_to_prepare():
    """The kinds of document the submit step requires, by name."""
    return [Document.Kind(kind).label for kind in REQUIRED_DOCUMENT_KINDS]


def application_page(application):
    """What the applicant's page shows beside the application itself."""
    return {
        "timeline": application.transitions.select_related("actor"),
        "documents": application.documents.all(),
    }


def last_reason(application, target):
    """The comment of the latest transition into `target` (e.g. why it was returned)."""
    log = application.transitions.filter(target=target).order_by("-created_at", "-id").first()
    return log.comment if log else ""


def document_or_404(application, pk):
    return get_object_or_404(application.documents, pk=pk)
