"""Expiry reminders: a unit holding a title is e-mailed 90, 60, 30 and 7 days before its certificate ends.

Each reminder is sent once. Its ExpiryReminder row is written in the transaction that queues the
e-mail, and the row is unique per certificate and reminder, so running the daily job twice a day
(or two runs at once) sends nothing twice. A day missed sends the reminder due now — with 59 days
left, the 60-day one — and never an older one (selectors.renewals.reminder_window).
"""

from django.db import IntegrityError, transaction
from django.urls import reverse

from ..models import ExpiryReminder
from ..selectors import renewals as sel
from . import notifications


def send_due(today):
    """Send every reminder due today that was not sent yet. Returns {days_before: how many sent}."""
    sent = {}
    for days_before in ExpiryReminder.DAYS_BEFORE:
        sent[days_before] = sum(
            1 for certificate in sel.certificates_to_remind(today, days_before)
            if _remind(certificate, days_before, today)
        )
    return sent


def _remind(certificate, days_before, today):
    """Record the reminder and queue its e-mail in one transaction; False if it was already sent."""
    application = certificate.application
    business = application.business
    try:
        with transaction.atomic():
            ExpiryReminder.objects.create(certificate=certificate, days_before=days_before, sent_on=today)
            notifications.tell_from_templates([business.owner.email], "expiry_reminder", {
                "business": business,
                "certificate": certificate,
                "days_left": (certificate.valid_until - today).days,
                "renewal_started": sel.renewals_of(application).exists(),
                "url": notifications.site_url(reverse("portal:renewal", args=[application.pk])),
            })
    except IntegrityError:  # another run recorded it a moment ago: its e-mail is that run's
        return False
    return True
