"""Staff decisions beyond a single transition button: assigning assessors, resolving objections,
the batch pages that put candidates on notice and name units, and the public's feedback."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from ..models import Feedback
from ..selectors import assessment as assessment_selectors
from ..selectors import staff as sel
from ..services import assessment, naming, notice
from ..services import feedback as feedback_service
from .common import officer_required


@officer_required
@require_POST
def assign(request, pk):
    app = sel.application_or_404(request.user, pk)
    ids = [int(i) for i in request.POST.getlist("assessor") if i.isascii() and i.isdigit() and len(i) < 10]
    try:
        created = assessment.assign(app, assessment_selectors.assessors_by_ids(ids), request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, f"已分配 {len(created)} 名评审员，并已通知。")
    return redirect("staff:application", pk=app.pk)


@officer_required
@require_POST
def resolve_objection(request, pk):
    objection = sel.objection_or_404(request.user, pk)
    decision = request.POST.get("decision")
    if decision not in ("upheld", "dismissed"):
        messages.error(request, "请选择异议是否成立。")
        return redirect("staff:application", pk=objection.application_id)
    try:
        notice.resolve_objection(objection, request.user, decision == "upheld", request.POST.get("resolution", ""))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, "异议已处理。" + ("申报已否决。" if decision == "upheld" else ""))
    return redirect("staff:application", pk=objection.application_id)


def _selected(request, candidates):
    wanted = set(request.POST.getlist("application"))
    return [app for app in candidates if str(app.pk) in wanted]


def _report(request, done, refused, page, verb):
    if done:
        messages.success(request, f"已{verb} {len(done)} 个单位" + (f"，并发布《{page.title}》。" if page else "。"))
    for app, reason in refused:
        messages.error(request, f"{app.business.name}：{reason}")
    if not done and not refused:
        messages.error(request, "请选择单位。")


@officer_required
def notice_batch(request):
    candidates = sel.notice_candidates(request.user)
    if request.method == "POST":
        opened, refused, page = notice.open_notice(_selected(request, candidates), request.user)
        _report(request, opened, refused, page, "公示")
        return redirect("staff:notice_batch")
    return render(request, "staff/batch.html", {
        "candidates": candidates, "title": "进入公示", "button": "对所选单位进行公示",
        "explain": "以下申报已评审完成且达到所申报级别的合格分、无一票否决项。"
                   "选择后将一并进入公示，并在网站发布公示名单。",
        "action": reverse("staff:notice_batch"),
    })


@officer_required
def naming_batch(request):
    candidates = sel.naming_candidates(request.user)
    if request.method == "POST":
        named, refused, page = naming.name_units(_selected(request, candidates), request.user)
        _report(request, named, refused, page, "命名")
        return redirect("staff:naming_batch")
    return render(request, "staff/batch.html", {
        "candidates": candidates, "title": "命名示范单位", "button": "命名所选单位并颁发证书",
        "explain": "以下候选单位公示期已满且无未处理的异议。县区局命名本县区的县区级示范单位，"
                   "市局命名市级示范单位；名额用尽时不能再命名。",
        "action": reverse("staff:naming_batch"), "show_quota": True,
        "quotas": sel.quota_use(candidates),
    })


@officer_required
def feedback_list(request):
    status = request.GET.get("status") or "open"
    items = sel.public_reports_for(request.user)
    if status in Feedback.Status.values:
        items = items.filter(status=status)
    page = Paginator(items, 30).get_page(request.GET.get("page"))
    titles = sel.units_of_businesses([f.business_id for f in page])
    return render(request, "staff/feedback.html", {
        "page_obj": page, "status": status, "statuses": Feedback.Status.choices, "units": titles,
        "query_string": f"status={status}",
    })


@officer_required
@require_POST
def close_feedback(request, pk):
    item = sel.public_report_or_404(request.user, pk)
    try:
        feedback_service.close(item, request.user, request.POST.get("note", ""))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, f"反映 {item.reference} 已办结。")
    return redirect("staff:feedback")
