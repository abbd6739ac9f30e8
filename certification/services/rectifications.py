"""整改: an officer of the naming body gives a unit named problems and a deadline; the unit answers in
the portal with evidence; the officer accepts (the title is kept) or revokes the title.

The state moves through the workflow (order_rectification, accept_rectification, revoke); this module
keeps the Rectification record those transitions read and close.
"""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from ..models import Application, Document, Rectification, State
from ..permissions import is_applicant
from . import documents, notifications, workflow

MAX_DAYS = 365


def clean_notice(problems, due_on, today=None):
    today = today or timezone.localdate()
    problems = (problems or "").strip()
    if not problems:
        raise ValidationError({"problems": "请写明存在的问题和整改要求。"})
    if len(problems) > 4000:
        raise ValidationError({"problems": "不能超过4000字。"})
    if not isinstance(due_on, datetime.date) or due_on <= today:
        raise ValidationError({"due_on": "整改期限应晚于今天。"})
    if due_on > today + datetime.timedelta(days=MAX_DAYS):
        raise ValidationError({"due_on": "整改期限不能超过一年。"})
    return problems, due_on


@transaction.atomic
def order(application, problems, due_on, by, campaign_unit=None):
    """Record the problems and the deadline, then put the title under rectification (naming body only).

    The unit is e-mailed by the transition (with the problems) and finds the notice in its portal."""
    problems, due_on = clean_notice(problems, due_on)
    locked = Application.objects.select_for_update(of=("self",)).get(pk=application.pk)
    locked.refusal("order_rectification", by, before_its_page=True)  # the state and who may order it
    if locked.open_rectification() is not None:
        raise ValidationError("该单位已有未结束的整改。")
    rectification = Rectification.objects.create(
        application=locked, campaign_unit=campaign_unit, problems=problems, due_on=due_on, opened_by=by,
        opened_at=timezone.now(),
    )
    workflow.perform(locked, "order_rectification", by, comment=f"{problems}\n整改期限：{due_on:%Y年%-m月%-d日}")
    return rectification


@transaction.atomic
def answer(rectification, text, files, by):
    """The unit reports what it fixed, with evidence (PDF, JPEG or PNG), before the officer checks it."""
    locked = Rectification.objects.select_for_update(of=("self",)).select_related("application").get(
        pk=rectification.pk
    )
    application = locked.application
    if not is_applicant(application, by):
        raise PermissionDenied("只有该单位可以提交整改情况。")
    if not locked.is_open or application.state != State.UNDER_RECTIFICATION:
        raise ValidationError("该整改已结束。")
    text = (text or "").strip()
    if len(text) < 5:
        raise ValidationError({"answer": "请写明整改情况（至少5个字）。"})
    locked.answer, locked.answered_by, locked.answered_at = text[:4000], by, timezone.now()
    locked.save(update_fields=["answer", "answered_by", "answered_at"])
    for uploaded in files:
        documents.attach_after_naming(application, Document.Kind.RECTIFICATION, uploaded, by, rectification=locked)
    business = application.business
    notifications.tell_county_bureau(
        business.region, f"【商洛放心消费】整改情况待验收：{business.name}",
        f"示范单位“{business.name}”已提交整改情况，请验收（保留称号或撤销称号）：",
        reverse("staff:application", args=[application.pk]),
    )
    return locked


def close_as_kept(application, log):
    """The `after` effect of accept_rectification: the rectification is closed, the title kept."""
    Rectification.objects.filter(application=application, closed_at__isnull=True).update(
        result=Rectification.Result.KEPT, closing_note=log.comment, closed_by=log.actor, closed_at=timezone.now(),
    )
