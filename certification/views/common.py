"""What the portal, staff and assessor views share: role checks, scoped lookups, the transition POST."""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render

from ..forms import TransitionForm
from ..models import CommentRequired, TransitionRefused, WorkflowError
from ..permissions import is_staff_member, officer_of
from ..services import workflow


def officer_required(view):
    @login_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        officer = officer_of(request.user)
        if officer is None:
            raise PermissionDenied("此页面仅供市、县区市场监督管理局工作人员使用。")
        request.officer = officer
        return view(request, *args, **kwargs)

    return wrapper


def applicant_required(view):
    """Business accounts; staff and assessors do not apply."""

    @login_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if is_staff_member(request.user):
            raise PermissionDenied("工作人员和评审员账号不能用于企业申报。")
        return view(request, *args, **kwargs)

    return wrapper


def add_errors(form, exc, field_name="{}"):
    """Put a service's ValidationError on the form: per field where it names one, else on the form."""
    if not hasattr(exc, "error_dict"):
        form.add_error(None, exc.messages)
        return
    for key, errors in exc.message_dict.items():
        field = field_name.format(key)
        form.add_error(field if field in form.fields else None, errors)


def files_dropped(request, form):
    """A refused form that had files chosen: the browser never sends them again, so the page says so."""
    return bool(request.FILES) and bool(form.errors)


def refused(request, exc, back):
    """The answer to a refused transition: a message for a missing reason, 403 for permission, else the
    409 page (state or conditions) — never a 500."""
    if isinstance(exc, CommentRequired):
        messages.error(request, exc.message)
        return redirect(back)
    if isinstance(exc, TransitionRefused):
        raise PermissionDenied(exc.message) from exc
    return render(request, "conflict.html", {"message": exc.message, "back": back}, status=exc.status)


def run_transition(request, application, name, success_url):
    """POST handler for a transition button."""
    form = TransitionForm(request.POST)
    if not form.is_valid():
        messages.error(request, "意见不能超过2000字，请精简后重新提交。")
        return redirect(success_url)
    try:
        updated = workflow.perform(application, name, request.user, comment=form.cleaned_data["comment"])
    except WorkflowError as exc:
        return refused(request, exc, success_url)
    messages.success(request, f"已完成：{updated.get_state_display()}。")
    return redirect(success_url)
