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

from ..models import TITLE_STATES, Officer, next_step

logger = logging.getLogger(__name__)

def transition_made(application, log):
    """Tell the business what happened to its application (perform() calls this for the steps whose
    declaration says tell_applicant)."""
    owner = application.business.owner
    if owner is None or not owner.email:
        return
    context = {
        "application": application,
        "business": application.business,
        "log": log,
        "about_title": log.source in TITLE_STATES,  # the life of a title, not an application under way
        "next_step": next_step(application.state),
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
    emails = list(Officer.objects.filter(region=region).exclude(user__email="").values_list("user__email", flat=True))
    link = f"{body}\n{settings.SITE_URL}{path}"
    tell(emails, subject, link)


def site_url(path):
    """An absolute link for an e-mail."""
    return f"{settings.SITE_URL}{path}"


def tell_from_templates(recipients, name, context):
    """A notice written in templates/email/<name>_subject.txt and <name>_body.txt."""
    subject = one_line(render_to_string(f"email/{name}_subject.txt", context))
    body = render_to_string(f"email/{name}_body.txt", context)
    tell(recipients, subject, body)
