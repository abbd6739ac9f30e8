"""Public directory of named units and the unit page (thin views; queries in selectors/public.py)."""

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode

from ..forms_public import UnitFilter
from ..public_cache import public_cache
from ..selectors import complaints as complaint_selectors
from ..selectors import public as sel
from ..selectors import titles


def _query_string(request, drop=("page",)):
    """The current filters as a query string, for the pagination links."""
    pairs = [(key, value) for key, values in request.GET.lists() if key not in drop for value in values if value]
    return urlencode(pairs)


@public_cache
def index(request):
    target = sel.search_target(request.GET.get("q"))  # a 统一社会信用代码 or certificate number
    if target and target.url:
        return redirect(target.url)
    filterset = UnitFilter(request.GET)
    page_obj = sel.page_of_units(filterset.qs, request.GET.get("page"), filterset.chosen_page_size)
    return render(request, "directory/index.html", {
        "filter": filterset,
        "page_obj": page_obj,
        "units": page_obj.object_list,
        "count": page_obj.paginator.count,
        "term": filterset.term,
        "search_notice": target.message if target else "",
        "active": filterset.active,
        "query_string": _query_string(request),
    })


def verify_path(number):
    return f"{reverse('certificates:verify')}?{urlencode({'number': number})}"


@public_cache
def unit(request, pk):
    try:
        application = sel.unit_in_force_or_404(pk)
    except Http404:
        ended = sel.ended_title(pk)
        if ended is None:
            raise
        name, number, renewed = ended
        if renewed is not None:
            return redirect("directory:unit", pk=renewed)
        return render(request, "directory/unit_ended.html", {
            "name": name, "number": number, "verify_path": verify_path(number),
        }, status=404)
    number = application.certificate.number
    return render(request, "directory/unit.html", {
        "unit": application,
        "business": application.business,
        "certificate": application.certificate,
        "verify_path": verify_path(number),
        "assurances": sel.assurances_of(application),
        "hotline": sel.HOTLINE,
        "title": titles.title_status(application, application.certificate),
        "record": titles.title_record(application),
        "substantiated": complaint_selectors.substantiated_by_year(application),
    })


@public_cache
def revoked(request):
    """撤销名单: every revoked title with its date, the published reason and the body that revoked it."""
    page_obj = Paginator(titles.revoked_titles(), 30).get_page(request.GET.get("page"))
    return render(request, "directory/revoked.html", {"page_obj": page_obj})
