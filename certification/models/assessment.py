from django.conf import settings
from django.db import models


class Assignment(models.Model):
    """An assessor asked to score one application, and the score they gave."""

    class Status(models.TextChoices):
        ASSIGNED = "assigned", "待评分"
        SUBMITTED = "submitted", "已提交"
        DECLINED = "declined", "已回避"

    application = models.ForeignKey("certification.Application", on_delete=models.CASCADE, related_name="assignments")
    assessor = models.ForeignKey("certification.Assessor", on_delete=models.PROTECT, related_name="assignments")
    status = models.CharField("状态", max_length=12, choices=Status.choices, default=Status.ASSIGNED)
    scores = models.JSONField("评分", default=dict, blank=True, help_text="{指标代码: {points, comment, veto}}")
    total = models.DecimalField("总分", max_digits=5, decimal_places=2, null=True, blank=True)
    veto = models.BooleanField("一票否决", default=False)
    decline_reason = models.TextField("回避理由", blank=True)
    assigned_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    assigned_at = models.DateTimeField(auto_now_add=True)
    submitted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["assigned_at", "id"]
        verbose_name = "评审任务"
        verbose_name_plural = "评审任务"
        constraints = [
            models.UniqueConstraint(fields=["application", "assessor"], name="one_assignment_per_assessor")
        ]

    def __str__(self):
        return f"{self.assessor} → {self.application}"

    # The assignments an assessor works on (and may see the application of): not the declined ones.
    OPEN_TO_ASSESSOR = (Status.ASSIGNED, Status.SUBMITTED)

    @property
    def is_locked(self):
        return self.status != self.Status.ASSIGNED
