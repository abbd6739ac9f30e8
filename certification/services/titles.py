"""What happens around a title when it ends: the `after` effects of revoke, expire and supersede.

A title ends by revocation (the certificate says 已撤销 with the published reason), by expiry, or by
being replaced by its renewal. Whatever was still open about it — a rectification, this year's
re-evaluation — is closed with the same fact, so no campaign waits for a unit that is gone.
"""

from django.utils import timezone

from ..models import CampaignUnit, Certificate, Rectification


def _close_open_matters(application, log, rectification_result, outcome):
    now = timezone.now()
    Rectification.objects.filter(application=application, closed_at__isnull=True).update(
        result=rectification_result, closing_note=log.comment, closed_by=log.actor, closed_at=now,
    )
    CampaignUnit.objects.filter(
        application=application, outcome=CampaignUnit.Outcome.PENDING, campaign__closed_on__isnull=True,
    ).update(outcome=outcome, outcome_note=log.comment, decided_by=log.actor, decided_at=now)


def on_revoked(application, log):
    """The `after` effect of revoke: the certificate is revoked with the reason, open matters close."""
    Certificate.objects.filter(application=application).update(
        revoked_on=timezone.localdate(), revoked_reason=log.comment
    )
    _close_open_matters(application, log, Rectification.Result.REVOKED, CampaignUnit.Outcome.REVOKED)


def on_ended(application, log):
    """The `after` effect of expire and supersede: open matters close as ended."""
    _close_open_matters(application, log, Rectification.Result.ENDED, CampaignUnit.Outcome.ENDED)
