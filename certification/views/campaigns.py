"""年度复核 in the staff area: campaigns, progress per county, a unit's self-check, inspection and outcome.

The city opens and closes campaigns; every officer sees the units of their county (the city: all);
the body that named a unit decides its outcome (services.campaigns.decide checks it).
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from ..forms_aftercare import DecisionForm, OpenCampaignForm
from ..models import CampaignUnit, WorkflowError
from ..permissions import is_city_officer, is_naming_body
from ..selectors import assessment as assessment_selectors
from ..selectors import reevaluation as sel
from ..services import campaigns, inspections
from .common import add_errors, officer_required

FILTERS = {
    "unfiled": ("未提交自查", {"filed_at__isnull": True}),
    "filed": ("已提交自查", {"filed_at__isnull": False}),
    "sampled": ("现场抽查", {"sampled__in": [CampaignUnit.Sampled.RANDOM, CampaignUnit.Sampled.COMPLAINT]}),
    "pending": ("待作结论", {"outcome": CampaignUnit.Outcome.PENDING}),
    "decided": ("已有结论", {"outcome__in": [o for o in CampaignUnit.Outcome.values if o]}),
}


@officer_required
def campaign_list(request):
    form = OpenCampaignForm(request.POST or None)
    if request.method == "POST":
        if not is_city_officer(request.user):
            raise PermissionDenied("年度复核由市局启动。")
        if form.is_valid():
            try:
                campaign = campaigns.open_campaign(request.user, **form.service_kwargs())
            except ValidationError as exc:
                add_errors(form, exc, field_name="{}")
            else:
                count = campaign.units.count()
                messages.success(request, f"已启动《{campaign.title}》，{count} 个示范单位须提交自查。")
                return redirect("staff:campaign", pk=campaign.pk)
    existing = sel.campaigns()
    return render(request, "campaigns/list.html", {
        "campaigns": existing, "form": form, "may_open": is_city_officer(request.user),
        "years_opened": {c.year for c in existing},
    })


@officer_required
def campaign_detail(request, pk):
    campaign = sel.campaign_or_404(pk)
    shown = request.GET.get("show", "")
    units = sel.units_for(request.user, campaign)
    if shown in FILTERS:
        units = units.filter(**FILTERS[shown][1])
    table, totals = sel.progress(request.user, campaign)
    return render(request, "campaigns/detail.html", {
        "campaign": campaign, "progress": table, "totals": totals,
        "page_obj": Paginator(units, 30).get_page(request.GET.get("page")),
        "filters": [(key, label) for key, (label, _) in FILTERS.items()], "shown": shown,
        "may_close": is_city_officer(request.user) and campaign.is_open,
        "query_string": f"show={shown}" if shown else "",
    })


@officer_required
@require_POST
def campaign_close(request, pk):
    campaign = sel.campaign_or_404(pk)
    try:
        campaigns.close(campaign, request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, f"《{campaign.title}》已结束。")
    return redirect("staff:campaign", pk=campaign.pk)


@officer_required
def unit_detail(request, pk):
    unit = sel.unit_or_404(request.user, pk)
    may_decide = unit.campaign.is_open and not unit.is_decided and is_naming_body(unit.application, request.user)
    form = DecisionForm(request.POST or None) if may_decide else None
    if request.method == "POST":
        if form is None:
            raise PermissionDenied("复核结论由命名该单位的市局或县区局作出。")
        if form.is_valid():
            data = form.cleaned_data
            try:
                campaigns.decide(unit, data["outcome"], request.user, note=data["note"], problems=data["problems"],
                                 due_on=data["due_on"])
            except ValidationError as exc:
                add_errors(form, exc)
            except WorkflowError as exc:
                form.add_error(None, exc.message)
            else:
                messages.success(request, "复核结论已记录。")
                return redirect("staff:campaign_unit", pk=unit.pk)
    criteria = sel.criteria_of(unit.application)
    inspections_ = sel.inspections_of(unit)
    may_assign = unit.campaign.is_open and not unit.is_decided
    return render(request, "campaigns/unit.html", {
        "unit": unit, "application": unit.application, "criteria": criteria, "form": form,
        "documents": sel.unit_documents(unit), "inspections": inspections_,
        "eligible": assessment_selectors.eligible_inspectors(unit) if may_assign else [],
        "rectification": sel.rectification_for_application(unit.application),
    })


@officer_required
@require_POST
def unit_assign(request, pk):
    unit = sel.unit_or_404(request.user, pk)
    ids = [int(i) for i in request.POST.getlist("assessor") if i.isascii() and i.isdigit() and len(i) < 10]
    try:
        created = inspections.assign(unit, assessment_selectors.assessors_by_ids(ids), request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, f"已安排 {len(created)} 名评审员现场检查，并已通知。")
    return redirect("staff:campaign_unit", pk=unit.pk)
