"""The assessor's area: their own assignments only; scoring with drafts; declining for a conflict."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from ..forms import DeclineForm, ScoreSheetForm
from ..permissions import assessor_of
from ..selectors import assessment as sel
from ..services import assessment
from .common import add_errors


def own_assignment(request, pk):
    if assessor_of(request.user) is None:
        raise PermissionDenied("此页面仅供评审员使用。")
    return sel.own_assignment_or_404(request.user, pk)


@login_required
def assignments(request):
    if assessor_of(request.user) is None:
        raise PermissionDenied("此页面仅供评审员使用。")
    pending = list(sel.pending_tasks_of(request.user))
    return render(request, "assess/list.html", {
        "pending": pending,
        "page_obj": Paginator(sel.finished_tasks_of(request.user), 20).get_page(request.GET.get("page")),
        "inspections": sel.inspections_of(request.user),
    })


@login_required
def assignment(request, pk):
    task = own_assignment(request, pk)
    app = task.application
    criteria = app.criteria.as_criteria()
    form = ScoreSheetForm(criteria, request.POST or None, initial=ScoreSheetForm.initial_from(task.scores))
    if request.method == "POST":
        if task.is_locked:
            messages.error(request, "评分已提交，不能修改。")
            return redirect("assess:assignment", pk=task.pk)
        if form.is_valid():
            submit = "submit" in request.POST
            try:
                assessment.save_scores(task, form.as_sheet(), request.user, submit=submit)
            except ValidationError as exc:
                add_errors(form, exc, field_name="points_{}")
            else:
                messages.success(request, "评分已提交，不能再修改。" if submit else "评分草稿已保存。")
                return redirect("assess:assignment", pk=task.pk)
    return render(request, "assess/assignment.html", {
        "task": task, "application": app, "criteria": criteria, "form": form,
        "unit_says": {code: _unit_says(e) for code, e in app.self_assessment.items()},
        "documents": sel.documents_of(app), "decline_form": DeclineForm(),
    })


def _unit_says(entry):
    """What the unit said of an indicator; a veto question was answered 是/否, not scored."""
    if "veto" in entry:
        return f"单位自评：{'存在该情形' if entry['veto'] else '不存在该情形'}；{entry.get('note') or '无说明'}"
    return f"单位自评：{'—' if entry.get('points') is None else entry['points']} 分；{entry.get('note') or '无说明'}"


@login_required
@require_POST
def decline(request, pk):
    task = own_assignment(request, pk)
    form = DeclineForm(request.POST)
    if not form.is_valid():
        messages.error(request, "请说明与该单位的利害关系。")
        return redirect("assess:assignment", pk=task.pk)
    try:
        assessment.decline(task, form.cleaned_data["reason"], request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("assess:assignment", pk=task.pk)
    messages.success(request, "已声明回避，工作人员将另行分配评审员。")
    return redirect("assess:list")
