"""Read queries for the public pages: the directory of named units, a unit, statistics, open data.

A *named unit* is an Application that holds its title (state named or under_review) whose certificate
is valid today and not revoked. Every public page starts from `units_in_force()`.
"""

import math
from dataclasses import dataclass

from django.conf import settings
from django.core.paginator import EmptyPage, Page, PageNotAnInteger, Paginator
from django.db.models import Count, IntegerField, OuterRef, Q, Subquery, Window
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode

from .. import search
from ..criteria import live_criteria
from ..models import (
    TITLE_STATES,
    Application,
    Certificate,
    Complaint,
    Industry,
    Level,
    Region,
    Round,
    State,
    title_in_force,
)
from ..public_data import kept
from ..validators import uscc_problem
from .certificates import find_by_number, parse_number

HOTLINE = "12315"
SORTS = {
    "newest": ["-named_on", "-certificate__valid_until", "-pk"],
    "name": ["business__name_pinyin", "business__name", "pk"],
    "county": ["business__region__code", "business__name_pinyin", "pk"],
}
DEFAULT_SORT = "newest"
RELEVANCE = "relevance"  # the default order of a search
UNIT_RELATED = ("business__region", "business__industry", "round", "certificate")


def units_in_force(today=None):
    """Applications whose title is in force today, with everything a list or page shows."""
    return Application.objects.holding_title(today).select_related(*UNIT_RELATED)


def unit_in_force_or_404(pk):
    return get_object_or_404(units_in_force().select_related("criteria"), pk=pk)


def ended_title(pk):
    """(business name, certificate number, the pk of the business's title now in force or None) of a unit
    whose title has ended (revoked, expired, renewed), or None: an old link to its page then leads to the
    renewed title's page, else to the verification answer, which gives the date and reason."""
    # Looked up through the application's primary key: an id beyond the database's integer range is then
    # "no such row", as for the page itself (through the foreign key column SQLite raised OverflowError).
    row = Application.objects.filter(pk=pk, certificate__isnull=False).values_list(
        "business_id", "business__name", "certificate__number").first()
    if row is None:
        return None
    business_id, name, number = row
    return name, number, Application.objects.holding_title().filter(business_id=business_id).values_list(
        "pk", flat=True).first()


def assurances_of(application):
    """[(slug, title, summary)] of the five assurances the unit was assessed against: the criteria
    snapshot it was submitted with (so later CMS edits do not rewrite its commitments), else the live ones."""
    criteria = application.criteria.as_criteria() if application.criteria else live_criteria()
    return [(a["slug"], a["title"], a.get("summary", "")) for a in criteria.assurances]


def programme_counts():
    """Named units in force by level, and the candidates on notice (the home page's figures): one query,
    kept until the public data change (a naming, a candidate put on notice…) or the day turns."""
    def read():
        in_force = title_in_force()  # phrased from the Application, whose certificate is one-to-one
        counts = Application.objects.aggregate(
            city=Count("pk", filter=in_force & Q(certificate__level=Level.CITY)),
            county=Count("pk", filter=in_force & Q(certificate__level=Level.COUNTY)),
            candidates=Count("pk", filter=Q(state=State.IN_NOTICE)),
        )
        return {**counts, "total": counts["city"] + counts["county"]}

    return kept("programme-counts", read)


def open_for_objection_or_none(pk):
    """The candidate on notice that anyone may object to now, or None."""
    return (Application.objects.select_related("business__region", "business__industry")
            .open_for_objection().filter(pk=pk).first())


# --- search (certification.search: normalisation, tiers, identifiers) ----------------------------


def clean_term(term):
    return search.clean_term(term)


def search_units(queryset, term):
    """Filter an Application queryset by the query (certification.search.filter_units)."""
    return search.filter_units(queryset, term)


@dataclass(frozen=True)
class SearchTarget:
    """Where an identifier-shaped query leads: a URL to go to, or a message to show with the results."""

    url: str = ""
    message: str = ""


def search_target(term):
    """The SearchTarget of a query shaped like a 统一社会信用代码 or a certificate number (any bracket
    style), else None. A unit in force opens its page; a certificate that is not (expired, revoked,
    unknown) opens the verification page, which says why; a code with a wrong check character gets
    a message."""
    def verify(number):
        return SearchTarget(url=f"{reverse('certificates:verify')}?{urlencode({'number': number})}")

    if code := search.uscc_typed(term):
        if problem := uscc_problem(code):
            return SearchTarget(message=problem)
        unit = Application.objects.holding_title().filter(business__uscc=code).order_by("-named_on", "-pk").first()
        if unit:
            return SearchTarget(url=reverse("directory:unit", args=[unit.pk]))
        number = (Certificate.objects.filter(application__business__uscc=code)
                  .order_by("-issued_on", "-pk").values_list("number", flat=True).first())
        if number:
            return verify(number)
        return SearchTarget(message=f"统一社会信用代码为 {code} 的经营主体不是放心消费示范单位（或尚未命名）。")
    if not parse_number(term):
        return None
    certificate = find_by_number(term)
    if certificate and Application.objects.holding_title().filter(pk=certificate.application_id).exists():
        return SearchTarget(url=reverse("directory:unit", args=[certificate.application_id]))
    return verify(search.clean_term(term))


def order_units(queryset, sort, searching=False):
    """Relevance (tier, match position, name length, level) when searching and no other order was
    chosen; otherwise the chosen order."""
    if sort == RELEVANCE:
        return queryset.order_by(*(search.RELEVANCE if searching else SORTS[DEFAULT_SORT]))
    return queryset.order_by(*(SORTS.get(sort) or SORTS[DEFAULT_SORT]))


MAX_PAGE = 1_000_000


def page_of_units(queryset, number, per_page, clamp=True, annotate=None):
    """One page of an ordered units queryset, in two cheap queries whatever the page size.

    The first query reads only the page's ids and, with a window COUNT(*) OVER (), the total, so the
    filtering joins (e.g. the LIKEs of a search) run once; the second reads the page's rows with
    everything the list shows. With `clamp`, like Paginator.get_page(): a bad number gives page 1, one
    past the end the last page; without, such numbers raise EmptyPage (a subclass of InvalidPage).
    `annotate` adds annotations to the page's rows (the open data's complaint counts).
    """
    try:
        number = max(int(str(number)), 1) if clamp else int(str(number))
        number = min(number, MAX_PAGE)  # keeps the SQL OFFSET within a 64-bit integer
    except (TypeError, ValueError):
        if not clamp:
            raise PageNotAnInteger("page") from None
        number = 1
    ranked = queryset.annotate(total=Window(Count("pk"))).values_list("pk", "total")

    def ids_of(n):
        return list(ranked[(n - 1) * per_page: n * per_page]) if n >= 1 else []

    rows = ids_of(number)
    if rows:
        count = rows[0][1]
    else:
        count = queryset.count()  # an empty result, or a page past the end
        last = max(math.ceil(count / per_page), 1)
        if not clamp and number != 1:
            raise EmptyPage("page")
        number = last
        rows = ids_of(number) if count else []
    ids = [pk for pk, _ in rows]
    rows_of_page = Application.objects.select_related(*UNIT_RELATED).defer("self_assessment")
    by_id = (rows_of_page.annotate(**annotate) if annotate else rows_of_page).in_bulk(ids)
    paginator = Paginator([], per_page)
    paginator.count = count  # cached_property: set, never computed
    return Page([by_id[pk] for pk in ids if pk in by_id], number, paginator)


# --- choices for the filters -------------------------------------------------------------------


# The filters offer only what can match: counties, sectors and years that have a unit in force, and
# the one already chosen (a link to a county with no unit yet shows none, rather than all).


def _choices_in_use():
    """([(county code, name)], [(sector code, name)], [year]) of the units in force: three queries over the
    whole directory, the same for every visitor until a title changes or the day turns (public_data.kept)."""
    def read():
        holding = Application.objects.holding_title()
        return (
            list(Region.objects.filter(level=Region.Level.COUNTY, pk__in=holding.values("business__region_id"))
                 .order_by("code").values_list("code", "name")),
            list(Industry.objects.filter(pk__in=holding.values("business__industry_id"))
                 .order_by("sort_order", "code").values_list("code", "name")),
            list(Round.objects.filter(pk__in=holding.values("round_id")).order_by("-year")
                 .values_list("year", flat=True)),
        )

    return kept("directory-choices", read)


def county_choices(chosen=None):
    counties = _choices_in_use()[0]
    if chosen and chosen not in dict(counties):  # a link to a county with no unit yet: keep it chosen
        extra = Region.objects.filter(level=Region.Level.COUNTY, code=chosen).values_list("code", "name")
        counties = sorted([*counties, *extra])
    return counties


def sector_choices(chosen=None):
    sectors = _choices_in_use()[1]
    if chosen and chosen not in dict(sectors):
        used = Q(code__in=[code for code, _ in sectors]) | Q(code=chosen)
        sectors = list(Industry.objects.filter(used).order_by("sort_order", "code").values_list("code", "name"))
    return sectors


def year_choices(chosen=None):
    years = list(_choices_in_use()[2])
    if chosen and str(chosen).isdigit() and int(chosen) not in years:
        years = sorted([*years, *Round.objects.filter(year=int(chosen)).values_list("year", flat=True)],
                       reverse=True)
    return [(str(year), f"{year}年") for year in years]


# --- statistics --------------------------------------------------------------------------------


def _table(keys, labels, rows, dim):
    table = []
    for key in keys:
        mine = [row for row in rows if row[dim] == key]
        city = sum(row["awarded"] for row in mine if row["level"] == Level.CITY)
        county = sum(row["awarded"] for row in mine if row["level"] == Level.COUNTY)
        table.append({"key": key, "label": labels.get(key, key), "city": city, "county": county,
                      "total": city + county, "in_force": sum(row["in_force"] for row in mine)})
    return table


def statistics(today=None):
    """Titles awarded (named_on set, whatever happened since) by year, level, county and sector, with
    the number in force today: one grouped query (plus the two label lists), whatever the size."""
    today = today or timezone.localdate()
    in_force = title_in_force(today)
    rows = list(
        Application.objects.filter(Q(named_on__isnull=False) | Q(state__in=TITLE_STATES)).order_by()
        .values("round__year", "level", "business__region_id", "business__industry_id")
        .annotate(awarded=Count("id", filter=Q(named_on__isnull=False)), in_force=Count("id", filter=in_force))
    )
    counties = dict(Region.objects.filter(level=Region.Level.COUNTY).order_by("code").values_list("id", "name"))
    sectors = dict(Industry.objects.order_by("sort_order", "code").values_list("id", "name"))
    years = sorted({row["round__year"] for row in rows if row["awarded"] or row["in_force"]})
    levels = [
        {"key": key, "label": key.label, "total": sum(r["awarded"] for r in rows if r["level"] == key),
         "in_force": sum(r["in_force"] for r in rows if r["level"] == key)}
        for key in (Level.CITY, Level.COUNTY)
    ]
    return {
        "awarded_total": sum(row["awarded"] for row in rows),
        "in_force_total": sum(row["in_force"] for row in rows),
        "by_level": levels,
        "by_year": _table(years, {y: f"{y}年" for y in years}, rows, "round__year"),
        "by_county": _table(counties, counties, rows, "business__region_id"),
        "by_sector": _table(sectors, sectors, rows, "business__industry_id"),
    }


# --- open data ---------------------------------------------------------------------------------

OPEN_DATA_FIELDS = [
    ("certificate_number", "证书编号", "如 商洛放心〔2020〕市字第001号；在查验页面可查询证书状态"),
    ("name", "单位名称", "经营主体名称"),
    ("uscc", "统一社会信用代码", "18位"),
    ("address", "地址", "经营场所地址"),
    ("county", "所在县区", "如 柞水县"),
    ("county_code", "县区行政区划代码", "6位，如 611026"),
    ("sector", "行业", "如 大型商超"),
    ("sector_code", "行业代码", "如 retail、finance、telecom"),
    ("level", "命名级别代码", "city（市级）或 county（县区级）"),
    ("level_name", "命名级别", "市级 或 县区级"),
    ("year", "创建年度", "命名所属创建批次的年度，如 2020"),
    ("named_on", "命名日期", "ISO 8601 日期，如 2020-12-28"),
    ("valid_until", "有效期至", "ISO 8601 日期；过期或被撤销的单位不在数据中"),
    ("verify_url", "证书查验网址", "打开即显示证书实时状态"),
    ("unit_url", "单位页面网址", "本站该示范单位的页面"),
    ("complaints_received", "受理投诉数", "本次命名以来受理的对该单位的投诉件数（不含投诉人信息）"),
    ("complaints_substantiated", "属实投诉数", "其中经查属实并已归档的件数"),
]
OPEN_DATA_ORDER = ["round__year", "level", "certificate__serial", "pk"]


def verify_url(number):
    return f"{settings.SITE_URL}/verify/?{urlencode({'number': number})}"


def open_data_rows(queryset):
    """Dicts with the documented field names (OPEN_DATA_FIELDS), in the queryset's order."""
    for unit in queryset:
        business, certificate = unit.business, unit.certificate
        yield {
            "certificate_number": certificate.number,
            "name": business.name,
            "uscc": business.uscc,
            "address": business.address,
            "county": business.region.name,
            "county_code": business.region.code,
            "sector": business.industry.name,
            "sector_code": business.industry.code,
            "level": unit.level,
            "level_name": unit.get_level_display(),
            "year": unit.round.year,
            "named_on": unit.named_on.isoformat() if unit.named_on else None,
            "valid_until": certificate.valid_until.isoformat(),
            "verify_url": verify_url(certificate.number),
            "unit_url": f"{settings.SITE_URL}/units/{unit.pk}/",
            "complaints_received": unit.complaints_received,
            "complaints_substantiated": unit.complaints_substantiated,
        }


def _complaint_count(**conditions):
    counted = (Complaint.objects.filter(application=OuterRef("pk"), **conditions).order_by()
               .values("application").annotate(n=Count("id")).values("n"))
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def complaint_counts():
    """Annotations: each unit's complaints received and substantiated (subqueries: no row repeated, no
    personal data)."""
    return {"complaints_received": _complaint_count(),
            "complaints_substantiated": _complaint_count(state="archived", substantiated=True)}


def open_data_queryset(with_counts=True):
    units = units_in_force().order_by(*OPEN_DATA_ORDER)
    return units.annotate(**complaint_counts()) if with_counts else units
