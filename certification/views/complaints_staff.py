"""The officers' complaint desk: their county's cases (the city: all counties), step by step through the
five quicks, overdue cases flagged; hotline / walk-in cases entered by hand; evidence served only to them."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from ..forms_complaints import CloseForm, OfficerComplaintForm, StepForm
from ..models import Complaint, ComplaintState, ProgrammeSettings
from ..selectors import complaints as sel
from ..services import complaints as service
from .common import add_errors, files_dropped, officer_required
from .documents import _file_response

FILTERS = {"open": "未办结", "overdue": "已超期", "archived": "已归档", "all": "全部"}


@officer_required
def complaint_list(request):
    show = request.GET.get("show") or ("overdue" if request.GET.get("overdue") else "open")
    show = show if show in FILTERS else "open"
    items = sel.complaints_for(request.user)
    today = timezone.localdate()
    if show == "open":
        items = items.open()
    elif show == "overdue":
        items = items.overdue(today)
    elif show == "archived":
        items = items.filter(state=ComplaintState.ARCHIVED)
    page = Paginator(items, 30).get_page(request.GET.get("page"))
    for item in page:
        item.overdue = item.overdue_reason(today)
    return render(request, "staff/complaints.html", {
        "page_obj": page, "show": show, "filters": FILTERS.items(), "query_string": f"show={show}",
        "counts": sel.desk_counts(request.user, today), "programme": ProgrammeSettings.current(request),
    })


def _close_form(complaint, data=None):
    return CloseForm(data, veto_choices=service.veto_codes(complaint.application).items())


@officer_required
def complaint_detail(request, pk, form=None):
    complaint = sel.complaint_or_404(request.user, pk)
    upcoming = complaint.next_step()
    if form is None and upcoming:
        form = _close_form(complaint) if upcoming[0] == "archive" else StepForm()
    return render(request, "staff/complaint.html", {
        "complaint": complaint, "log": sel.log_of(complaint), "evidence": sel.evidence_of(complaint),
        "next": upcoming, "form": form, "overdue": complaint.overdue_reason(),
        "steps": list(Complaint.steps().values()),
    }, status=400 if form is not None and form.is_bound else 200)


@officer_required
@require_POST
def complaint_step(request, pk, name):
    complaint = sel.complaint_or_404(request.user, pk)  # another county's case: 404, nothing changes
    if Complaint.step(name) is None:
        messages.error(request, "没有这个办理步骤。")
        return redirect("staff:complaint", pk=complaint.pk)
    form = _close_form(complaint, request.POST) if name == "archive" else StepForm(request.POST)
    if not form.is_valid():
        return complaint_detail(request, pk, form=form)
    outcome = form.outcome() if name == "archive" else {}
    try:
        service.advance(complaint, name, request.user, form.cleaned_data["note"], **outcome)
    except PermissionDenied:
        raise
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, f"投诉 {complaint.reference}：{Complaint.step(name).label}已记录。")
    return redirect("staff:complaint", pk=complaint.pk)


@officer_required
def complaint_new(request):
    """An officer enters a case received by the 12315 hotline, a visit or a letter."""
    form = OfficerComplaintForm(request.POST or None, request.FILES or None, units=sel.units_for_entry(request.user))
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        unit = data.pop("unit")
        try:
            created, secret = service.receive(unit, by=request.user, **data)
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            # The caller follows the case on the tracking page as a web complainant does: the officer tells
            # them both; the secret is kept only as a hash, so this message is the one time it is shown.
            messages.success(request, f"已登记投诉 {created.reference}，查询码 {secret}。"
                                      "请将投诉编号和查询码告知投诉人，凭它们可在网站“投诉进度查询”页查看办理进度；"
                                      "查询码只显示这一次。")
            return redirect("staff:complaint", pk=created.pk)
    return render(request, "staff/complaint_new.html", {"form": form, "files_dropped": files_dropped(request, form)})


@officer_required
def evidence(request, pk):
    return _file_response(sel.evidence_or_404(request.user, pk), as_attachment=True)
