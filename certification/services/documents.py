"""Evidence uploads: checked by content (PDF, JPEG, PNG), size-capped, stored privately.

A PDF that could run anything when opened (JavaScript, launch actions, additional actions, XFA forms)
is refused; the name a file is served under keeps the uploader's words but the extension of its real
type, so a PNG uploaded as "x.html" is downloaded as "x.png".
"""

from pathlib import PurePath

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from PIL import Image, UnidentifiedImageError
from pypdf import PdfReader
from pypdf.errors import PyPdfError
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, NameObject

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
        refuse_active_pdf(uploaded_file)
    else:
        try:
            with Image.open(uploaded_file) as image:
                image.verify()
        except (UnidentifiedImageError, Image.DecompressionBombError, OSError, SyntaxError, ValueError) as exc:
            raise ValidationError("图片文件已损坏，无法识别。", code="bad_image") from exc
        finally:
            uploaded_file.seek(0)
    return mime


# Keys and action types that make a PDF viewer run something: JavaScript (/JS, /JavaScript name trees and
# actions), launching programs, actions on events (/AA, also on pages, fields and annotations), XFA forms.
ACTIVE_KEYS = {"/JS", "/JavaScript", "/AA", "/Launch", "/XFA"}
ACTIVE_ACTIONS = {"/JavaScript", "/Launch"}
MAX_PDF_OBJECTS = 200_000


def active_content(reader):
    """The first key or action in the PDF's object graph that would run something, or None.

    Walks every object reachable from the trailer (catalogue, /OpenAction, pages, annotations, form
    fields, name trees), resolving indirect references once each; names are compared after pypdf has
    decoded #xx escapes, so /J#61vaScript is /JavaScript."""
    stack, seen, visited = [reader.trailer], set(), 0
    while stack:
        obj = stack.pop()
        if isinstance(obj, IndirectObject):
            key = (obj.idnum, obj.generation)
            if key in seen:
                continue
            seen.add(key)
            obj = obj.get_object()
        visited += 1
        if visited > MAX_PDF_OBJECTS:
            return "too many objects"
        if isinstance(obj, DictionaryObject):
            for name, value in obj.items():
                if name in ACTIVE_KEYS:
                    return name
                if name == "/S" and isinstance(value, NameObject) and value in ACTIVE_ACTIONS:
                    return value
                stack.append(value)
        elif isinstance(obj, ArrayObject):
            stack.extend(obj)
    return None


def refuse_active_pdf(uploaded_file):
    """A ValidationError in Chinese if the PDF cannot be read or holds scripts or launch actions."""
    uploaded_file.seek(0)
    try:
        reader = PdfReader(uploaded_file)
        if reader.is_encrypted and not reader.decrypt(""):
            raise ValidationError("不接受加密的 PDF 文件，请取消密码后再上传。", code="encrypted_pdf")
        found = active_content(reader)
    except ValidationError:
        raise
    except (PyPdfError, ValueError, TypeError, KeyError, AttributeError, RecursionError, OSError) as exc:
        raise ValidationError("无法读取该 PDF 文件，请重新导出或扫描后上传。", code="bad_pdf") from exc
    finally:
        uploaded_file.seek(0)
    if found:
        raise ValidationError("该 PDF 含有脚本或自动执行的动作，出于安全考虑不予接收。请打印为普通 PDF 或扫描后上传。",
                              code="active_pdf")


def served_name(original_name, content_type):
    """The uploader's file name with the extension of the type the content really is."""
    stem = PurePath(str(original_name or "").replace("\\", "/")).name
    stem = stem.rsplit(".", 1)[0] if "." in stem.strip(".") else stem.strip(".")
    stem = " ".join(stem.split())[:150] or "材料"
    return stem + ALLOWED.get(content_type, "")


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
    original_name = served_name(uploaded_file.name, mime)
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
