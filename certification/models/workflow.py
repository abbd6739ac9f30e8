"""The application workflow, in one place: every transition with everything about it.

Each transition is a django-fsm method below. Next to it stand its source and target states, its
conditions (rules.py), who may make it (permissions.py) and a `Step`: its label, who makes it, whether
a reason is required, whether the applicant is told, whether the public pages change, the staff page
that makes it (a batch page, or a form asking for more than a reason), and its side effects.
Everything else — the buttons, the URLs, the e-mails, the public cache, the routing to a
transition's own page, the diagram in docs/ — is derived from these declarations.
docs/adding-a-state.md is the recipe for a new state or transition.

Side effects are named by dotted path (resolved on first use and checked by `manage.py check`), so
the model declares them without importing the services that carry them out.
"""

from dataclasses import dataclass
from functools import cache

from django.db import models
from django.utils import timezone
from django.utils.module_loading import import_string
from django_fsm import ConcurrentTransitionMixin, FSMField, transition

from .. import permissions as perm
from .. import rules, scoring
from ..criteria import live_criteria
from .criteria import CriteriaSnapshot
from .rounds import Level
from .states import State

APPLICANT, OFFICER, SYSTEM = "applicant", "officer", "system"


@dataclass(frozen=True)
class Step:
    """What a transition is, beside its states, conditions and permission."""

    label: str  # the button and the log say this
    actor: str  # APPLICANT, OFFICER or SYSTEM (the system's steps are never offered as buttons)
    comment_required: bool = False  # a reason must be given (it is logged and e-mailed)
    style: str = "primary"  # the button: primary, secondary, warning or danger (danger asks to confirm)
    warning: str = ""  # what cannot be undone, said beside the button before it is pressed
    tell_applicant: bool = True  # e-mail the business (templates/email/transition_*.txt)
    tell_officers: str = ""  # e-mail the reviewing officers this work to do (each time or in their daily digest)
    public: bool = False  # changes what the public sees: directory, unit page, verification, statistics
    page: str = ""  # URL name of the staff page that makes it (it publishes a page, or asks for more than a
    # reason): the button leads there, with ?application=<id>
    before: str = ""  # dotted path of f(application): runs first, before the application's row is locked
    after: str = ""  # dotted path of f(application, log): runs in the same transaction after the change
    event: str = ""  # the webhook event it sends to the API's subscribers (WebhookEvent.Type), queued in the
    # same transaction after the `after` effect (services.webhooks.queue)

    def effect(self, name):
        path = getattr(self, name)
        return _resolve(path) if path else None


@cache
def _resolve(path):
    return import_string(path)


# --- why a transition is refused --------------------------------------------------------------------


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
    """A transition offered to a user now, as a button."""

    name: str
    label: str
    comment_required: bool
    style: str
    target: str
    page: bool = False  # the button leads to the step's own page, which asks for what it needs
    warning: str = ""


class ApplicationWorkflow(ConcurrentTransitionMixin, models.Model):
    """The state of an application and its transitions (the concrete model: applications.Application)."""

    state = FSMField("状态", default=State.DRAFT, choices=State.choices, db_index=True)

    class Meta:
        abstract = True

    # --- application ------------------------------------------------------------------------

    @transition(
        field="state", source=State.DRAFT, target=State.SUBMITTED,
        conditions=[rules.round_open, rules.self_assessment_complete, rules.required_documents_attached],
        permission=perm.is_applicant, custom=Step("提交申报", APPLICANT, tell_officers="新提交，待受理"),
    )
    def submit(self, by=None, comment=""):
        self._pin_criteria()

    @transition(
        field="state", source=State.RETURNED, target=State.SUBMITTED,
        conditions=[rules.self_assessment_complete, rules.required_documents_attached],
        permission=perm.is_applicant, custom=Step("重新提交", APPLICANT, tell_officers="补正后重新提交，待受理"),
    )
    def resubmit(self, by=None, comment=""):
        self._pin_criteria()

    @transition(
        field="state", source=[State.DRAFT, State.SUBMITTED, State.RETURNED], target=State.WITHDRAWN,
        permission=perm.is_applicant, custom=Step("撤回申报", APPLICANT, style="danger"),
    )
    def withdraw(self, by=None, comment=""):
        pass

    # --- review by the county bureau ----------------------------------------------------------

    @transition(
        field="state", source=State.SUBMITTED, target=State.RETURNED, permission=perm.is_reviewing_officer,
        custom=Step("退回补正", OFFICER, comment_required=True, style="warning"),
    )
    def return_for_correction(self, by=None, comment=""):
        pass

    @transition(
        field="state", source=State.SUBMITTED, target=State.REJECTED, permission=perm.is_reviewing_officer,
        custom=Step("不予受理", OFFICER, comment_required=True, style="danger"),
    )
    def refuse(self, by=None, comment=""):
        pass

    @transition(
        field="state", source=State.SUBMITTED, target=State.UNDER_ASSESSMENT, permission=perm.is_reviewing_officer,
        custom=Step("受理", OFFICER),
    )
    def accept(self, by=None, comment=""):
        pass

    # --- assessment ----------------------------------------------------------------------------

    @transition(
        field="state", source=State.UNDER_ASSESSMENT, target=State.ASSESSED,
        conditions=[rules.all_scores_in], permission=perm.nobody,
        custom=Step("评审完成", SYSTEM, tell_applicant=False, tell_officers="评分已全部提交，待决定是否公示"),
    )
    def complete_assessment(self, by=None, comment=""):
        submitted = list(self.assignments.filter(status="submitted").values_list("total", "veto"))
        result = scoring.aggregate_totals(
            [total for total, _ in submitted], any(veto for _, veto in submitted), self.round.spread_threshold
        )
        self.final_score = result.final_score
        self.has_veto = result.veto
        self.spread_flagged = result.spread_flagged
        self.spread_confirmed = False

    @transition(
        field="state", source=State.ASSESSED, target=State.UNDER_ASSESSMENT, permission=perm.nobody,
        custom=Step("增派评审员", SYSTEM, tell_applicant=False),
    )
    def reopen_assessment(self, by=None, comment=""):
        """A further assessor was assigned (e.g. because the scores differed too much)."""
        self.final_score = None
        self.has_veto = False
        self.spread_flagged = False
        self.spread_confirmed = False

    @transition(
        field="state", source=State.ASSESSED, target=State.ASSESSED,
        conditions=[rules.spread_awaits_confirmation], permission=perm.is_reviewing_officer,
        custom=Step("确认评审结果", OFFICER, comment_required=True, style="secondary"),
    )
    def confirm_result(self, by=None, comment=""):
        """Accept a result whose assessors' totals differ widely, instead of assigning a further assessor."""
        self.spread_confirmed = True

    @transition(
        field="state", source=State.ASSESSED, target=State.ASSESSED,
        conditions=[rules.reached_only_county_mark], permission=perm.is_reviewing_officer,
        custom=Step("按县区级推荐", OFFICER, style="secondary"),
    )
    def offer_county_level(self, by=None, comment=""):
        self.level = Level.COUNTY

    @transition(
        field="state", source=State.ASSESSED, target=State.REJECTED, permission=perm.is_reviewing_officer,
        custom=Step("评审不通过", OFFICER, comment_required=True, style="danger"),
    )
    def reject(self, by=None, comment=""):
        pass

    # --- public notice and naming ------------------------------------------------------------------

    @transition(
        field="state", source=State.ASSESSED, target=State.IN_NOTICE,
        conditions=[rules.passed, rules.spread_resolved], permission=perm.is_reviewing_officer,
        custom=Step("进入公示", OFFICER, page="staff:notice_batch"),
    )
    def open_notice(self, by=None, comment=""):
        today = timezone.localdate()
        self.notice_starts_on = today
        self.notice_ends_on = today + timezone.timedelta(days=self.round.notice_days - 1)

    @transition(
        field="state", source=State.IN_NOTICE, target=State.REJECTED, permission=perm.nobody,
        custom=Step("公示异议成立", SYSTEM),
    )
    def uphold_objection(self, by=None, comment=""):
        """Rejected because an objection raised during the notice was upheld (see services.notice)."""

    @transition(
        field="state", source=State.IN_NOTICE, target=State.NAMED,
        conditions=[rules.notice_period_over, rules.no_open_objection, rules.quota_available],
        permission=perm.is_naming_body,
        custom=Step(
            "命名", OFFICER, public=True, page="staff:naming_batch",
            before="certification.services.naming.lock_round",  # the quota: namings of a round take turns
            after="certification.services.certificates.issue_on_naming", event="title.named",
        ),
    )
    def name_unit(self, by=None, comment=""):
        self.named_on = timezone.localdate()

    # --- the life of a title: review, rectification, revocation, expiry, renewal -----------------------

    @transition(
        field="state", source=State.NAMED, target=State.UNDER_REVIEW, permission=perm.is_reviewing_officer,
        custom=Step("启动复核", OFFICER, comment_required=True, style="warning", public=True,
                    event="title.under_review"),
    )
    def open_review(self, by=None, comment=""):
        pass

    @transition(
        field="state", source=State.UNDER_REVIEW, target=State.NAMED, permission=perm.is_naming_body,
        custom=Step("复核通过，保留称号", OFFICER, public=True, event="title.kept"),
    )
    def confirm_title(self, by=None, comment=""):
        pass

    @transition(
        field="state", source=[State.NAMED, State.UNDER_REVIEW], target=State.UNDER_RECTIFICATION,
        conditions=[rules.rectification_notice_given], permission=perm.is_naming_body,
        custom=Step("责令整改", OFFICER, comment_required=True, style="warning", public=True,
                    page="staff:rectification_new", event="title.under_rectification"),
    )
    def order_rectification(self, by=None, comment=""):
        """Made by services.rectifications.order, which records the problems and the deadline first."""

    @transition(
        field="state", source=State.UNDER_RECTIFICATION, target=State.NAMED,
        conditions=[rules.rectification_answered], permission=perm.is_naming_body,
        custom=Step("整改合格，保留称号", OFFICER, public=True,
                    after="certification.services.rectifications.close_as_kept", event="title.kept"),
    )
    def accept_rectification(self, by=None, comment=""):
        pass

    @transition(
        field="state", source=[State.NAMED, State.UNDER_REVIEW, State.UNDER_RECTIFICATION], target=State.REVOKED,
        permission=perm.is_naming_body,
        custom=Step("撤销称号", OFFICER, comment_required=True, style="danger", public=True,
                    warning="撤销后证书立即失效，该单位从示范单位名录中移除并列入公开的撤销名单，撤销理由向社会公布，"
                            "企业会收到邮件通知。此操作不可撤回。",
                    after="certification.services.titles.on_revoked", event="title.revoked"),
    )
    def revoke(self, by=None, comment=""):
        pass

    @transition(
        field="state", source=[State.NAMED, State.UNDER_REVIEW, State.UNDER_RECTIFICATION], target=State.EXPIRED,
        conditions=[rules.validity_over], permission=perm.nobody,
        custom=Step("证书到期", SYSTEM, public=True, after="certification.services.titles.on_ended",
                    event="title.expired"),
    )
    def expire(self, by=None, comment=""):
        pass

    @transition(
        field="state", source=[State.NAMED, State.UNDER_REVIEW, State.UNDER_RECTIFICATION, State.EXPIRED],
        target=State.EXPIRED, permission=perm.nobody,
        custom=Step("换发新证书", SYSTEM, public=True, tell_applicant=False,
                    after="certification.services.titles.on_ended", event="title.superseded"),
    )
    def supersede(self, by=None, comment=""):
        """The unit's renewal was named: this title ends and the new certificate replaces the old one.

        Also from `expired` (a title renewed after it ran out), so that every replaced title has this
        step in its record.

        Not e-mailed: the renewal's naming tells the unit, and the target state's sentence ("称号已到期，
        可在新的创建批次中重新申报") would tell it the opposite of what happened."""

    def _pin_criteria(self):
        self.criteria = CriteriaSnapshot.objects.for_criteria(live_criteria())
        self.submitted_at = timezone.now()

    # --- reading the declarations --------------------------------------------------------------------

    @classmethod
    def transition_meta(cls, name):
        """django-fsm's metadata of transition `name`, or None when there is no such transition."""
        meta = getattr(getattr(cls, name, None), "_django_fsm", None)
        return meta if meta is not None and meta.transitions else None

    @classmethod
    def step(cls, name):
        """The Step of transition `name` (the same for every source state), or None."""
        meta = cls.transition_meta(name)
        return next(iter(meta.transitions.values())).custom if meta else None

    @classmethod
    def steps(cls):
        """{name: Step} of every transition (django-fsm's field collects them when the class is ready)."""
        names = cls._meta.get_field("state").transitions.get(cls, {})
        return {name: cls.step(name) for name in sorted(names)}

    def unmet_conditions(self, name, before_its_page=False):
        """Chinese reasons why the conditions of transition `name` do not hold now. With
        before_its_page, the conditions its own page collects (rules.condition(asked_on_page)) are left out."""
        transition_ = self._meta_or_refuse(name).get_transition(self.state)
        if transition_ is None:
            return [f"当前状态（{self.get_state_display()}）不能进行此操作。"]
        return [
            getattr(c, "message", "条件不满足。") for c in transition_.conditions
            if not (before_its_page and getattr(c, "asked_on_page", False)) and not c(self)
        ]

    def refusal(self, name, user, comment=None, system=False, before_its_page=False):
        """Raise the refusal that fits (409 state, 403 permission, 409 conditions, 400 missing reason).

        With comment=None the reason is not checked; otherwise the stripped comment is returned. With
        before_its_page, the conditions the transition's own page collects are not checked yet (the
        button leading there, and the service about to record what they read, ask this).
        """
        meta = self._meta_or_refuse(name)
        if not meta.has_transition(self.state):
            raise TransitionConflict(
                f"该申报当前状态为“{self.get_state_display()}”，不能进行此操作，可能已被他人处理。"
            )
        if not system and not meta.has_transition_perm(self, self.state, user):
            raise TransitionRefused("您没有权限对该申报进行此操作。")
        reasons = self.unmet_conditions(name, before_its_page=before_its_page)
        if reasons:
            raise TransitionConflict(" ".join(reasons))
        if comment is None:
            return None
        comment = comment.strip()
        if self.step(name).comment_required and not comment:
            raise CommentRequired("请填写意见或理由。")
        return comment

    def allowed(self, name, user):
        """(allowed, reason) for `user` making transition `name` now (a reason to give is not asked yet)."""
        try:
            self.refusal(name, user)
        except WorkflowError as exc:
            return False, exc.message
        return True, ""

    def actions_for(self, user):
        """The transitions `user` may make now, as buttons: allowed in this state, permitted to the
        user, conditions met (except those the transition's own page asks for); never the system's."""
        actions = []
        for name, step in self.steps().items():
            if step.actor == SYSTEM:
                continue
            meta = self.transition_meta(name)
            transition_ = meta.get_transition(self.state)
            if transition_ is None or not meta.has_transition_perm(self, self.state, user):
                continue
            if self.unmet_conditions(name, before_its_page=bool(step.page)):
                continue
            actions.append(Action(name=name, label=step.label, comment_required=step.comment_required,
                                  style=step.style, target=transition_.target, page=bool(step.page),
                                  warning=step.warning))
        return actions

    def _meta_or_refuse(self, name):
        meta = self.transition_meta(name)
        if meta is None:
            raise TransitionRefused("没有这个操作。")
        return meta
