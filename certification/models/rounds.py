from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone


class Level(models.TextChoices):
    """The level at which a unit is named."""

    COUNTY = "county", "县区级"
    CITY = "city", "市级"


class RoundQuerySet(models.QuerySet):
    def open_for_applications(self, today=None):
        today = today or timezone.localdate()
        return self.filter(application_opens__lte=today, application_closes__gte=today)


class Round(models.Model):
    """年度创建批次: one year's call for applications and its rules."""

    year = models.PositiveSmallIntegerField("年度", unique=True, validators=[MinValueValidator(2000)])
    title = models.CharField("名称", max_length=100, blank=True)
    application_opens = models.DateField("申报开始日期")
    application_closes = models.DateField("申报截止日期")
    quota_city = models.PositiveIntegerField("市级命名名额", default=10)
    quota_county = models.PositiveIntegerField("县区级命名名额", default=170)
    notice_days = models.PositiveSmallIntegerField("公示天数", default=7, validators=[MinValueValidator(1)])
    pass_mark_county = models.DecimalField(
        "县区级合格分", max_digits=5, decimal_places=2, default=Decimal("80"),
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    pass_mark_city = models.DecimalField(
        "市级合格分", max_digits=5, decimal_places=2, default=Decimal("90"),
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    certificate_validity_years = models.PositiveSmallIntegerField("证书有效期（年）", default=2)
    assessors_per_application = models.PositiveSmallIntegerField(
        "每份申报评审员人数", default=2, validators=[MinValueValidator(1)]
    )
    spread_threshold = models.DecimalField(
        "评分差异复核阈值", max_digits=5, decimal_places=2, default=Decimal("15"),
        help_text="两位评审员总分相差超过此值时，须由工作人员确认或增派评审员。",
    )

    objects = RoundQuerySet.as_manager()

    class Meta:
        ordering = ["-year"]
        verbose_name = "创建批次"
        verbose_name_plural = "创建批次"

    def __str__(self):
        return self.title or f"{self.year}年度放心消费示范单位创建"

    def clean(self):
        if self.application_opens and self.application_closes and self.application_opens > self.application_closes:
            raise ValidationError({"application_closes": "截止日期不能早于开始日期。"})
        if self.pass_mark_city is not None and self.pass_mark_county is not None:
            if self.pass_mark_city < self.pass_mark_county:
                raise ValidationError({"pass_mark_city": "市级合格分不能低于县区级合格分。"})

    def is_open(self, today=None):
        today = today or timezone.localdate()
        return self.application_opens <= today <= self.application_closes

    def pass_mark(self, level):
        return self.pass_mark_city if level == Level.CITY else self.pass_mark_county

    def quota(self, level):
        return self.quota_city if level == Level.CITY else self.quota_county

    def named_count(self, level):
        """Titles awarded in this round at `level` (revoked or expired ones still used their place)."""
        return self.applications.filter(level=level, named_on__isnull=False).count()
