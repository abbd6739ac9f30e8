from django.conf import settings
from django.db import models
from django.utils import timezone


class RectificationQuerySet(models.QuerySet):
    def open(self):
        return self.filter(closed_at__isnull=True)

    def overdue(self, today=None):
        """Open, not answered, and past the deadline."""
        return self.open().filter(answered_at__isnull=True, due_on__lt=today or timezone.localdate())


class Rectification(models.Model):
    """整改: the problems a unit must fix by a deadline, its answer, and how the officer closed it."""

    class Result(models.TextChoices):
        KEPT = "kept", "整改合格，保留称号"
        REVOKED = "revoked", "撤销称号"
        ENDED = "ended", "称号已终止"  # expired or replaced while the rectification was open

    application = models.ForeignKey("certification.Application", verbose_name="示范单位", on_delete=models.PROTECT,
                                    related_name="rectifications")
    campaign_unit = models.ForeignKey("certification.CampaignUnit", verbose_name="年度复核", null=True, blank=True,
                                      on_delete=models.PROTECT, related_name="rectifications")
    problems = models.TextField("存在的问题")
    due_on = models.DateField("整改期限")
    opened_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    opened_at = models.DateTimeField("下达时间", default=timezone.now)
    answer = models.TextField("整改情况", blank=True)
    answered_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="+")
    answered_at = models.DateTimeField("提交时间", null=True, blank=True)
    result = models.CharField("结果", max_length=10, choices=Result.choices, blank=True)
    closing_note = models.TextField("验收意见", blank=True)
    closed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                  related_name="+")
    closed_at = models.DateTimeField("结束时间", null=True, blank=True)

    objects = RectificationQuerySet.as_manager()

    class Meta:
        ordering = ["-opened_at", "-id"]
        verbose_name = "整改"
        verbose_name_plural = "整改"
        constraints = [
            models.UniqueConstraint(fields=["application"], condition=models.Q(closed_at__isnull=True),
                                    name="one_open_rectification_per_title"),
        ]

    def __str__(self):
        return f"{self.application.business.name} 整改（期限 {self.due_on:%Y-%m-%d}）"

    @property
    def is_open(self):
        return self.closed_at is None

    def is_overdue(self, today=None):
        return self.is_open and self.answered_at is None and self.due_on < (today or timezone.localdate())
