"""统计: titles awarded by year, level, county and sector, as SVG charts with the same numbers in tables."""

from django.shortcuts import render

from .. import charts
from ..public_cache import public_cache
from ..selectors import complaints as complaint_selectors
from ..selectors import public as sel


@public_cache
def stats(request):
    data = sel.statistics()
    levels = [charts.CITY, charts.COUNTY]
    return render(request, "directory/stats.html", {
        "data": data,
        "complaints": complaint_selectors.complaint_statistics(
            counties={row["key"]: row["label"] for row in data["by_county"]},
            sectors={row["key"]: row["label"] for row in data["by_sector"]},
        ),
        "charts": {
            "year": charts.bar_chart(data["by_year"], levels, "历年命名示范单位数（按年度、级别）", "chart-year"),
            "county": charts.bar_chart(data["by_county"], levels, "累计命名示范单位数（按县区、级别）", "chart-county"),
            "sector": charts.bar_chart(data["by_sector"], levels, "累计命名示范单位数（按行业、级别）", "chart-sector"),
            "level": charts.bar_chart(data["by_level"], [charts.TOTAL], "累计命名示范单位数（按级别）", "chart-level"),
            "in_force": charts.bar_chart(data["by_county"], [charts.IN_FORCE], "现有效示范单位数（按县区）",
                                         "chart-in-force"),
        },
    })
