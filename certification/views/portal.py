"""The applicant portal: the business profile, applications, self-assessment, evidence, status."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from ..criteria import live_criteria
from ..forms import BusinessForm, DocumentForm, LevelForm, SelfAssessmentForm, StartApplicationForm
from ..models import APPLICANT, Application, State, next_step
from ..permissions import business_of
from ..selectors import portal as sel
from ..selectors import reevaluation
from ..selectors import renewals as renewal_sel
from ..services import applications as application_service
from ..services import businesses as business_service
from ..services import documents as document_service
from .common import add_errors, applicant_required, run_transition


def own_application(request, pk):
    return sel.own_application_or_404(request.user, pk)


@applicant_required
def dashboard(request):
    business = business_of(request.user)
    if business is None:
        return redirect("portal:business")
    rounds = sel.rounds_open_to(business)
    return render(request, "portal/dashboard.html", {
        "business": business,
        "applications": sel.applications_of(business),
        "start_form": StartApplicationForm(rounds=rounds),
        "open_rounds": rounds,
        "unfinished": sel.unfinished_applications(business),
        "documents_to_prepare": sel.documents_to_prepare(),
        "tasks": reevaluation.portal_tasks(request.user),
        "renewal": renewal_sel.renewal_offer(business, timezone.localdate()),
    })


@applicant_required
def business_profile(request):
    business = business_of(request.user)
    form = BusinessForm(request.POST or None, instance=business)
    if request.method == "POST" and form.is_valid():
        if business is None:
            try:
                business_service.register(request.user, **form.cleaned_data)
            except ValidationError as exc:
                add_errors(form, exc)
                return render(request, "portal/business.html", _business_page(form, business))
            messages.success(request, "经营主体信息已登记，现在可以申报。")
        else:
            business_service.save_profile(form.save(commit=False))
            messages.success(request, "经营主体信息已保存。")
        return redirect("portal:dashboard")
    return render(request, "portal/business.html", _business_page(form, business))


def _business_page(form, business):
    return {"form": form, "business": business, "documents_to_prepare": sel.documents_to_prepare()}


@applicant_required
@require_POST
def start(request):
    business = business_of(request.user)
    if business is None:
        return redirect("portal:business")
    form = StartApplicationForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect("portal:dashboard")
    try:
        application = application_service.start_application(
            business, form.cleaned_data["round"], form.cleaned_data["level"]
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("portal:dashboard")
    messages.success(request, "已创建申报草稿，请填写自评并上传材料。")
    return redirect("portal:self_assessment", pk=application.pk)


@applicant_required
def application(request, pk):
    app = own_application(request, pk)
    editable = app.state in application_service.EDITABLE_STATES
    criteria = app.criteria.as_criteria() if app.criteria and not editable else live_criteria()
    # What still stands between the draft and the submit button: the transition's own conditions.
    submit = "submit" if app.state == State.DRAFT else "resubmit"
    missing = app.unmet_conditions(submit) if editable else []
    return render(request, "portal/application.html", {
        "application": app,
        "criteria": criteria,
        "next_step": next_step(app.state),
        "return_reason": sel.last_reason(app, State.RETURNED) if app.state == State.RETURNED else "",
        "document_form": DocumentForm(),
        "level_form": LevelForm(initial={"level": app.level_requested}),
        "actions": app.actions_for(request.user),
        "editable": editable,
        "missing": missing,
        # Shown disabled while something is missing (the transition still refuses it on the server).
        "blocked_submit": app.step(submit).label if editable and missing else "",
        **sel.application_page(app),
    })


@applicant_required
def self_assessment(request, pk):
    app = own_application(request, pk)
    if app.state not in application_service.EDITABLE_STATES:
        messages.info(request, "申报已提交，自评不能再修改。")
        return redirect("portal:application", pk=app.pk)
    criteria = live_criteria()
    form = SelfAssessmentForm(criteria, request.POST or None,
                              initial=SelfAssessmentForm.initial_from(app.self_assessment, criteria))
    if request.method == "POST" and form.is_valid():
        try:
            application_service.save_self_assessment(app, form.as_self_assessment())
        except ValidationError as exc:
            add_errors(form, exc, field_name="points_{}")
        else:
            messages.success(request, "自评已保存。")
            return redirect("portal:application", pk=app.pk)
    return render(request, "portal/self_assessment.html", {"application": app, "form": form})


@applicant_required
@require_POST
def change_level(request, pk):
    app = own_application(request, pk)
    form = LevelForm(request.POST)
    if form.is_valid():
        try:
            application_service.change_level(app, form.cleaned_data["level"])
            messages.success(request, "申报级别已修改。")
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
    else:
        messages.error(request, "请选择申报级别。")
    return redirect("portal:application", pk=app.pk)


@applicant_required
@require_POST
def upload(request, pk):
    app = own_application(request, pk)
    form = DocumentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            document_service.attach(app, form.cleaned_data["kind"], form.cleaned_data["file"], request.user)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, "材料已上传。")
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
    return redirect("portal:application", pk=app.pk)


@applicant_required
@require_POST
def remove_document(request, pk, document_pk):
    app = own_application(request, pk)
    document = sel.document_or_404(app, document_pk)
    try:
        document_service.remove(document)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, "材料已删除。")
    return redirect("portal:application", pk=app.pk)


@applicant_required
@require_POST
def transition(request, pk, name):
    app = own_application(request, pk)
    step = Application.step(name)
    if step is None or step.actor != APPLICANT:
        raise Http404
    return run_transition(request, app, name, success_url=reverse("portal:application", args=[app.pk]))
