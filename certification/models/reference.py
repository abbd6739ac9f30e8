from django.db import models


class Region(models.Model):
    """商洛市 and its county-level divisions (loaded from the administrative codes)."""

    class Level(models.TextChoices):
        CITY = "city", "市"
        COUNTY = "county", "县区"

    code = models.CharField("行政区划代码", max_length=6, unique=True)
    name = models.CharField("名称", max_length=50, unique=True)
    name_en = models.CharField("英文名", max_length=50, blank=True)
    level = models.CharField("层级", max_length=10, choices=Level.choices)
    parent = models.ForeignKey("self", verbose_name="上级", null=True, blank=True, on_delete=models.PROTECT)

    class Meta:
        ordering = ["code"]
        verbose_name = "行政区"
        verbose_name_plural = "行政区"

    def __str__(self):
        return self.name

    @property
    def is_city(self):
        return self.level == self.Level.CITY

    @property
    def bureau_name(self):
        return f"{self.name}市场监督管理局"


class Industry(models.Model):
    """A consumer-facing sector the programme covers."""

    code = models.SlugField("代码", max_length=30, unique=True)
    name = models.CharField("名称", max_length=50, unique=True)
    name_en = models.CharField("英文名", max_length=80, blank=True)
    named_in_programme = models.BooleanField("创建方案列明", default=False)
    sort_order = models.PositiveSmallIntegerField("排序", default=0)

    class Meta:
        ordering = ["sort_order", "code"]
        verbose_name = "行业"
        verbose_name_plural = "行业"

    def __str__(self):
        return self.name
