"""E-mails to applicants about their application (Chinese templates under templates/email/).

Sending only queues the message in the outbox (django-post-office, see certification/outbox.py), in the
caller's transaction: call these inside it, not after commit.
"""

import logging

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import BadHeaderError, send_mail
from django.template.loader import render_to_string
from django.urls import reverse

logger = logging.getLogger(__name__)

# Internal steps the applicant is not written to about.
SILENT_TRANSITIONS = {"complete_assessment", "reopen_assessment"}


def transition_made(application, log):
    if log.transition in SILENT_TRANSITIONS:
        return
    owner = application.business.owner
    if owner is None or not owner.email:
        return
    from .workflow import NEXT_STEP

    context = {
        "application": application,
        "business": application.business,
        "log": log,
        "next_step": NEXT_STEP.get(application.state, ""),
        "url": settings.SITE_URL + reverse("portal:application", args=[application.pk]),
    }
    subject = one_line(render_to_string("email/transition_subject.txt", context))
    body = render_to_string("email/transition_body.txt", context)
    try:
        send_mail(subject, body, None, [owner.email])
    except (OSError, BadHeaderError, ValidationError):
        # The transition stands; a message that cannot be queued (a bad address) must not undo it.
        logger.exception("could not e-mail %s about application %s", owner.email, application.pk)


def tell(recipients, subject, body):
    """A plain notice to staff or assessors; a message that cannot be queued never undoes the action."""
    recipients = [r for r in recipients if r]
    if not recipients:
        return
    try:
        send_mail(one_line(subject), body, None, recipients)
    except (OSError, BadHeaderError, ValidationError):
        logger.exception("could not send %r", subject)


def one_line(text):
    """A subject line: whatever a business typed, never a header break."""
    return " ".join(str(text).split())


def tell_county_bureau(region, subject, body, path):
    """E-mail the officers of `region` with a link to `path` in the staff area."""
    from ..models import Officer

    emails = list(Officer.objects.filter(region=region).exclude(user__email="").values_list("user__email", flat=True))
    link = f"{body}\n{settings.SITE_URL}{path}"
    tell(emails, subject, link)
