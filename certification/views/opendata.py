"""开放数据: the named units in force as CSV (UTF-8 with BOM, for Excel) and paginated JSON."""

import csv
import io
import json

from django.core.paginator import InvalidPage
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils import timezone

from ..public_cache import public_cache
from ..selectors import public as sel

JSON_DEFAULT_PAGE_SIZE = 100
JSON_MAX_PAGE_SIZE = 500
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@public_cache
def landing(request):
    return render(request, "directory/opendata.html", {
        "fields": sel.OPEN_DATA_FIELDS,
        "count": sel.units_in_force().count(),
        "json_default_page_size": JSON_DEFAULT_PAGE_SIZE,
        "json_max_page_size": JSON_MAX_PAGE_SIZE,
        "example": json.dumps(_example(request), ensure_ascii=False, indent=2),
    })


def _example(request):
    first = list(sel.open_data_rows(sel.open_data_queryset()[:1]))
    url = request.build_absolute_uri(request.path + "units.json")
    return {"count": "…", "next": f"{url}?page=2&page_size={JSON_DEFAULT_PAGE_SIZE}", "previous": None,
            "page": 1, "page_size": JSON_DEFAULT_PAGE_SIZE, "results": first + ["…"] if first else []}


def _csv_cell(value):
    """Text that Excel would run as a formula is prefixed with an apostrophe (CSV injection)."""
    if value is None:
        return ""
    text = str(value)
    return "'" + text if text.startswith(FORMULA_START) else text


@public_cache
def units_csv(request):
    names = [name for name, _, _ in sel.OPEN_DATA_FIELDS]
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(names)
    for row in sel.open_data_rows(sel.open_data_queryset().iterator(chunk_size=2000)):
        writer.writerow([_csv_cell(row[name]) for name in names])
    response = HttpResponse(buffer.getvalue().encode("utf-8"), content_type="text/csv; charset=utf-8")
    filename = f"shangluo-fangxin-units-{timezone.localdate():%Y%m%d}.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Access-Control-Allow-Origin"] = "*"
    return response


def _int_param(request, name, default):
    value = request.GET.get(name)
    if value in (None, ""):
        return default
    value = value.strip()
    if not value.isdigit() or len(value) > 9:
        raise ValueError(name)
    return int(value)


def _json_error(message, status):
    response = JsonResponse({"detail": message}, status=status, json_dumps_params={"ensure_ascii": False})
    response["Access-Control-Allow-Origin"] = "*"
    return response


@public_cache
def units_json(request):
    try:
        page_number = _int_param(request, "page", 1)
        page_size = _int_param(request, "page_size", JSON_DEFAULT_PAGE_SIZE)
    except ValueError as exc:
        return _json_error(f"参数 {exc} 须为正整数。", 400)
    page_size = min(max(page_size, 1), JSON_MAX_PAGE_SIZE)
    try:
        page = sel.page_of_units(sel.open_data_queryset(with_counts=False), page_number, page_size, clamp=False,
                                 annotate=sel.complaint_counts())
    except InvalidPage:
        return _json_error("页码超出范围。", 404)

    def link(number):
        return request.build_absolute_uri(f"{request.path}?page={number}&page_size={page_size}")

    response = JsonResponse({
        "count": page.paginator.count,
        "next": link(page.next_page_number()) if page.has_next() else None,
        "previous": link(page.previous_page_number()) if page.has_previous() else None,
        "page": page.number,
        "page_size": page_size,
        "results": list(sel.open_data_rows(page.object_list)),
    }, json_dumps_params={"ensure_ascii": False})
    response["Access-Control-Allow-Origin"] = "*"
    return response
