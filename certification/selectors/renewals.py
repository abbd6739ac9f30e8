"""Reads of expiry and renewal: the certificates a reminder is due for, the title a unit may renew,
what its renewal carries over, and the title a new naming replaces.

A unit renews *its latest title*: the newest named application of the business, whose certificate
is neither revoked nor already replaced, in a title state (named, under review, under rectification)
or expired. Its renewal is an application in an open round with `renewal_of` set; naming the renewal
replaces the old title (services.renewals).
"""

import datetime

from django.db.models import Exists, OuterRef
from django.http import Http404
from django.shortcuts import get_object_or_404

from .. import permissions
from ..models import TITLE_STATES, Application, Certificate, Document, ExpiryReminder, Round, State

RENEWABLE_STATES = (*TITLE_STATES, State.EXPIRED)
# What a renewal may take over from the last application; the evidence of a self-check or a
# rectification answer belongs to that matter, not to an application.
KEPT_DOCUMENT_KINDS = (Document.Kind.LICENCE, Document.Kind.COMMITMENT, Document.Kind.OTHER)
# A renewal that is not over: its round's one live application, or on its way to a new title.
ENDED_STATES = (State.WITHDRAWN, State.REJECTED)
OFFER_DAYS = max(ExpiryReminder.DAYS_BEFORE)  # the portal offers renewal from 90 days before the end


# --- expiry reminders ------------------------------------------------------------------------------


def reminder_window(days_before):
    """(fewest, most) days left for which the `days_before` reminder is the one due: 90 covers 61–90
    days left, 60 covers 31–60, 30 covers 8–30 and 7 covers 0–7. A day missed sends the reminder due
    now, never an older one."""
    smaller = [d for d in ExpiryReminder.DAYS_BEFORE if d < days_before]
    return (max(smaller) + 1 if smaller else 0), days_before


def certificates_to_remind(today, days_before):
    """Certificates of titles held today whose `days_before` reminder is due and not yet sent, with
    the unit and its owner (units without an e-mail address get no reminder; the portal shows it)."""
    fewest, most = reminder_window(days_before)
    sent = ExpiryReminder.objects.filter(certificate=OuterRef("pk"), days_before=days_before)
    return (
        Certificate.objects.filter(
            application__state__in=TITLE_STATES, revoked_on__isnull=True, superseded_by__isnull=True,
            valid_until__gte=today + datetime.timedelta(days=fewest),
            valid_until__lte=today + datetime.timedelta(days=most),
            application__business__owner__is_active=True, application__business__owner__email__gt="",
        )
        .exclude(Exists(sent))
        .select_related("application__business__owner", "round")
        .order_by("valid_until", "pk")
    )


# --- the title a unit renews ------------------------------------------------------------------------


def latest_title(business):
    """The business's newest named application (with its certificate), or None."""
    return (
        Application.objects.filter(business=business, named_on__isnull=False, certificate__isnull=False)
        .select_related("certificate", "round", "business")
        .order_by("-named_on", "-pk")
        .first()
    )


def own_title_or_404(user, pk):
    """An application of the user's own business that was named; 404 for anything else."""
    business = permissions.business_of(user)
    if business is None:
        raise Http404
    return get_object_or_404(
        Application.objects.filter(permissions.application_scope(user), business=business,
                                   named_on__isnull=False, certificate__isnull=False)
        .select_related("certificate", "round", "business__region", "criteria"),
        pk=pk,
    )


def renewal_refusal(title, today, latest=None):
    """Why this title cannot be renewed now (a Chinese sentence), or "" when it can. `latest` is the
    business's latest title when the caller has it already."""
    certificate = getattr(title, "certificate", None)
    if title.named_on is None or certificate is None:
        return "该申报未获命名，没有可续期的称号。"
    if certificate.revoked_on:
        return "该称号已被撤销，不能续期；如需重新创建，请在新的创建批次中申报。"
    if certificate.superseded_by_id:
        return "该证书已换发新证，无需再次续期。"
    if title.state == State.UNDER_RECTIFICATION:
        return "整改期间不能续期：请先按整改通知完成整改，验收合格后再办理续期。"
    if title.state not in RENEWABLE_STATES:
        return f"称号当前状态为“{title.get_state_display()}”，不能续期。"
    latest = latest or latest_title(title.business)
    if latest is not None and latest.pk != title.pk:
        return "贵单位已有更新的称号，请以最新的称号办理续期。"
    return ""


def renewals_of(title):
    """The renewals of a title that are not over (not withdrawn or rejected), newest first."""
    return title.renewals.exclude(state__in=ENDED_STATES).select_related("round").order_by("-created_at")


def rounds_open_to(business, today=None):
    """Open rounds in which the business has no live application yet (one per business and round)."""
    taken = Application.objects.filter(business=business, round=OuterRef("pk")).exclude(state=State.WITHDRAWN)
    return Round.objects.open_for_applications(today).exclude(Exists(taken)).order_by("-year")


def keepable_documents(title):
    """The documents of the last application the unit may keep for its renewal."""
    return title.documents.filter(kind__in=KEPT_DOCUMENT_KINDS).order_by("kind", "uploaded_at", "pk")


def renewal_offer(business, today):
    """What the portal's dashboard shows about the coming end of the unit's title, or None.

    Shown from OFFER_DAYS before the certificate's end, and after it has ended (expired), as long as
    the title can be renewed: {title, certificate, days_left, ended, renewal (one under way or None),
    can_start (an open round has room for it)}.
    """
    title = latest_title(business)
    if title is None or renewal_refusal(title, today, latest=title):
        return None
    certificate = title.certificate
    days_left = (certificate.valid_until - today).days
    if days_left > OFFER_DAYS and title.state != State.EXPIRED:
        return None
    renewal = renewals_of(title).first()
    return {
        "title": title,
        "certificate": certificate,
        "days_left": days_left,
        "ended": days_left < 0 or title.state == State.EXPIRED,
        "renewal": renewal,
        "can_start": renewal is None and rounds_open_to(business, today).exists(),
    }


# --- naming a renewal ------------------------------------------------------------------------------


def title_replaced_by(application):
    """The title that naming `application` replaces, or None: the one it renews (held or expired);
    for an application that is not a renewal, a title the business still holds — a unit holds one
    title, so the directory lists it once."""
    candidates = (
        Application.objects.filter(business_id=application.business_id, certificate__isnull=False,
                                   certificate__revoked_on__isnull=True, certificate__superseded_by__isnull=True)
        .exclude(pk=application.pk)
    )
    if application.renewal_of_id:
        return candidates.filter(pk=application.renewal_of_id, state__in=RENEWABLE_STATES).first()
    return candidates.filter(state__in=TITLE_STATES).order_by("-named_on", "-pk").first()
