"""The applicant portal: the business profile, applications, self-assessment, evidence, status."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from ..criteria import live_criteria
from ..forms import BusinessForm, DocumentForm, LevelForm, SelfAssessmentForm, StartApplicationForm
from ..models import Application, Document, Round, State
from ..permissions import business_of
from ..services import applications as application_service
from ..services import documents as document_service
from ..services import workflow
from .common import add_errors, applicant_required, run_transition


def own_application(request, pk):
    business = business_of(request.user)
    if business is None:
        raise Http404
    return get_object_or_404(
        Application.objects.select_related("round", "business__region", "business__industry", "criteria"),
        pk=pk, business=business,
    )


@applicant_required
def dashboard(request):
    business = business_of(request.user)
    if business is None:
        return redirect("portal:business")
    applications = business.applications.select_related("round").order_by("-round__year", "-created_at")
    return render(request, "portal/dashboard.html", {
        "business": business,
        "applications": applications,
        "start_form": StartApplicationForm(),
        "open_rounds": Round.objects.open_for_applications(),
    })


@applicant_required
def business_profile(request):
    business = business_of(request.user)
    form = BusinessForm(request.POST or None, instance=business)
    if request.method == "POST" and form.is_valid():
        if business is None:
            try:
                application_service.register_business(request.user, **form.cleaned_data)
            except ValidationError as exc:
                add_errors(form, exc)
                return render(request, "portal/business.html", {"form": form, "business": business})
            messages.success(request, "经营主体信息已登记，现在可以申报。")
        else:
            form.save()
            messages.success(request, "经营主体信息已保存。")
        return redirect("portal:dashboard")
    return render(request, "portal/business.html", {"form": form, "business": business})


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
    missing = workflow.unmet_conditions(app, "submit" if app.state == State.DRAFT else "resubmit") if editable else []
    return render(request, "portal/application.html", {
        "application": app,
        "criteria": criteria,
        "next_step": workflow.NEXT_STEP.get(app.state, ""),
        "return_reason": workflow.last_reason(app, State.RETURNED) if app.state == State.RETURNED else "",
        "timeline": app.transitions.select_related("actor"),
        "documents": app.documents.all(),
        "document_form": DocumentForm(),
        "level_form": LevelForm(initial={"level": app.level_requested}),
        "actions": workflow.actions_for(app, request.user),
        "editable": editable,
        "missing": missing,
    })


@applicant_required
def self_assessment(request, pk):
    app = own_application(request, pk)
    if app.state not in application_service.EDITABLE_STATES:
        messages.info(request, "申报已提交，自评不能再修改。")
        return redirect("portal:application", pk=app.pk)
    criteria = live_criteria()
    form = SelfAssessmentForm(criteria, request.POST or None,
                              initial=SelfAssessmentForm.initial_from(app.self_assessment))
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
    document = get_object_or_404(Document, pk=document_pk, application=app)
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
    if workflow.actor(name) != "applicant":
        raise Http404
    return run_transition(request, app, name, success_url=reverse("portal:application", args=[app.pk]))
