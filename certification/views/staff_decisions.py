"""Staff decisions beyond a single transition button: assigning assessors and resolving objections.
(The batch pages that put candidates on notice and name units: staff_batches.py.)"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from ..selectors import assessment as assessment_selectors
from ..selectors import staff as sel
from ..services import assessment, notice
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
