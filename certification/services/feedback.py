"""Feedback and complaints from the public about named units, and their handling by the county bureau."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from ..models import Feedback
from ..permissions import public_report_scope
from . import notifications


@transaction.atomic
def receive(business, name, contact, text):
    """Record what a member of the public reported and tell the county bureau in charge."""
    item = Feedback.objects.create(business=business, name=name, contact=contact, text=text)
    notifications.tell_county_bureau(
        business.region, f"【商洛放心消费】群众反映 {item.reference}：{business.name}",
        f"收到群众对示范单位“{business.name}”的反映（受理编号 {item.reference}），请及时核实办理：",
        reverse("staff:feedback"),
    )
    return item


@transaction.atomic
def close(feedback, by, note):
    locked = Feedback.objects.select_for_update(of=("self",)).select_related("business").get(pk=feedback.pk)
    if not Feedback.objects.filter(public_report_scope(by), pk=locked.pk).exists():
        raise PermissionDenied("您不能办理该反映。")
    if locked.status != Feedback.Status.OPEN:
        raise ValidationError("该反映已办结。")
    note = (note or "").strip()
    if not note:
        raise ValidationError("请填写办理情况。")
    locked.status, locked.handling_note = Feedback.Status.CLOSED, note[:2000]
    locked.handled_by, locked.handled_at = by, timezone.now()
    locked.save()
    return locked
