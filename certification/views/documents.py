"""Serving evidence files: only to those whose scope covers the application (permissions.document_scope)."""

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404

from ..selectors.documents import document_or_404


@login_required
def download(request, pk):
    document = document_or_404(request.user, pk)
    try:
        handle = document.file.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    response = FileResponse(handle, content_type=document.content_type, filename=document.original_name)
    response["Cache-Control"] = "private, no-store"
    return response
