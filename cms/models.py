"""Public pages: the programme's home, the five assurances with their indicators, notices."""

from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import models
from django.db.models import Exists, OuterRef, prefetch_related_objects
from django.db.models.functions import Length, Substr
from django.utils import timezone
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page, PageViewRestriction
from wagtail.search import index


def visible(queryset):
    """`queryset.live().public()` in one query. Wagtail's public() first reads every view restriction
    in a query of its own; here the database tells, in the same query, whether a restriction sits on the
    page or one of its ancestors (its path starts with the restricted page's path)."""
    restricted = PageViewRestriction.objects.filter(
        page__path=Substr(OuterRef("path"), 1, Length("page__path"))
    )
    return queryset.live().exclude(Exists(restricted))


class HomePage(Page):
    intro = RichTextField("导语", blank=True)
    hotline = models.CharField("投诉举报电话", max_length=20, default="12315")

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("hotline")]
    subpage_types = ["cms.CriteriaIndexPage", "cms.NoticeIndexPage", "cms.StandardPage"]
    max_count = 1

    class Meta:
        verbose_name = "首页"

    def get_context(self, request, *args, **kwargs):
        # The live counts come from the certification app's template tag ({% programme_counts %}):
        # the CMS does not import the domain.
        context = super().get_context(request, *args, **kwargs)
        context["latest_notices"] = (
            visible(NoticePage.objects.all()).order_by("-date", "-first_published_at")[:6]
        )
        context["criteria_index"] = visible(CriteriaIndexPage.objects.all()).first()
        return context


class CriteriaIndexPage(Page):
    intro = RichTextField("说明", blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["cms.HomePage"]
    subpage_types = ["cms.AssurancePage"]
    max_count = 1

    class Meta:
        verbose_name = "评价标准"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["assurances"] = (
            visible(AssurancePage.objects.child_of(self)).order_by("path").prefetch_related("indicators")
        )
        return context


class AssurancePage(Page):
    """One of the five assurances (安全放心 …) and its ordered indicators."""

    english_name = models.CharField("英文名", max_length=50, blank=True)
    summary = models.CharField("一句话说明", max_length=200, blank=True)
    body = RichTextField("公开说明", blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("english_name"),
        FieldPanel("summary"),
        FieldPanel("body"),
        InlinePanel("indicators", label="评价指标", min_num=1),
    ]
    search_fields = Page.search_fields + [index.SearchField("summary"), index.SearchField("body")]
    parent_page_types = ["cms.CriteriaIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = "放心承诺（评价类别）"

    def clean(self):
        super().clean()
        codes = [i.code for i in self.indicators.all()]
        duplicates = sorted({code for code in codes if codes.count(code) > 1})
        if duplicates:
            raise ValidationError(f"指标代码重复：{'、'.join(duplicates)}")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        if not getattr(request, "is_preview", False):  # a preview shows the indicators being edited
            prefetch_related_objects([self], "indicators")  # read once for the total and the table
        return context

    @property
    def max_points(self):
        return sum(indicator.max_points for indicator in self.indicators.all())


class Indicator(Orderable):
    page = ParentalKey(AssurancePage, on_delete=models.CASCADE, related_name="indicators")
    code = models.CharField("指标代码", max_length=12, help_text="如 A1、B2；在全部指标中唯一。")
    text = models.TextField("指标内容")
    max_points = models.PositiveSmallIntegerField("分值", default=5, help_text="一票否决项可为 0 分。")
    veto = models.BooleanField("一票否决项", default=False)
    evidence = models.TextField("应提供的佐证材料", blank=True)

    panels = [
        FieldRowPanel([FieldPanel("code"), FieldPanel("max_points"), FieldPanel("veto")]),
        FieldPanel("text"),
        FieldPanel("evidence"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = "评价指标"
        verbose_name_plural = "评价指标"

    def __str__(self):
        return f"{self.code} {self.text[:30]}"


class NoticeIndexPage(Page):
    intro = RichTextField("说明", blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["cms.HomePage"]
    subpage_types = ["cms.NoticePage"]
    max_count = 1

    class Meta:
        verbose_name = "公示公告"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        notices = visible(NoticePage.objects.child_of(self)).order_by("-date", "-first_published_at")
        kind = request.GET.get("kind")
        if kind in NoticePage.Kind.values:
            notices = notices.filter(kind=kind)
        context["kind"] = kind
        context["kinds"] = NoticePage.Kind.choices
        context["page_obj"] = Paginator(notices, 20).get_page(request.GET.get("page"))
        return context


class NoticePage(Page):
    class Kind(models.TextChoices):
        PUBLIC_NOTICE = "notice", "公示"
        NAMING = "naming", "命名公告"
        WARNING = "warning", "消费警示"
        GENERAL = "general", "通知"

    kind = models.CharField("类别", max_length=12, choices=Kind.choices, default=Kind.GENERAL)
    date = models.DateField("发布日期", default=timezone.localdate)
    ends_on = models.DateField("公示截止日期", null=True, blank=True)
    round = models.ForeignKey("certification.Round", verbose_name="创建批次", null=True, blank=True,
                              on_delete=models.SET_NULL, related_name="+")
    body = RichTextField("正文", blank=True)
    # As an official document: its 文号 under the title and its 落款 (the issuing bureau and the date).
    reference_number = models.CharField("文号", max_length=60, blank=True, help_text="如：柞水市监公〔2026〕1号")
    issuer = models.CharField("发布机关（落款）", max_length=60, blank=True, help_text="如：柞水县市场监督管理局")

    content_panels = Page.content_panels + [
        MultiFieldPanel([FieldPanel("kind"), FieldPanel("reference_number"), FieldPanel("issuer"), FieldPanel("date"),
                         FieldPanel("ends_on"), FieldPanel("round")],
                        heading="公告信息"),
        FieldPanel("body"),
        InlinePanel("entries", label="名单"),
    ]
    search_fields = Page.search_fields + [index.SearchField("body")]
    parent_page_types = ["cms.NoticeIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = "公告"

    @property
    def is_open_for_objections(self):
        if self.kind != self.Kind.PUBLIC_NOTICE or self.ends_on is None:
            return False
        return self.ends_on >= timezone.localdate()

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["entries"] = self.entries.select_related(
            "application__business__region", "application__business__industry", "application__certificate"
        )
        context["today"] = timezone.localdate()  # a named unit is linked while its title is in force
        return context


class NoticeEntry(Orderable):
    """A unit listed on a notice: a candidate in a 公示, or a unit named in a naming announcement."""

    page = ParentalKey(NoticePage, on_delete=models.CASCADE, related_name="entries")
    application = models.ForeignKey("certification.Application", verbose_name="申报", on_delete=models.PROTECT,
                                    related_name="notice_entries")

    # Entries are written by the notice and naming services; editors see them, they do not pick from
    # every application of every year.
    panels = [FieldPanel("application", read_only=True)]

    class Meta(Orderable.Meta):
        verbose_name = "名单条目"


class StandardPage(Page):
    body = RichTextField("正文", blank=True)

    content_panels = Page.content_panels + [FieldPanel("body")]
    parent_page_types = ["cms.HomePage"]
    subpage_types = []

    class Meta:
        verbose_name = "普通页面"
