"""The application: a business's request to be named in a round, with what the workflow's guards read.

Its states and transitions are declared in models/workflow.py (ApplicationWorkflow); services
(services/workflow.py) make them inside a locked transaction and write the TransitionLog.
"""

from decimal import ROUND_HALF_UP, Decimal

from django.db import models
from django.utils import timezone

from ..search import COPY_LENGTHS, copies_for
from .public import Objection
from .rounds import Level
from .states import TITLE_STATES, State, title_in_force
from .workflow import ApplicationWorkflow

REQUIRED_DOCUMENT_KINDS = ("licence", "commitment")


class ApplicationQuerySet(models.QuerySet):
    def open_for_objection(self, today=None):
        """On notice and the notice period not over: anyone may object."""
        return self.filter(state=State.IN_NOTICE, notice_ends_on__gte=today or timezone.localdate())

    def ready_to_name(self, today=None):
        """On notice, the notice period over, no open objection (rules.notice_period_over and
        rules.no_open_objection, in SQL for listing many at once; the transition still checks them)."""
        open_objection = Objection.objects.filter(application=models.OuterRef("pk"), status=Objection.Status.OPEN)
        return self.filter(
            state=State.IN_NOTICE, notice_ends_on__lt=today or timezone.localdate()
        ).exclude(models.Exists(open_objection))

    def holding_title(self, today=None):
        return self.filter(title_in_force(today))


class Application(ApplicationWorkflow):
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
    renewal_of = models.ForeignKey(
        "self", verbose_name="续期自", null=True, blank=True, on_delete=models.PROTECT, related_name="renewals",
        help_text="续期申报：上一次命名的申报（命名后旧证书由新证书替换）。",
    )
    # Normalised copies of the business's name, address and county, pinyin and initials for the public
    # search (certification.search.copies); services.businesses.refresh_search_copies keeps them current.
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

    def scores_in(self):
        """(sheets submitted, sheets the round needs) of the assessors who did not decline."""
        active = list(self.active_assignments().values_list("status", flat=True))
        return active.count("submitted"), max(len(active), self.round.assessors_per_application)

    def marks(self):
        """The round's pass mark of each level, county first, and whether the final score reaches it."""
        return [
            {"level": Level(level).label, "mark": self.round.pass_mark(level), "reached": self.result_passes(level)}
            for level in (Level.COUNTY, Level.CITY)
        ]

    def self_assessment_total(self):
        total = sum((Decimal(str(entry.get("points") or 0)) for entry in self.self_assessment.values()), Decimal(0))
        return total.quantize(Decimal("0.01"), ROUND_HALF_UP)

    def open_rectification(self):
        """The rectification the unit is working on now, or None (from `open_rectifications` when a
        query prefetched them, as the verification API's do)."""
        prefetched = getattr(self, "open_rectifications", None)
        if prefetched is not None:
            return prefetched[0] if prefetched else None
        return self.rectifications.filter(closed_at__isnull=True).first()

    @property
    def holds_title(self):
        return self.state in TITLE_STATES
