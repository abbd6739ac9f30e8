"""Assigning assessors, declining with a conflict declaration, scoring, and the officer's result decisions."""

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from .. import scoring
from ..models import Application, Assignment, ConflictDeclaration, State
from ..permissions import is_reviewing_officer
from ..selectors.assessment import eligible_assessors, places_left
from . import notifications, workflow


@transaction.atomic
def assign(application, assessors, by):
    app = (
        Application.objects.select_for_update(of=("self",)).select_related("business", "round").get(pk=application.pk)
    )
    if not is_reviewing_officer(app, by):
        raise PermissionDenied("您不能为该申报分配评审员。")
    assessors = list(assessors)
    if not assessors:
        raise ValidationError("请选择评审员。")
    if len(assessors) > places_left(app):
        raise ValidationError(f"当前最多还能分配 {places_left(app)} 名评审员。")
    eligible = {a.pk for a in eligible_assessors(app)}
    if any(a.pk not in eligible for a in assessors):
        raise ValidationError("所选评审员已回避或已分配，请重新选择。")
    if app.state == State.ASSESSED:
        workflow.perform(app, "reopen_assessment", by, comment="评分差异过大，增派评审员。", system=True)
    try:
        created = [Assignment.objects.create(application=app, assessor=a, assigned_by=by) for a in assessors]
    except IntegrityError as exc:
        raise ValidationError("该评审员已分配。") from exc
    for assignment in created:
        notifications.tell(
            [assignment.assessor.user.email], "【商洛放心消费】新的评审任务",
            f"您有一份新的评审任务：{app.business.name}。请登录评审系统查看：{settings.SITE_URL}"
            f"{reverse('assess:assignment', args=[assignment.pk])}",
        )
    return created


def _lock_own(assignment, by, *related):
    """The assignment, row-locked, if it is `by`'s own and still open for work."""
    locked = Assignment.objects.select_for_update(of=("self",)).select_related(*related).get(pk=assignment.pk)
    if locked.assessor.user_id != by.pk:
        raise PermissionDenied("只能处理自己的评审任务。")
    if locked.status != Assignment.Status.ASSIGNED:
        raise ValidationError("该评审任务已提交或已回避，不能再修改。")
    return locked


@transaction.atomic
def decline(assignment, reason, by):
    """The assessor declares a conflict of interest and steps back; the county's officers are told."""
    locked = _lock_own(assignment, by, "application__business")
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError("请说明回避理由。")
    locked.status = Assignment.Status.DECLINED
    locked.decline_reason = reason
    locked.save(update_fields=["status", "decline_reason"])
    ConflictDeclaration.objects.get_or_create(
        assessor=locked.assessor, business=locked.application.business, defaults={"reason": reason}
    )
    business = locked.application.business
    notifications.tell_county_bureau(
        business.region, f"【商洛放心消费】评审员回避，请另行分配：{business.name}",
        f"评审员 {locked.assessor} 因利益冲突回避了“{business.name}”的评审，理由：{reason}\n请另行分配评审员：",
        reverse("staff:application", args=[locked.application_id]),
    )
    return locked


@transaction.atomic
def save_scores(assignment, data, by, submit=False):
    """Save a draft score sheet, or submit it (then it is locked). The last submission completes the assessment."""
    locked = _lock_own(assignment, by, "application__criteria")
    if locked.application.state != State.UNDER_ASSESSMENT:
        raise ValidationError("该申报当前不在评审阶段。")
    criteria = locked.application.criteria.as_criteria()
    sheet, total, veto = scoring.clean_score_sheet(data, criteria, require_complete=submit)
    locked.scores = sheet
    locked.total, locked.veto = (total, veto) if submit else (None, False)
    if submit:
        locked.status = Assignment.Status.SUBMITTED
        locked.submitted_at = timezone.now()
    locked.save()
    if submit and locked.application.scores_complete():
        workflow.perform(locked.application, "complete_assessment", by, comment="全部评审员已提交评分。", system=True)
    return locked

