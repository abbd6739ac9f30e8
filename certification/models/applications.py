"""The application and its workflow.

The transitions below are the only way an application changes state; their conditions (rules.py)
and permissions (permissions.py) are the workflow's rules. Services (services/workflow.py) call
them inside a locked transaction and write the TransitionLog.
"""

from decimal import ROUND_HALF_UP, Decimal

from django.db import models
from django.utils import timezone
from django_fsm import ConcurrentTransitionMixin, FSMField, transition

from .. import permissions as perm
from .. import rules
from ..search import COPY_LENGTHS, copies_for
from .rounds import Level


class State(models.TextChoices):
    DRAFT = "draft", "草稿"
    SUBMITTED = "submitted", "已提交，待受理"
    RETURNED = "returned", "退回补正"
    UNDER_ASSESSMENT = "under_assessment", "评审中"
    ASSESSED = "assessed", "评审完成"
    IN_NOTICE = "in_notice", "公示中"
    NAMED = "named", "已命名"
    REJECTED = "rejected", "未通过"
    WITHDRAWN = "withdrawn", "已撤回"
    REVOKED = "revoked", "已撤销"
    EXPIRED = "expired", "已到期"
    UNDER_REVIEW = "under_review", "复核中"


# States in which the unit holds its title (the directory shows these, while the certificate is valid).
TITLE_STATES = (State.NAMED, State.UNDER_REVIEW)
REQUIRED_DOCUMENT_KINDS = ("licence", "commitment")


def title_in_force(today=None, application="", certificate="certificate__"):
    """Q: the unit holds its title today: named (or under review), certificate valid, not revoked.

    The one definition, phrased from an Application (the defaults) or, with application="application__"
    and certificate="", from a Certificate.
    """
    return models.Q(**{
        f"{application}state__in": TITLE_STATES,
        f"{certificate}valid_until__gte": today or timezone.localdate(),
        f"{certificate}revoked_on__isnull": True,
    })


def officer_action(label, comment_required=False, style="primary"):
    return {"label": label, "actor": "officer", "comment_required": comment_required, "style": style}


def applicant_action(label, comment_required=False, style="primary"):
    return {"label": label, "actor": "applicant", "comment_required": comment_required, "style": style}


SYSTEM = {"label": "系统", "actor": "system", "comment_required": False}


class ApplicationQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self.filter(perm.application_scope(user))

    def open_for_objection(self, today=None):
        """On notice and the notice period not over: anyone may object."""
        return self.filter(state=State.IN_NOTICE, notice_ends_on__gte=today or timezone.localdate())

    def ready_to_name(self, today=None):
        """On notice, the notice period over, no open objection (rules.notice_period_over and
        rules.no_open_objection, in SQL for listing many at once; the transition still checks them)."""
        from .public import Objection

        open_objection = Objection.objects.filter(application=models.OuterRef("pk"), status=Objection.Status.OPEN)
        return self.filter(
            state=State.IN_NOTICE, notice_ends_on__lt=today or timezone.localdate()
        ).exclude(models.Exists(open_objection))

    def holding_title(self, today=None):
        return self.filter(title_in_force(today))


class Application(ConcurrentTransitionMixin, models.Model):
    business = models.ForeignKey(
        "certification.Business", verbose_name="申报单位", on_delete=models.PROTECT, related_name="applications"
    )
    round = models.ForeignKey(
        "certification.Round", verbose_name="创建批次", on_delete=models.PROTECT, related_name="applications"
    )
    level_requested = models.CharField("申报级别", max_length=10, choices=Level.choices, default=Level.COUNTY)
    level = models.CharField(
        "拟命名级别", max_length=10, choices=Level.choices, default=Level.COUNTY,
        help_text="通常与申报级别相同；申报市级但仅达到县区级合格分时，可按县区级推荐。",
    )
    state = FSMField("状态", default=State.DRAFT, choices=State.choices, db_index=True)
    self_assessment = models.JSONField(
        "自评", default=dict, blank=True, help_text="{指标代码: {points: 分值, note: 说明}}"
    )
    criteria = models.ForeignKey(
        "certification.CriteriaSnapshot", verbose_name="评价标准版本", null=True, blank=True,
        on_delete=models.PROTECT, related_name="applications",
    )
    submitted_at = models.DateTimeField("提交时间", null=True, blank=True)
    final_score = models.DecimalField("评审得分", max_digits=5, decimal_places=2, null=True, blank=True)
    has_veto = models.BooleanField("一票否决", default=False)
    spread_flagged = models.BooleanField("评分差异过大", default=False)
    spread_confirmed = models.BooleanField("差异已确认", default=False)
    notice_starts_on = models.DateField("公示开始", null=True, blank=True)
    notice_ends_on = models.DateField("公示截止", null=True, blank=True)
    named_on = models.DateField("命名日期", null=True, blank=True)
    # Normalised copies of the business's name, address and county, pinyin and initials for the public
    # search (certification.search.copies); search.refresh_copies(business) keeps them current.
    search_name = models.CharField(max_length=COPY_LENGTHS["search_name"], editable=False, default="")
    search_address = models.CharField(max_length=COPY_LENGTHS["search_address"], editable=False, default="")
    search_pinyin = models.CharField(max_length=COPY_LENGTHS["search_pinyin"], editable=False, default="")
    search_initials = models.CharField(max_length=COPY_LENGTHS["search_initials"], editable=False, default="")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ApplicationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "申报"
        verbose_name_plural = "申报"
        constraints = [
            models.UniqueConstraint(
                fields=["business", "round"],
                condition=~models.Q(state="withdrawn"),
                name="one_live_application_per_business_and_round",
            )
        ]
        indexes = [
            models.Index(fields=["round", "level", "state"]),
            # the public directory: units in force, by business, newest named first
            models.Index(fields=["state", "business", "named_on", "round", "level"], name="application_directory"),
        ]

    def __str__(self):
        return f"{self.business.name}（{self.round.year}年，{self.get_level_display()}）"

    def save(self, *args, **kwargs):
        if not self.search_name and self.business_id:
            for field, value in copies_for(self.business).items():
                setattr(self, field, value)
        super().save(*args, **kwargs)

    # --- facts the guards read ----------------------------------------------------------------

    def missing_self_assessment(self, criteria):
        """Indicator codes of `criteria` with no points or no note in the self-assessment."""
        missing = []
        for indicator in criteria.indicators():
            entry = self.self_assessment.get(indicator["code"]) or {}
            if entry.get("points") in (None, "") or not str(entry.get("note", "")).strip():
                missing.append(indicator["code"])
        return missing

    def missing_document_kinds(self):
        present = set(self.documents.values_list("kind", flat=True))
        return [kind for kind in REQUIRED_DOCUMENT_KINDS if kind not in present]

    def active_assignments(self):
        return self.assignments.exclude(status="declined")

    def scores_complete(self):
        active = list(self.active_assignments().values_list("status", flat=True))
        return len(active) >= self.round.assessors_per_application and all(s == "submitted" for s in active)

    def result_passes(self, level=None):
        if self.final_score is None or self.has_veto:
            return False
        return self.final_score >= self.round.pass_mark(level or self.level)

    def self_assessment_total(self):
        total = sum((Decimal(str(entry.get("points") or 0)) for entry in self.self_assessment.values()), Decimal(0))
        return total.quantize(Decimal("0.01"), ROUND_HALF_UP)

    @property
    def holds_title(self):
        return self.state in TITLE_STATES

    # --- transitions --------------------------------------------------------------------------

    @transition(
        field=state, source=State.DRAFT, target=State.SUBMITTED,
        conditions=[rules.round_open, rules.self_assessment_complete, rules.required_documents_attached],
        permission=perm.is_applicant, custom=applicant_action("提交申报"),
    )
    def submit(self, by=None, comment=""):
        self._pin_criteria()

    @transition(
        field=state, source=State.RETURNED, target=State.SUBMITTED,
        conditions=[rules.self_assessment_complete, rules.required_documents_attached],
        permission=perm.is_applicant, custom=applicant_action("重新提交"),
    )
    def resubmit(self, by=None, comment=""):
        self._pin_criteria()

    @transition(
        field=state, source=[State.DRAFT, State.SUBMITTED, State.RETURNED], target=State.WITHDRAWN,
        permission=perm.is_applicant, custom=applicant_action("撤回申报", style="danger"),
    )
    def withdraw(self, by=None, comment=""):
        pass

    @transition(
        field=state, source=State.SUBMITTED, target=State.RETURNED,
        permission=perm.is_reviewing_officer, custom=officer_action("退回补正", comment_required=True, style="warning"),
    )
    def return_for_correction(self, by=None, comment=""):
        pass

    @transition(
        field=state, source=State.SUBMITTED, target=State.REJECTED,
        permission=perm.is_reviewing_officer, custom=officer_action("不予受理", comment_required=True, style="danger"),
    )
    def refuse(self, by=None, comment=""):
        pass

    @transition(
        field=state, source=State.SUBMITTED, target=State.UNDER_ASSESSMENT,
        permission=perm.is_reviewing_officer, custom=officer_action("受理"),
    )
    def accept(self, by=None, comment=""):
        pass

    @transition(
        field=state, source=State.UNDER_ASSESSMENT, target=State.ASSESSED,
        conditions=[rules.all_scores_in], permission=perm.nobody, custom=SYSTEM,
    )
    def complete_assessment(self, by=None, comment=""):
        from ..services.scoring import aggregate

        result = aggregate(self)
        self.final_score = result.final_score
        self.has_veto = result.veto
        self.spread_flagged = result.spread_flagged
        self.spread_confirmed = False

    @transition(
        field=state, source=State.ASSESSED, target=State.UNDER_ASSESSMENT,
        permission=perm.nobody, custom=SYSTEM,
    )
    def reopen_assessment(self, by=None, comment=""):
        """A further assessor was assigned (e.g. because the scores differed too much)."""
        self.final_score = None
        self.has_veto = False
        self.spread_flagged = False
        self.spread_confirmed = False

    @transition(
        field=state, source=State.ASSESSED, target=State.ASSESSED,
        conditions=[rules.spread_awaits_confirmation], permission=perm.is_reviewing_officer,
        custom=officer_action("确认评审结果", comment_required=True, style="secondary"),
    )
    def confirm_result(self, by=None, comment=""):
        """Accept a result whose assessors' totals differ widely, instead of assigning a further assessor."""
        self.spread_confirmed = True

    @transition(
        field=state, source=State.ASSESSED, target=State.ASSESSED,
        conditions=[rules.reached_only_county_mark], permission=perm.is_reviewing_officer,
        custom=officer_action("按县区级推荐", style="secondary"),
    )
    def offer_county_level(self, by=None, comment=""):
        self.level = Level.COUNTY

    @transition(
        field=state, source=State.ASSESSED, target=State.IN_NOTICE,
        conditions=[rules.passed, rules.spread_resolved],
        permission=perm.is_reviewing_officer, custom=officer_action("进入公示"),
    )
    def open_notice(self, by=None, comment=""):
        today = timezone.localdate()
        self.notice_starts_on = today
        self.notice_ends_on = today + timezone.timedelta(days=self.round.notice_days - 1)

    @transition(
        field=state, source=State.ASSESSED, target=State.REJECTED,
        permission=perm.is_reviewing_officer,
        custom=officer_action("评审不通过", comment_required=True, style="danger"),
    )
    def reject(self, by=None, comment=""):
        pass

    @transition(
        field=state, source=State.IN_NOTICE, target=State.REJECTED,
        permission=perm.nobody, custom=SYSTEM,
    )
    def uphold_objection(self, by=None, comment=""):
        """Rejected because an objection raised during the notice was upheld (see services.notice)."""

    @transition(
        field=state, source=State.IN_NOTICE, target=State.NAMED,
        conditions=[rules.notice_period_over, rules.no_open_objection, rules.quota_available],
        permission=perm.is_naming_officer, custom=officer_action("命名"),
    )
    def name_unit(self, by=None, comment=""):
        self.named_on = timezone.localdate()

    @transition(
        field=state, source=State.NAMED, target=State.UNDER_REVIEW,
        permission=perm.is_reviewing_officer, custom=officer_action("启动复核", comment_required=True, style="warning"),
    )
    def open_review(self, by=None, comment=""):
        pass

    @transition(
        field=state, source=State.UNDER_REVIEW, target=State.NAMED,
        permission=perm.is_reviewing_officer, custom=officer_action("复核通过，保留称号"),
    )
    def confirm_title(self, by=None, comment=""):
        pass

    @transition(
        field=state, source=[State.NAMED, State.UNDER_REVIEW], target=State.REVOKED,
        permission=perm.is_city, custom=officer_action("撤销称号", comment_required=True, style="danger"),
    )
    def revoke(self, by=None, comment=""):
        pass

    @transition(
        field=state, source=State.NAMED, target=State.EXPIRED,
        conditions=[rules.validity_over], permission=perm.nobody, custom=SYSTEM,
    )
    def expire(self, by=None, comment=""):
        pass

    def _pin_criteria(self):
        from ..criteria import live_criteria

        self.criteria = live_criteria().snapshot()
        self.submitted_at = timezone.now()
