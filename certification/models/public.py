import secrets

from django.conf import settings
from django.db import models


def new_reference(prefix):
    alphabet = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"
    return prefix + "".join(secrets.choice(alphabet) for _ in range(10))


class Objection(models.Model):
    """异议: raised by anyone against a candidate during its public notice."""

    class Status(models.TextChoices):
        OPEN = "open", "待处理"
        UPHELD = "upheld", "异议成立"
        DISMISSED = "dismissed", "异议不成立"

    application = models.ForeignKey("certification.Application", on_delete=models.PROTECT, related_name="objections")
    reference = models.CharField("受理编号", max_length=20, unique=True)
    name = models.CharField("姓名", max_length=50)
    contact = models.CharField("联系电话或邮箱", max_length=100)
    text = models.TextField("异议内容")
    status = models.CharField("状态", max_length=12, choices=Status.choices, default=Status.OPEN, db_index=True)
    resolution = models.TextField("处理意见", blank=True)
    resolved_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")
    resolved_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "公示异议"
        verbose_name_plural = "公示异议"

    def __str__(self):
        return self.reference

    def save(self, *args, **kwargs):
        if not self.reference:
            self.reference = new_reference("YY")
        super().save(*args, **kwargs)
