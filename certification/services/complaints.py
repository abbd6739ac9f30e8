"""Complaints about named units: received (public form, officers' entry, 12315 import), handled step by
step (the five quicks), and — when substantiated often or seriously enough — opening a review of the title.

`advance()` is the single door for a complaint's steps: it locks the row, asks django-fsm whether the
step exists in this state and whether the user handles the case (permissions.handles_complaint), applies
it, writes one append-only ComplaintLog row and, at 归档 (the close), checks whether the title must answer
for it (`answer_for()`), all in one transaction.
"""

import datetime
import hashlib
from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django_fsm import ConcurrentTransition

from ..models import (
    Application,
    Complaint,
    ComplaintEvidence,
    ComplaintLog,
    ComplaintState,
    Officer,
    ProgrammeSettings,
    State,
)
from ..models.complaints import Channel, Result, new_tracking_number
from ..permissions import complaint_scope
from ..selectors.reevaluation import criteria_of
from . import notifications
from .documents import ALLOWED, served_name, sniff
from .workflow import WorkflowError, perform

MAX_EVIDENCE_FILES = 5
# The same complaint sent again within this time (a double click, a page sent again) is the same complaint.
REPEAT_WINDOW = datetime.timedelta(minutes=10)


# --- receiving --------------------------------------------------------------------------------------


@transaction.atomic
def receive(application, *, category, text, channel=Channel.UNIT_PAGE, amount_in_dispute=None,
            complainant_name="", complainant_phone="", evidence=(), by=None, received_at=None, external_id=None,
            submission="", notify=True):
    """Record a complaint about a named unit and tell its county bureau. Returns (complaint, secret): the
    secret is shown to the complainant once and kept only as a hash."""
    evidence = list(evidence)
    if len(evidence) > MAX_EVIDENCE_FILES:
        raise ValidationError(f"最多上传 {MAX_EVIDENCE_FILES} 个证据文件。")
    checked = [(upload, sniff(upload)) for upload in evidence]  # all checked before anything is written
    if submission and external_id is None:  # (the 12315 import has the platform's number to tell a repeat by)
        # Two sendings of one page (a double click) wait for each other here, so the second finds the first.
        Application.objects.select_for_update(of=("self",)).filter(pk=application.pk).first()
        if repeated := _same_complaint_just_received(application, channel, category, text, complainant_name,
                                                     complainant_phone, by, submission):
            _add_what_is_new(repeated, amount_in_dispute, checked)
            secret = repeated.issue_secret()  # the page shown last gives the secret that works
            repeated.save(update_fields=["secret_hash", "amount_in_dispute"])
            return repeated, secret
    complaint = Complaint(
        application=application, channel=channel, category=category, text=text,
        amount_in_dispute=amount_in_dispute, complainant_name=complainant_name,
        complainant_phone=complainant_phone, created_by=by, external_id=external_id or None, submission=submission,
        received_at=received_at or timezone.now(),
    )
    complaint.reference = new_tracking_number()
    secret = complaint.issue_secret()
    complaint.save()
    for upload, mime in checked:
        _store_evidence(complaint, upload, mime)
    if not notify:  # the 12315 import: the officer importing is told by the import's report
        return complaint, secret
    business = application.business
    notifications.tell_county_bureau(
        business.region, f"【商洛放心消费】投诉 {complaint.reference}：{business.name}",
        f"收到对示范单位“{business.name}”的投诉（编号 {complaint.reference}，{complaint.get_channel_display()}），"
        f"请于 {complaint.contact_due_on:%Y-%m-%d} 前联系投诉人，{complaint.close_due_on:%Y-%m-%d} 前办结：",
        reverse("staff:complaint", args=[complaint.pk]),
    )
    return complaint, secret


def _same_complaint_just_received(application, channel, category, text, name, phone, by, submission):
    """The same complaint (same unit, words, complainant, channel and officer entering it, and — from the
    public form — the same page: its `submission` value) received within REPEAT_WINDOW and not yet handled,
    or None. Two people sending the same words from their own pages are two complaints."""
    return Complaint.objects.filter(
        application=application, channel=channel, category=category, text=text, complainant_name=name,
        complainant_phone=phone, created_by=by, submission=submission, state=ComplaintState.RECEIVED,
        external_id__isnull=True, received_at__gte=timezone.now() - REPEAT_WINDOW,
    ).order_by("-received_at", "-pk").first()


def _digest(file):
    sha = hashlib.sha256()
    for chunk in file.chunks():
        sha.update(chunk)
    file.seek(0)
    return sha.hexdigest()


def _add_what_is_new(complaint, amount_in_dispute, checked):
    """A page sent again may bring what the first sending lacked (the complainant went back, attached the
    receipt, corrected the amount): keep the new amount and the files not already on the case."""
    if amount_in_dispute is not None:
        complaint.amount_in_dispute = amount_in_dispute
    if not checked:
        return
    kept = list(complaint.evidence.all())
    known = set()
    for item in kept:
        with item.file.open("rb") as stored:
            known.add(_digest(stored))
    new = []
    for upload, mime in checked:
        digest = _digest(upload)
        if digest not in known:
            known.add(digest)
            new.append((upload, mime))
    if len(kept) + len(new) > MAX_EVIDENCE_FILES:
        raise ValidationError(f"最多上传 {MAX_EVIDENCE_FILES} 个证据文件（已提交 {len(kept)} 个）。")
    for upload, mime in new:
        _store_evidence(complaint, upload, mime)


def _store_evidence(complaint, upload, mime):
    original_name = served_name(upload.name, mime)
    upload.name = "upload" + ALLOWED[mime]  # the stored name is generated; only the suffix is kept
    return ComplaintEvidence.objects.create(complaint=complaint, file=upload, original_name=original_name,
                                            content_type=mime, size=upload.size)


def track(reference, secret):
    """The complaint with this tracking number and secret, or None (the same answer whichever is wrong)."""
    reference = (reference or "").strip().upper()
    complaint = Complaint.objects.filter(reference=reference).first() if reference else None
    if complaint is None:
        Complaint(reference="TS0000000000", secret_hash="0" * 64).secret_matches(secret)  # same work either way
        return None
    return complaint if complaint.secret_matches((secret or "").strip()) else None


# --- the five quicks --------------------------------------------------------------------------------


def parse_money(value, field="金额"):
    text = str(value or "").strip().replace(",", "").replace("，", "").replace("元", "").replace("¥", "")
    if not text:
        return None
    try:
        amount = Decimal(text)
    except InvalidOperation as exc:
        raise ValidationError(f"{field}应为数字，如 120.50。") from exc
    if not amount.is_finite() or amount < 0 or amount >= Decimal("1e10"):
        raise ValidationError(f"{field}应为不小于0的金额。")
    return amount.quantize(Decimal("0.01"))


@transaction.atomic
def advance(complaint, name, user, note="", *, substantiated=None, result="", money_recovered=None,
            veto_indicator=""):
    """Make step `name` (contact, handle, answer, revisit, archive) as `user`, with a note. The close
    (archive) also records whether the complaint was substantiated, the result and the money recovered."""
    step = Complaint.step(name)
    if step is None:
        raise ValidationError("没有这个办理步骤。")
    locked = (Complaint.objects.select_for_update(of=("self",)).select_related("application__business")
              .get(pk=complaint.pk))
    meta = getattr(Complaint, name)._django_fsm
    if not meta.has_transition_perm(locked, locked.state, user):
        if meta.has_transition(locked.state):
            raise PermissionDenied("您不能办理该投诉。")
    if not meta.has_transition(locked.state):
        raise ValidationError(f"该投诉当前状态为“{locked.get_state_display()}”，不能进行此操作，可能已被他人处理。")
    note = (note or "").strip()
    if not note:
        raise ValidationError("请填写办理情况。")
    if name == "archive":
        _record_outcome(locked, substantiated, result, money_recovered, veto_indicator)
    source = locked.state
    getattr(locked, name)(by=user, note=note)
    try:
        locked.save()
    except ConcurrentTransition as exc:
        raise ValidationError("该投诉已被他人处理，请刷新页面。") from exc
    ComplaintLog.objects.create(complaint=locked, step=name, source=source, target=locked.state, actor=user,
                                note=note[:2000])
    if name == "archive" and locked.substantiated:
        answer_for(locked.application, user)
    complaint.refresh_from_db()
    return locked


def _record_outcome(complaint, substantiated, result, money_recovered, veto_indicator):
    if substantiated not in (True, False):
        raise ValidationError("请选择投诉是否属实。")
    if result not in Result.values:
        raise ValidationError("请选择处理结果。")
    veto_indicator = (veto_indicator or "").strip()
    if veto_indicator and not substantiated:
        raise ValidationError("投诉不属实时不能选择一票否决项。")
    if veto_indicator and veto_indicator not in veto_codes(complaint.application):
        raise ValidationError("所选一票否决项不在该单位的评价标准中。")
    complaint.substantiated = substantiated
    complaint.result = result
    complaint.money_recovered = money_recovered or Decimal(0)
    complaint.veto_indicator = veto_indicator


def veto_codes(application):
    """{code: text} of the veto items of the criteria the unit was named under."""
    return {i["code"]: i["text"] for i in criteria_of(application).indicators() if i.get("veto")}


# --- the title answers for it -----------------------------------------------------------------------


def review_threshold():
    """How many substantiated complaints within twelve months a unit may have (the programme's settings)."""
    return ProgrammeSettings.current().complaint_review_threshold


def answer_for(application, user=None, today=None):
    """Open a review of the unit (the workflow's open_review) when a substantiated complaint matches a veto
    item, or when more substantiated complaints than allowed were closed within twelve months. The
    complaints that caused it are linked to the review's log; complaints already linked to a review never
    count again, so the same complaints open a review once. Returns the TransitionLog, or None."""
    today = today or timezone.localdate()
    since = today - datetime.timedelta(days=365)
    pending = list(
        Complaint.objects.substantiated().filter(application=application, review__isnull=True,
                                                 archived_at__date__gt=since).order_by("archived_at", "pk")
    )
    veto = [c for c in pending if c.veto_indicator]
    if veto:
        codes = "、".join(sorted({c.veto_indicator for c in veto}))
        reason = f"投诉属实且涉及一票否决项（{codes}）：{'、'.join(c.reference for c in veto)}。"
        linked = veto
    elif pending and len(pending) > (allowed := review_threshold()):
        reason = (f"十二个月内属实投诉 {len(pending)} 件，超过允许的 {allowed} 件："
                  f"{'、'.join(c.reference for c in pending)}。")
        linked = pending
    else:
        return None
    if application.state != State.NAMED:
        return None  # already under review or rectification (or no longer holding a title)
    try:
        perform(application, "open_review", user, comment=reason, system=True)
    except WorkflowError:
        return None
    log = application.transitions.filter(transition="open_review").order_by("-created_at", "-pk").first()
    Complaint.objects.filter(pk__in=[c.pk for c in linked]).update(review=log)
    return log


# --- the daily job: officers told about overdue cases ---------------------------------------------------


def mail_overdue(today=None):
    """E-mail each officer with overdue cases in their scope, once a day (the claim on
    Officer.overdue_mailed_on makes a second run the same day send nothing). Returns the e-mails queued."""
    today = today or timezone.localdate()
    sent = 0
    officers = Officer.objects.select_related("user", "region").exclude(user__email="").filter(user__is_active=True)
    for officer in officers:
        cases = list(Complaint.objects.overdue(today).filter(complaint_scope(officer.user))
                     .select_related("application__business").order_by("close_due_on", "pk")[:200])
        if not cases:
            continue
        with transaction.atomic():
            claimed = Officer.objects.filter(pk=officer.pk).exclude(overdue_mailed_on=today).update(
                overdue_mailed_on=today)
            if not claimed:
                continue
            lines = [f"- {c.reference} {c.application.business.name}：{c.overdue_reason(today)}" for c in cases]
            notifications.tell(
                [officer.user.email], f"【商洛放心消费】{len(cases)} 件投诉已超期",
                "以下投诉已超过办理期限，请尽快办理：\n" + "\n".join(lines)
                + f"\n{notifications.site_url(reverse('staff:complaints'))}?overdue=1",
            )
            sent += 1
    return sent
