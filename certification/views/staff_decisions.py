"""Staff decisions beyond a single transition button: assigning assessors, resolving objections and
the public's feedback. (The batch pages that put candidates on notice and name units: staff_batches.py.)"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from ..models import Feedback
from ..selectors import assessment as assessment_selectors
from ..selectors import staff as sel
from ..services import assessment, notice
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
