"""Serving evidence files: only to those whose scope covers the application (permissions.document_scope).

Every file is a download (`Content-Disposition: attachment`) named with the extension of its real type;
the one exception is an image an officer previews in the browser (`/documents/<id>/preview/`).
"""

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404

from ..permissions import officer_of
from ..selectors.documents import document_or_404
from ..services.documents import served_name

PREVIEWABLE = {"image/jpeg", "image/png"}


def _file_response(document, as_attachment):
    try:
        handle = document.file.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    response = FileResponse(handle, as_attachment=as_attachment, content_type=document.content_type,
                            filename=served_name(document.original_name, document.content_type))
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
def download(request, pk):
    return _file_response(document_or_404(request.user, pk), as_attachment=True)


@login_required
def preview(request, pk):
    """An image shown inline, for officers in scope; anything else is only downloaded."""
    document = document_or_404(request.user, pk)
    if document.content_type not in PREVIEWABLE or officer_of(request.user) is None:
        raise Http404
    return _file_response(document, as_attachment=False)
