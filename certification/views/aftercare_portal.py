"""The portal after naming: the unit's yearly self-check and its answer to a rectification."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render

from ..forms_aftercare import RectificationAnswerForm, SelfCheckForm
from ..models import State
from ..selectors import reevaluation as sel
from ..services import campaigns, rectifications
from .common import add_errors, applicant_required, files_dropped


@applicant_required
def self_check(request, pk):
    unit = sel.own_unit_or_404(request.user, pk)
    criteria = sel.criteria_of(unit.application)
    editable = unit.campaign.is_open and not unit.is_decided and unit.application.holds_title
    form = SelfCheckForm(criteria, request.POST or None, request.FILES or None,
                         initial=SelfCheckForm.initial_from(unit.self_check))
    if request.method == "POST" and editable and form.is_valid():
        try:
            campaigns.file_self_check(unit, form.as_self_check(), form.cleaned_data["evidence"], request.user)
        except ValidationError as exc:
            add_errors(form, exc, field_name="note_{}")
        else:
            messages.success(request, "年度复核自查已提交。")
            return redirect("portal:dashboard")
    return render(request, "portal/self_check.html", {
        "unit": unit, "form": form, "editable": editable, "documents": sel.unit_documents(unit),
        "files_dropped": files_dropped(request, form),
    })


@applicant_required
def rectification(request, pk):
    item = sel.own_rectification_or_404(request.user, pk)
    form = RectificationAnswerForm(request.POST or None, request.FILES or None, initial={"answer": item.answer})
    if request.method == "POST" and form.is_valid():
        try:
            rectifications.answer(item, form.cleaned_data["answer"], form.cleaned_data["evidence"], request.user)
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, "整改情况已提交，等待工作人员验收。")
            return redirect("portal:dashboard")
    return render(request, "portal/rectification.html", {
        "rectification": item, "form": form, "documents": sel.rectification_documents(item),
        "editable": item.is_open and item.application.state == State.UNDER_RECTIFICATION,
        "files_dropped": files_dropped(request, form),
    })
