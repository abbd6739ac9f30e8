"""Evidence files: served only to those whose scope covers the application (permissions.document_scope)."""

from django.shortcuts import get_object_or_404

from .. import permissions
from ..models import Document


def document_or_404(user, pk):
    return get_object_or_404(
        Document.objects.filter(permissions.document_scope(user)).select_related("application"), pk=pk
    )
