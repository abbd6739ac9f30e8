from django.conf import settings
from django.db import models


class Officer(models.Model):
    """Staff of a market-supervision bureau (or the consumer association).

    The region is the officer's scope: 商洛市 (the city) covers every county; a county covers itself.
    """

    user = models.OneToOneField(settings.AUTH_USER_MODEL, verbose_name="用户账号", on_delete=models.CASCADE,
                                related_name="officer")
    region = models.ForeignKey("certification.Region", verbose_name="所属单位辖区", on_delete=models.PROTECT)
    organisation = models.CharField(
        "单位", max_length=80, blank=True, help_text="如 商洛市消费者协会；留空则为该辖区市场监督管理局。"
    )
    title = models.CharField("职务", max_length=50, blank=True)
    # the daily job's e-mail about overdue complaints went out on this day (sent once a day at most)
    overdue_mailed_on = models.DateField(null=True, blank=True, editable=False)

    class Notices(models.TextChoices):
        EACH = "each", "每件即时通知"
        DAILY = "daily", "每日汇总一封"

    # New work (an application submitted, resubmitted or fully scored) is e-mailed as it happens or in
    # one daily digest (services/officer_alerts.py, `manage.py daily`).
    notice_preference = models.CharField("新工作邮件提醒", max_length=8, choices=Notices.choices,
                                         default=Notices.EACH)
    digest_sent_up_to = models.DateTimeField("汇总邮件已包含到", null=True, blank=True, editable=False)

    class Meta:
        verbose_name = "工作人员"
        verbose_name_plural = "工作人员"

    def __str__(self):
        return f"{self.user.get_full_name() or self.user.get_username()}（{self.organisation_name}）"

    @property
    def is_city(self):
        return self.region.is_city

    @property
    def organisation_name(self):
        return self.organisation or self.region.bureau_name

    def covers(self, region_id):
        return self.is_city or self.region_id == region_id


class Assessor(models.Model):
    """评审员: an expert in the pool."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, verbose_name="用户账号", on_delete=models.CASCADE,
                                related_name="assessor")
    home_region = models.ForeignKey("certification.Region", verbose_name="所在地区", on_delete=models.PROTECT)
    sectors = models.ManyToManyField("certification.Industry", verbose_name="擅长行业", blank=True)
    organisation = models.CharField("工作单位", max_length=80, blank=True)
    active = models.BooleanField("在库", default=True)

    class Meta:
        verbose_name = "评审员"
        verbose_name_plural = "评审员"

    def __str__(self):
        return self.user.get_full_name() or self.user.get_username()


class ConflictDeclaration(models.Model):
    """An assessor's declared conflict of interest with a business: never assigned to it."""

    assessor = models.ForeignKey(Assessor, on_delete=models.CASCADE, related_name="conflicts")
    business = models.ForeignKey("certification.Business", on_delete=models.CASCADE, related_name="conflicts")
    reason = models.TextField("回避理由")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "回避声明"
        verbose_name_plural = "回避声明"
        constraints = [models.UniqueConstraint(fields=["assessor", "business"], name="one_conflict_per_pair")]
