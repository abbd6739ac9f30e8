"""The assessor's on-site inspections (现场检查) of the yearly re-evaluation: score or decline."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from ..forms import DeclineForm, ScoreSheetForm
from ..models.reevaluation import self_check_answer
from ..permissions import assessor_of
from ..selectors import assessment as sel
from ..selectors import reevaluation
from ..services import inspections
from .common import add_errors


def own_inspection(request, pk):
    if assessor_of(request.user) is None:
        raise PermissionDenied("此页面仅供评审员使用。")
    return sel.own_inspection_or_404(request.user, pk)


@login_required
def inspection(request, pk):
    task = own_inspection(request, pk)
    unit = task.campaign_unit
    criteria = reevaluation.criteria_of(unit.application)
    form = ScoreSheetForm(criteria, request.POST or None, initial=ScoreSheetForm.initial_from(task.scores))
    if request.method == "POST":
        if task.is_locked:
            messages.error(request, "评分已提交，不能修改。")
            return redirect("assess:inspection", pk=task.pk)
        if form.is_valid():
            submit = "submit" in request.POST
            try:
                inspections.save_scores(task, form.as_sheet(), request.user, submit=submit)
            except ValidationError as exc:
                add_errors(form, exc, field_name="points_{}")
            else:
                messages.success(request, "检查评分已提交，不能再修改。" if submit else "评分草稿已保存。")
                return redirect("assess:inspection", pk=task.pk)
    return render(request, "assess/inspection.html", {
        "task": task, "unit": unit, "application": unit.application, "criteria": criteria, "form": form,
        "unit_says": _unit_says(unit.self_check, criteria),
        "documents": reevaluation.unit_documents(unit), "decline_form": DeclineForm(),
    })


@login_required
@require_POST
def decline(request, pk):
    task = own_inspection(request, pk)
    form = DeclineForm(request.POST)
    if not form.is_valid():
        messages.error(request, "请说明与该单位的利害关系。")
        return redirect("assess:inspection", pk=task.pk)
    try:
        inspections.decline(task, form.cleaned_data["reason"], request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("assess:inspection", pk=task.pk)
    messages.success(request, "已声明回避，工作人员将另行安排。")
    return redirect("assess:list")


def _unit_says(self_check, criteria):
    """What the unit's self-check said of each indicator, in the words its form offered (a veto item names
    what must not happen, so its answer is whether that situation exists)."""
    veto = {i["code"] for i in criteria.indicators() if i.get("veto")}
    return {code: f"单位自查：{self_check_answer(code in veto, e.get('meets'))}；{e.get('note') or '无说明'}"
            for code, e in self_check.items()}
