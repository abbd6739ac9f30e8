"""年度复核: the yearly re-evaluation of every unit whose title is in force.

A Campaign asks every unit in force (a CampaignUnit each) for a self-check against the criteria it
was named under; a reproducible sample of units (per county, drawn from the campaign's stored seed)
plus every unit with a substantiated complaint is inspected on site (Inspection, scored like an
assessment); each unit ends the campaign with an outcome decided by the body that named it.
"""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone

# How a unit's self-check answer reads, in the form and on every page showing it: a veto item names what
# must not happen ("近两年内发生重大安全责任事故"), so its answer is whether that situation exists ("仍然符合"
# would read as confirming it); any other indicator is whether the unit still meets it. Stored as `meets`.
SELF_CHECK_QUESTION = {False: "是否仍然符合", True: "是否存在该情形"}
SELF_CHECK_ANSWER = {(False, True): "仍然符合", (False, False): "有变化",
                     (True, True): "不存在该情形", (True, False): "存在该情形"}


def self_check_answer(veto, meets):
    return SELF_CHECK_ANSWER[bool(veto), bool(meets)]


class Campaign(models.Model):
    year = models.PositiveSmallIntegerField("年度", unique=True)
    title = models.CharField("名称", max_length=100)
    opened_on = models.DateField("启动日期", default=timezone.localdate)
    self_check_due_on = models.DateField("自查截止日期")
    grace_days = models.PositiveSmallIntegerField(
        "催报期（天）", default=7, help_text="自查截止后提醒未提交的单位；催报期满仍未提交的，启动复核。"
    )
    inspection_share = models.DecimalField(
        "现场抽查比例", max_digits=4, decimal_places=3, default=Decimal("0.10"),
        validators=[MinValueValidator(0), MaxValueValidator(1)],
        help_text="每个县区按此比例随机抽取（至少 1 个），另加命名以来有查实投诉的全部单位。",
    )
    seed = models.CharField("抽样种子", max_length=32, help_text="随机抽样所用的种子，公开可复核。")
    opened_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    closed_on = models.DateField("结束日期", null=True, blank=True)

    class Meta:
        ordering = ["-year"]
        verbose_name = "年度复核"
        verbose_name_plural = "年度复核"

    def __str__(self):
        return self.title

    @property
    def is_open(self):
        return self.closed_on is None

    def reminder_due_on(self):
        """Non-filers are reminded the day after the deadline."""
        return self.self_check_due_on + timezone.timedelta(days=1)

    def review_due_on(self):
        """Non-filers still silent after the grace period are put under review."""
        return self.self_check_due_on + timezone.timedelta(days=self.grace_days + 1)


class CampaignUnit(models.Model):
    class Sampled(models.TextChoices):
        NO = "", "未抽中"
        RANDOM = "random", "随机抽中"
        COMPLAINT = "complaint", "有查实投诉"

    class Outcome(models.TextChoices):
        PENDING = "", "待定"
        KEPT = "kept", "保留称号"
        RECTIFICATION = "rectification", "限期整改"
        REVOKED = "revoked", "撤销称号"
        ENDED = "ended", "称号已终止"  # expired or replaced during the campaign

    campaign = models.ForeignKey(Campaign, on_delete=models.PROTECT, related_name="units")
    application = models.ForeignKey("certification.Application", verbose_name="示范单位", on_delete=models.PROTECT,
                                    related_name="campaign_units")
    self_check = models.JSONField("自查", default=dict, blank=True,
                                  help_text="{指标代码: {meets: 是否仍符合, note: 说明}}")
    filed_at = models.DateTimeField("自查提交时间", null=True, blank=True)
    filed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                 related_name="+")
    reminded_on = models.DateField("催报日期", null=True, blank=True)
    sampled = models.CharField("现场抽查", max_length=10, choices=Sampled.choices, blank=True, default="")
    outcome = models.CharField("复核结论", max_length=15, choices=Outcome.choices, blank=True, default="")
    outcome_note = models.TextField("结论说明", blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+")
    decided_at = models.DateTimeField("决定时间", null=True, blank=True)

    class Meta:
        ordering = ["campaign", "application__business__region__code", "application__business__name", "pk"]
        verbose_name = "年度复核单位"
        verbose_name_plural = "年度复核单位"
        constraints = [
            models.UniqueConstraint(fields=["campaign", "application"], name="one_campaign_unit_per_title"),
        ]

    def __str__(self):
        return f"{self.campaign.year}年度复核：{self.application.business.name}"

    @property
    def is_filed(self):
        return self.filed_at is not None

    @property
    def is_decided(self):
        return bool(self.outcome)

    def changed_indicators(self):
        """Codes the unit says it no longer meets."""
        return [code for code, entry in self.self_check.items() if not entry.get("meets", True)]


class Inspection(models.Model):
    """现场检查: an assessor scores a sampled unit on site against the criteria it was named under."""

    class Status(models.TextChoices):
        ASSIGNED = "assigned", "待检查"
        SUBMITTED = "submitted", "已提交"
        DECLINED = "declined", "已回避"

    campaign_unit = models.ForeignKey(CampaignUnit, on_delete=models.CASCADE, related_name="inspections")
    assessor = models.ForeignKey("certification.Assessor", on_delete=models.PROTECT, related_name="inspections")
    status = models.CharField("状态", max_length=12, choices=Status.choices, default=Status.ASSIGNED)
    scores = models.JSONField("评分", default=dict, blank=True)
    total = models.DecimalField("总分", max_digits=5, decimal_places=2, null=True, blank=True)
    veto = models.BooleanField("一票否决", default=False)
    decline_reason = models.TextField("回避理由", blank=True)
    assigned_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    assigned_at = models.DateTimeField(auto_now_add=True)
    submitted_at = models.DateTimeField(null=True, blank=True)

    OPEN_TO_ASSESSOR = (Status.ASSIGNED, Status.SUBMITTED)

    class Meta:
        ordering = ["assigned_at", "id"]
        verbose_name = "现场检查"
        verbose_name_plural = "现场检查"
        constraints = [
            models.UniqueConstraint(fields=["campaign_unit", "assessor"], name="one_inspection_per_assessor"),
        ]

    def __str__(self):
        return f"{self.assessor} → {self.campaign_unit}"

    @property
    def is_locked(self):
        return self.status != self.Status.ASSIGNED
