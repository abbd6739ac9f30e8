"""Public notice (公示): opening it in a batch, objections from the public, and their resolution."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from ..models import Application, Objection, State, WorkflowError
from ..permissions import is_reviewing_officer, officer_of
from . import announcements, notifications, workflow


@transaction.atomic
def open_notice(applications, by):
    """Put the applications on notice in one batch and publish one notice page listing them.

    Each application goes through the workflow on its own (its guards apply); those refused are
    returned with the reason and the rest go ahead. Returns (opened, refused, page).
    """
    opened, refused = [], []
    for app in applications:
        try:
            with transaction.atomic():
                opened.append(workflow.perform(app, "open_notice", by))
        except WorkflowError as exc:
            refused.append((app, exc.message))
    page = None
    if opened:
        officer = officer_of(by)
        scope = officer.region.name if officer else "商洛市"
        year = opened[0].round.year
        ends_on = max(app.notice_ends_on for app in opened)
        page = announcements.publish(
            title=f"{scope}{year}年度放心消费示范单位候选单位公示（{timezone.localdate():%Y年%-m月%-d日}）",
            kind="notice", round=opened[0].round, applications=opened, ends_on=ends_on, by=by,
            body=(
                f"<p>经申报、受理、评审，下列单位达到放心消费示范单位评价标准，现予公示。公示期至"
                f"{ends_on:%Y年%-m月%-d日}。公示期间如有异议，请通过本页在线提出，或拨打 12315 反映。</p>"
            ),
        )
    return opened, refused, page


@transaction.atomic
def submit_objection(application_id, name, contact, text):
    app = Application.objects.select_related("business__region").open_for_objection().filter(pk=application_id).first()
    if app is None:
        raise ValidationError("该单位不在公示期内，不能提出异议。")
    objection = Objection.objects.create(application=app, name=name.strip(), contact=contact.strip(),
                                         text=text.strip())
    notifications.tell_county_bureau(
        app.business.region, f"【商洛放心消费】公示异议 {objection.reference}：{app.business.name}",
        f"收到对公示单位“{app.business.name}”的异议（受理编号 {objection.reference}），请及时核实处理：",
        reverse("staff:application", args=[app.pk]),
    )
    return objection


@transaction.atomic
def resolve_objection(objection, by, upheld, resolution):
    """Upheld: the application is rejected with the reason. Dismissed: it goes on."""
    locked = (
        Objection.objects.select_for_update(of=("self",)).select_related("application__business").get(pk=objection.pk)
    )
    if not is_reviewing_officer(locked.application, by):
        raise PermissionDenied("您不能处理该异议。")
    if locked.status != Objection.Status.OPEN:
        raise ValidationError("该异议已处理。")
    resolution = (resolution or "").strip()
    if not resolution:
        raise ValidationError("请填写处理意见。")
    locked.status = Objection.Status.UPHELD if upheld else Objection.Status.DISMISSED
    locked.resolution, locked.resolved_by, locked.resolved_at = resolution, by, timezone.now()
    locked.save()
    if upheld and locked.application.state == State.IN_NOTICE:
        workflow.perform(locked.application, "uphold_objection", by,
                         comment=f"公示异议成立（{locked.reference}）：{resolution}", system=True)
    return locked

