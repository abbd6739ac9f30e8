"""Serving evidence files: only to those whose scope covers the application."""

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404

from ..models import Application, Document


@login_required
def download(request, pk):
    document = get_object_or_404(Document.objects.select_related("application"), pk=pk)
    if not Application.objects.visible_to(request.user).filter(pk=document.application_id).exists():
        raise Http404
    try:
        handle = document.file.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    response = FileResponse(handle, content_type=document.content_type, filename=document.original_name)
    response["Cache-Control"] = "private, no-store"
    return response
