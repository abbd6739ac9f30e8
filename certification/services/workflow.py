"""Moving an application through its workflow.

`perform()` is the single door for every transition, from the portal, the staff area, the
assessment service, the naming batch and the management commands alike:

* it locks the application row (SELECT … FOR UPDATE; SQLite serialises writers itself), so the
  same transition sent twice at once is applied once and the other caller gets `TransitionConflict`;
* it asks django-fsm whether the transition exists in this state (else 409), whether this user may
  make it (else 403) and whether its conditions hold (else 409 with the reasons);
* it writes one TransitionLog row and queues the e-mail to the applicant, in the same transaction.
"""

from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django_fsm import ConcurrentTransition

from ..models import Application, Certificate, Round, State, TransitionLog
from . import notifications


class WorkflowError(Exception):
    status = 400

    def __init__(self, message):
        super().__init__(message)
        self.message = message


class TransitionRefused(WorkflowError):
    """The user may not make this transition (403)."""

    status = 403


class TransitionConflict(WorkflowError):
    """The application's state no longer allows it, or its conditions are not met (409)."""

    status = 409


class CommentRequired(WorkflowError):
    status = 400


@dataclass(frozen=True)
class Action:
    name: str
    label: str
    comment_required: bool
    style: str
    target: str


def _meta(name):
    method = getattr(Application, name, None)
    meta = getattr(method, "_django_fsm", None)
    if meta is None:
        raise TransitionRefused("没有这个操作。")
    return meta


def actor(name):
    """Who makes transition `name` ("applicant", "officer", "system"), or None for no such transition.

    From the transition's own `custom` metadata, so URLs need no list of their own."""
    meta = getattr(getattr(Application, name, None), "_django_fsm", None)
    if meta is None or not meta.transitions:
        return None
    return next(iter(meta.transitions.values())).custom.get("actor")


def _custom(meta, state):
    transition = meta.get_transition(state)
    return transition.custom if transition else {}


def unmet_conditions(application, name):
    """Chinese reasons why the conditions of transition `name` do not hold now."""
    meta = _meta(name)
    transition = meta.get_transition(application.state)
    if transition is None:
        return [f"当前状态（{application.get_state_display()}）不能进行此操作。"]
    return [getattr(c, "message", "条件不满足。") for c in transition.conditions if not c(application)]


def check(application, name, user):
    """(allowed, reason) for `user` making transition `name` now (a reason to give is not asked yet)."""
    try:
        ensure_allowed(application, name, user)
    except WorkflowError as exc:
        return False, exc.message
    return True, ""


def actions_for(application, user):
    """The transitions `user` may make now: django-fsm's available-user-transitions, as buttons."""
    actions = []
    for transition in application.get_available_user_state_transitions(user):
        custom = transition.custom
        if custom.get("actor") == "system":
            continue
        actions.append(Action(
            name=transition.name,
            label=custom.get("label", transition.name),
            comment_required=custom.get("comment_required", False),
            style=custom.get("style", "primary"),
            target=transition.target,
        ))
    return actions


def ensure_allowed(application, name, user, comment=None, system=False):
    """Raise the refusal that fits (409 state, 403 permission, 409 conditions, 400 missing reason).

    With comment=None the reason is not checked; otherwise the stripped comment is returned.
    """
    meta = _meta(name)
    state = application.state
    if not meta.has_transition(state):
        raise TransitionConflict(
            f"该申报当前状态为“{application.get_state_display()}”，不能进行此操作，可能已被他人处理。"
        )
    if not system and not meta.has_transition_perm(application, state, user):
        raise TransitionRefused("您没有权限对该申报进行此操作。")
    reasons = unmet_conditions(application, name)
    if reasons:
        raise TransitionConflict(" ".join(reasons))
    if comment is None:
        return None
    comment = comment.strip()
    if _custom(meta, state).get("comment_required") and not comment:
        raise CommentRequired("请填写意见或理由。")
    return comment


@transaction.atomic
def perform(application, name, user, comment="", notify=True, system=False):
    """Apply transition `name` as `user`. Returns the updated application.

    `system=True` is for transitions the system makes as a consequence of something else (all scores
    in, an objection upheld, validity over): the permission check is skipped, and `user` (who caused
    it, or None) is recorded as the actor. Services decide that; views never pass it.
    """
    _meta(name)  # an unknown name is refused before the database is touched
    locked = (
        Application.objects.select_for_update(of=("self",))
        .select_related("business__region", "round")
        .get(pk=application.pk)
    )
    state = locked.state
    if name in BEFORE:
        BEFORE[name](locked)
    comment = ensure_allowed(locked, name, user, comment or "", system=system)
    getattr(locked, name)(by=user, comment=comment)
    try:
        locked.save()
    except ConcurrentTransition as exc:
        raise TransitionConflict("该申报已被他人处理，请刷新页面。") from exc
    log = TransitionLog.objects.create(
        application=locked, transition=name, source=state, target=locked.state, actor=user, comment=comment
    )
    if name in AFTER:
        AFTER[name](locked, log)
    if notify:
        notifications.transition_made(locked, log)  # queued in this transaction (the e-mail outbox)
    application.refresh_from_db()
    return locked


# --- what some transitions do beside changing the state, in the same transaction -------------------


def _lock_round(application):
    """Naming counts the level's quota: the round's row lock makes concurrent namings take turns."""
    Round.objects.select_for_update().get(pk=application.round_id)


def _issue_certificate(application, log):
    from .certificates import issue

    issue(application)


def _revoke_certificate(application, log):
    Certificate.objects.filter(application=application).update(
        revoked_on=timezone.localdate(), revoked_reason=log.comment
    )


BEFORE = {"name_unit": _lock_round}
AFTER = {"name_unit": _issue_certificate, "revoke": _revoke_certificate}


def last_reason(application, target):
    """The comment of the latest transition into `target` (e.g. why it was returned)."""
    log = application.transitions.filter(target=target).order_by("-created_at", "-id").first()
    return log.comment if log else ""


NEXT_STEP = {
    State.DRAFT: "请填写自评并上传营业执照、放心消费承诺书，完成后提交申报。",
    State.SUBMITTED: "申报已提交，等待所在县区市场监督管理局受理审查。",
    State.RETURNED: "申报被退回补正，请按退回意见修改后重新提交。",
    State.UNDER_ASSESSMENT: "已受理，评审员正在按五个放心评价标准评分。",
    State.ASSESSED: "评审已完成，等待工作人员确定是否进入公示。",
    State.IN_NOTICE: "正在公示，公示期满且无异议后将予以命名。",
    State.NAMED: "已被命名为放心消费示范单位，可下载证书。",
    State.REJECTED: "本次申报未通过。",
    State.WITHDRAWN: "申报已撤回。",
    State.REVOKED: "示范单位称号已被撤销。",
    State.EXPIRED: "示范单位称号已到期，可在新的创建批次中重新申报。",
    State.UNDER_REVIEW: "因群众反映或年度复核，称号正在复核中。",
}
