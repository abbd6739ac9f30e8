"""整改 in the staff area: giving a unit problems and a deadline (the page of the order_rectification
transition) and the list of open rectifications with the overdue ones flagged. Accepting or revoking
are the transitions' buttons on the application's page."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from ..forms_aftercare import RectificationNoticeForm
from ..models import WorkflowError
from ..selectors import reevaluation as sel
from ..selectors import staff as staff_selectors
from ..services import rectifications
from .common import add_errors, officer_required, refused


@officer_required
def new(request):
    pk = request.POST.get("application") or request.GET.get("application")
    if not (pk and str(pk).isascii() and str(pk).isdigit()):
        messages.error(request, "请从示范单位的页面进入。")
        return redirect("staff:rectifications")
    application = staff_selectors.application_or_404(request.user, pk)
    back = reverse("staff:application", args=[application.pk])
    try:
        application.refusal("order_rectification", request.user, before_its_page=True)
    except WorkflowError as exc:
        return refused(request, exc, back)
    form = RectificationNoticeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            rectifications.order(application, form.cleaned_data["problems"], form.cleaned_data["due_on"],
                                 request.user)
        except ValidationError as exc:
            add_errors(form, exc)
        except WorkflowError as exc:
            return refused(request, exc, back)
        else:
            messages.success(request, "已下达整改通知，单位将收到邮件并在系统中提交整改情况。")
            return redirect(back)
    return render(request, "rectifications/new.html", {"application": application, "form": form})


@officer_required
def rectification_list(request):
    show_all = request.GET.get("show") == "all"
    return render(request, "rectifications/list.html", {
        "rectifications": sel.rectifications_for(request.user, open_only=not show_all),
        "show_all": show_all, "today": timezone.localdate(),
    })
