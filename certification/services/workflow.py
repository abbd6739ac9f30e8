"""Moving an application through its workflow: `perform()` is the single door for every transition.

The portal, the staff area, the assessment service, the batch pages and the management commands all
come through here. What each transition is and does is declared next to it (models/workflow.py);
this module carries it out:

* locks, always in one order — whatever the transition's `before` effect takes (the naming locks the
  round), then the application row (SELECT … FOR UPDATE; SQLite serialises writers itself) — so the
  same transition sent twice at once is applied once, and two requests never wait on each other;
* asks django-fsm whether the transition exists in this state (else 409), whether this user may make
  it (else 403) and whether its conditions hold (else 409 with the reasons);
* writes one append-only TransitionLog row, runs the `after` effect and, when the step says so,
  queues the e-mail to the applicant in the outbox and the webhook event for the API's subscribers —
  all in the same transaction.
"""

from django.db import transaction
from django_fsm import ConcurrentTransition

from ..models import (  # the refusals perform() raises, for its callers
    Application,
    CommentRequired,
    TransitionConflict,
    TransitionLog,
    TransitionRefused,
    WorkflowError,
)
from . import notifications, officer_alerts, webhooks

__all__ = ["CommentRequired", "TransitionConflict", "TransitionRefused", "WorkflowError", "perform"]


@transaction.atomic
def perform(application, name, user, comment="", notify=True, system=False):
    """Apply transition `name` as `user`. Returns the updated application.

    `system=True` is for transitions the system makes as a consequence of something else (all scores
    in, an objection upheld, validity over): the permission check is skipped, and `user` (who caused
    it, or None) is recorded as the actor. Services decide that; views never pass it.
    """
    step = Application.step(name)
    if step is None:  # an unknown name is refused before the database is touched
        raise TransitionRefused("没有这个操作。")
    if before := step.effect("before"):
        before(application)
    locked = (
        Application.objects.select_for_update(of=("self",))
        .select_related("business__region", "round")
        .get(pk=application.pk)
    )
    state = locked.state
    comment = locked.refusal(name, user, comment or "", system=system)
    getattr(locked, name)(by=user, comment=comment)
    try:
        locked.save()
    except ConcurrentTransition as exc:
        raise TransitionConflict("该申报已被他人处理，请刷新页面。") from exc
    log = TransitionLog.objects.create(
        application=locked, transition=name, source=state, target=locked.state, actor=user, comment=comment
    )
    if after := step.effect("after"):
        after(locked, log)
    if step.event:
        webhooks.queue(locked, log, step.event)  # the API's subscribers are told, in this transaction
    if notify and step.tell_applicant:
        notifications.transition_made(locked, log)  # queued in this transaction (the e-mail outbox)
    if notify and step.tell_officers:
        officer_alerts.transition_made(locked, log, step)  # new work for the officers (or their digest)
    application.refresh_from_db()
    return locked
