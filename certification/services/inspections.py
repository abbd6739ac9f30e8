"""现场检查: assessors inspect sampled units on site and score them against the criteria the unit was
named under. The same conflict-of-interest rules as assessment: an assessor who declared a conflict
with the business is never offered, and one who declines records such a declaration."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from .. import scoring
from ..models import CampaignUnit, ConflictDeclaration, Inspection
from ..permissions import is_reviewing_officer
from ..selectors.assessment import eligible_inspectors
from ..selectors.reevaluation import criteria_of
from . import notifications

MAX_INSPECTORS = 3


@transaction.atomic
def assign(unit, assessors, by):
    locked = CampaignUnit.objects.select_for_update(of=("self",)).select_related(
        "campaign", "application__business"
    ).get(pk=unit.pk)
    if not is_reviewing_officer(locked.application, by):
        raise PermissionDenied("您不能为该单位安排现场检查。")
    if not locked.campaign.is_open or locked.is_decided:
        raise ValidationError("该单位已有复核结论，不能再安排现场检查。")
    assessors = list(assessors)
    if not assessors:
        raise ValidationError("请选择评审员。")
    active = locked.inspections.exclude(status=Inspection.Status.DECLINED).count()
    if active + len(assessors) > MAX_INSPECTORS:
        raise ValidationError(f"每个单位最多安排 {MAX_INSPECTORS} 名评审员现场检查。")
    eligible = {a.pk for a in eligible_inspectors(locked)}
    if any(a.pk not in eligible for a in assessors):
        raise ValidationError("所选评审员已回避或已安排，请重新选择。")
    try:
        created = [Inspection.objects.create(campaign_unit=locked, assessor=a, assigned_by=by) for a in assessors]
    except IntegrityError as exc:
        raise ValidationError("该评审员已安排。") from exc
    name = locked.application.business.name
    for inspection in created:  # queued in this transaction (the e-mail outbox)
        notifications.tell(
            [inspection.assessor.user.email], "【商洛放心消费】新的现场检查任务",
            f"请对示范单位“{name}”进行{locked.campaign.year}年度复核现场检查并评分："
            f"{notifications.site_url(reverse('assess:inspection', args=[inspection.pk]))}",
        )
    return created


def _lock_own(inspection, by):
    locked = Inspection.objects.select_for_update(of=("self",)).select_related(
        "assessor", "campaign_unit__campaign", "campaign_unit__application__business",
        "campaign_unit__application__criteria",
    ).get(pk=inspection.pk)
    if locked.assessor.user_id != by.pk:
        raise PermissionDenied("只能处理自己的检查任务。")
    if locked.status != Inspection.Status.ASSIGNED:
        raise ValidationError("该检查任务已提交或已回避，不能再修改。")
    if not locked.campaign_unit.campaign.is_open:
        raise ValidationError("本次复核已结束。")
    return locked


@transaction.atomic
def decline(inspection, reason, by):
    locked = _lock_own(inspection, by)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError("请说明回避理由。")
    locked.status, locked.decline_reason = Inspection.Status.DECLINED, reason[:2000]
    locked.save(update_fields=["status", "decline_reason"])
    business = locked.campaign_unit.application.business
    ConflictDeclaration.objects.get_or_create(assessor=locked.assessor, business=business, defaults={"reason": reason})
    notifications.tell_county_bureau(
        business.region, f"【商洛放心消费】评审员回避现场检查，请另行安排：{business.name}",
        f"评审员 {locked.assessor} 因利益冲突回避了“{business.name}”的现场检查，理由：{reason}\n请另行安排：",
        reverse("staff:campaign_unit", args=[locked.campaign_unit_id]),
    )
    return locked


@transaction.atomic
def save_scores(inspection, data, by, submit=False):
    """A draft score sheet, or the submitted one (then locked)."""
    locked = _lock_own(inspection, by)
    criteria = criteria_of(locked.campaign_unit.application)
    sheet, total, veto = scoring.clean_score_sheet(data, criteria, require_complete=submit)
    locked.scores = sheet
    locked.total, locked.veto = (total, veto) if submit else (None, False)
    if submit:
        locked.status, locked.submitted_at = Inspection.Status.SUBMITTED, timezone.now()
    locked.save()
    if submit:
        business = locked.campaign_unit.application.business
        notifications.tell_county_bureau(
            business.region, f"【商洛放心消费】现场检查已评分：{business.name}",
            f"“{business.name}”的{locked.campaign_unit.campaign.year}年度复核现场检查已提交（{total} 分"
            f"{'，有一票否决项' if veto else ''}），请作出复核结论：",
            reverse("staff:campaign_unit", args=[locked.campaign_unit_id]),
        )
    return locked
