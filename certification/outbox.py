"""The e-mail outbox (django-post-office), seen from the worker's side.

Every message the site sends — workflow notices, staff alerts, allauth's confirmation and reset mails —
goes through `EMAIL_BACKEND = "post_office.EmailBackend"`, which only writes an `Email` row, inside the
transaction of the change that caused it: a rolled-back change leaves no mail, a committed one never
loses its mail, and no request waits for the mail server.

`deliver()` is one round of the worker (`manage.py mail_worker`): it sends every message that is due with
the delivery backend (POST_OFFICE["BACKENDS"]["default"], from the EMAIL_BACKEND environment variable)
and spaces the retries of those that failed. django-post-office requeues a failed message
RETRY_INTERVAL later, up to MAX_RETRIES times; here each further failure doubles the wait, capped at
EMAIL_RETRY_MAX, so a mail server that is down for hours is not hammered and nothing is dropped.
"""

import logging
from dataclasses import dataclass

from django.conf import settings
from django.db.models import F
from post_office.mail import get_queued, send_queued
from post_office.models import STATUS, Email
from post_office.settings import get_max_retries, get_retry_timedelta

logger = logging.getLogger(__name__)


@dataclass
class Round:
    sent: int = 0
    failed: int = 0
    requeued: int = 0


def deliver(max_batches=1000):
    """Send what is due now, batch by batch (BATCH_SIZE), then space out the retries. Returns the counts."""
    done = Round()
    for _ in range(max_batches):
        if not get_queued().exists():
            break
        sent, failed, requeued = send_queued(processes=1)
        done.sent, done.failed, done.requeued = done.sent + sent, done.failed + failed, done.requeued + requeued
    space_retries()
    return done


def retry_delay(tries):
    """How long after its `tries`-th failure a message is tried again: the interval, doubled each time."""
    return min(get_retry_timedelta() * 2 ** (tries - 1), settings.EMAIL_RETRY_MAX)


def space_retries():
    """Reschedule requeued messages `retry_delay(tries)` after their last failure (idempotent)."""
    for tries in range(2, get_max_retries() + 1):
        Email.objects.filter(status=STATUS.requeued, number_of_retries=tries).update(
            scheduled_time=F("last_updated") + retry_delay(tries)
        )


def waiting():
    """Messages not yet delivered: queued, or requeued after a failure."""
    return Email.objects.filter(status__in=[STATUS.queued, STATUS.requeued])
