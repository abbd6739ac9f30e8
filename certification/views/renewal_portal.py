"""The portal's renewal page: a unit renews its title in the open round (services.renewals)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone

from ..forms_renewal import RenewalForm
from ..selectors import renewals as sel
from ..services import renewals
from .common import add_errors, applicant_required


@applicant_required
def renewal(request, pk):
    title = sel.own_title_or_404(request.user, pk)
    today = timezone.localdate()
    if refusal := sel.renewal_refusal(title, today):
        messages.error(request, refusal)
        return redirect("portal:dashboard")
    rounds = sel.rounds_open_to(title.business, today)
    form = RenewalForm(rounds, sel.keepable_documents(title), request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            application = renewals.start(title, form.cleaned_data["round"], form.cleaned_data["documents"],
                                         request.user)
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, "已创建续期申报草稿：上次申报的自评和所选材料已带入，请核对、补充后提交。")
            return redirect("portal:application", pk=application.pk)
    return render(request, "portal/renewal.html", {
        "title": title,
        "certificate": title.certificate,
        "days_left": (title.certificate.valid_until - today).days,
        "renewals": sel.renewals_of(title),
        "has_round": rounds.exists(),
        "form": form,
    })
