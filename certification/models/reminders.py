from django.db import models


class ExpiryReminder(models.Model):
    """One reminder sent to a unit before its certificate ends (90, 60, 30 and 7 days): each once."""

    DAYS_BEFORE = (90, 60, 30, 7)

    certificate = models.ForeignKey("certification.Certificate", on_delete=models.CASCADE, related_name="reminders")
    days_before = models.PositiveSmallIntegerField("提前天数")
    sent_on = models.DateField("发送日期")

    class Meta:
        ordering = ["certificate", "-days_before"]
        verbose_name = "到期提醒"
        verbose_name_plural = "到期提醒"
        constraints = [
            models.UniqueConstraint(fields=["certificate", "days_before"], name="one_reminder_per_certificate_and_day"),
        ]
