"""Renewal (续期): a unit starts an application in the open round pre-filled from its last one, and
when that application is named the new title replaces the old.

* `start` (from the portal): a draft in the chosen open round, `renewal_of` the title, at the level
  it holds, with the self-assessment entries of the indicators that are still in the live criteria
  and copies of the documents the unit chose to keep. It is then submitted like any application,
  which pins the criteria live at that moment.
* `replace_previous_title` (called by the naming's certificate effect, in its transaction): the old
  title is superseded (`supersede`, a system transition) and the old certificate points to the new
  one, so the directory lists the unit once and the old number verifies as 已换发新证.
"""

from pathlib import Path

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from ..criteria import live_criteria
from ..models import Application, Certificate, Document, State
from ..permissions import is_applicant
from ..scoring import parse_points
from ..selectors import renewals as sel
from . import applications, workflow


def carried_self_assessment(previous, criteria):
    """The entries of `previous` ({code: {points, note}}) for the indicators `criteria` still has.

    Points above an indicator's new maximum are dropped (the note is kept) so the unit scores it again.
    """
    carried = {}
    for indicator in criteria.indicators():
        entry = previous.get(indicator["code"]) or {}
        note = str(entry.get("note") or "").strip()[:2000]
        points = entry.get("points")
        try:
            points = None if points in (None, "") else float(parse_points(points, indicator["max_points"]))
        except ValidationError:
            points = None
        if points is not None or note:
            carried[indicator["code"]] = {"points": points, "note": note}
    return carried


@transaction.atomic
def start(title, round_, documents, by):
    """Start the renewal of `title` (the unit's own latest title) in `round_`, keeping `documents`
    (some of the title's own documents). Returns the new draft application."""
    locked = (
        Application.objects.select_for_update(of=("self",))
        .select_related("certificate", "business").get(pk=title.pk)
    )
    if not is_applicant(locked, by):
        raise PermissionDenied("只有该单位可以办理续期。")
    if reason := sel.renewal_refusal(locked, timezone.localdate()):
        raise ValidationError(reason)
    if locked.business.applications.filter(round=round_).exclude(state=State.WITHDRAWN).exists():
        raise ValidationError(f"贵单位在“{round_}”中已有申报，不能再发起续期申报；请在该申报中继续办理。")
    keepable = set(sel.keepable_documents(locked).values_list("pk", flat=True))
    if any(document.pk not in keepable for document in documents):
        raise ValidationError("所选材料不属于上一次申报，请重新选择。")
    renewal = applications.start_application(locked.business, round_, locked.level)
    renewal.renewal_of = locked
    renewal.self_assessment = carried_self_assessment(locked.self_assessment, live_criteria())
    renewal.save(update_fields=["renewal_of", "self_assessment", "updated_at"])
    for document in documents:
        copy_document(document, renewal, by)
    return renewal


def copy_document(document, application, by):
    """A copy of `document` (its stored file copied under a new generated name) for `application`."""
    try:
        with document.file.storage.open(document.file.name, "rb") as stored:
            content = stored.read()
    except OSError as exc:
        raise ValidationError(
            f"材料“{document.original_name}”的文件已无法读取，请不要勾选它，续期后重新上传。"
        ) from exc
    return Document.objects.create(
        application=application, kind=document.kind,
        file=ContentFile(content, name="copy" + Path(document.file.name).suffix.lower()),
        original_name=document.original_name, content_type=document.content_type, size=len(content),
        uploaded_by=by,
    )


def replace_previous_title(application, certificate, log):
    """Called when `application` is named (inside the naming's transaction, after its certificate is
    issued): the title it replaces ends as superseded, and that title's certificate points to
    `certificate`. Returns the replaced title, or None."""
    previous = sel.title_replaced_by(application)
    if previous is None:
        return None
    # Locked last, after the round and the new application the naming holds; no path that locks the
    # old title (revoke, expire, review) then waits for a round or another application.
    previous = Application.objects.select_for_update(of=("self",)).get(pk=previous.pk)
    if previous.state not in sel.RENEWABLE_STATES:  # revoked meanwhile: its certificate stays revoked
        return None
    # The old certificate points to the new one first, so that the supersede's webhook event says so.
    Certificate.objects.filter(application=previous, superseded_by__isnull=True).update(superseded_by=certificate)
    workflow.perform(previous, "supersede", log.actor, system=True,
                     comment=f"续期后换发新证书（{certificate.number}），原证书同时停止使用。")
    return previous
