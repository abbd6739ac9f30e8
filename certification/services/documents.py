"""Evidence uploads: checked by content (PDF, JPEG, PNG), size-capped, stored privately."""

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from PIL import Image, UnidentifiedImageError

from ..models import Document, State

ALLOWED = {"application/pdf": ".pdf", "image/jpeg": ".jpg", "image/png": ".png"}
EDITABLE_STATES = (State.DRAFT, State.RETURNED)


def sniff(uploaded_file):
    """The file's real type from its first bytes, or a ValidationError in Chinese."""
    if uploaded_file.size > settings.UPLOAD_MAX_BYTES:
        raise ValidationError(f"文件不能超过 {settings.UPLOAD_MAX_BYTES // (1024 * 1024)} MB。", code="too_big")
    if uploaded_file.size == 0:
        raise ValidationError("文件是空的。", code="empty")
    uploaded_file.seek(0)
    head = uploaded_file.read(8192)
    uploaded_file.seek(0)
    kind = filetype.guess(head)
    mime = kind.mime if kind else None
    if mime not in ALLOWED:
        raise ValidationError("只接受 PDF、JPEG 或 PNG 文件（按文件内容识别，而非文件名）。", code="bad_type")
    if mime == "application/pdf":
        uploaded_file.seek(-min(uploaded_file.size, 2048), 2)
        tail = uploaded_file.read()
        uploaded_file.seek(0)
        if b"%%EOF" not in tail:
            raise ValidationError("PDF 文件不完整或已损坏。", code="bad_pdf")
    else:
        try:
            with Image.open(uploaded_file) as image:
                image.verify()
        except (UnidentifiedImageError, Image.DecompressionBombError, OSError, SyntaxError, ValueError) as exc:
            raise ValidationError("图片文件已损坏，无法识别。", code="bad_image") from exc
        finally:
            uploaded_file.seek(0)
    return mime


@transaction.atomic
def attach(application, kind, uploaded_file, user):
    if application.state not in EDITABLE_STATES:
        raise ValidationError("当前状态下不能修改申报材料。", code="locked")
    return _store(application, kind, uploaded_file, user)


def attach_after_naming(application, kind, uploaded_file, user, campaign_unit=None, rectification=None):
    """Evidence for a self-check or a rectification answer; the caller's service checks it may be given."""
    return _store(application, kind, uploaded_file, user, campaign_unit=campaign_unit, rectification=rectification)


def _store(application, kind, uploaded_file, user, **links):
    mime = sniff(uploaded_file)
    original_name = (uploaded_file.name or "upload")[-200:]
    uploaded_file.name = "upload" + ALLOWED[mime]  # the stored name is generated; only the suffix is kept
    return Document.objects.create(
        application=application, kind=kind, file=uploaded_file, original_name=original_name,
        content_type=mime, size=uploaded_file.size, uploaded_by=user, **links,
    )


@transaction.atomic
def remove(document):
    if document.application.state not in EDITABLE_STATES:
        raise ValidationError("当前状态下不能修改申报材料。", code="locked")
    stored = document.file.name
    storage = document.file.storage
    document.delete()
    transaction.on_commit(lambda: storage.delete(stored))
