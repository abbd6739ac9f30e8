"""年度复核: opening a campaign, the units' self-checks, reminders, outcomes and closing.

* The city opens a campaign for a year: every unit whose title is in force gets a CampaignUnit and an
  e-mail; a sample per county is drawn for on-site inspection from a seed stored with the campaign
  (reproducible and auditable), plus every unit with a substantiated complaint since naming.
* Units file a self-check in the portal against the criteria they were named under.
* The day after the deadline, units that filed nothing are reminded (once); after the grace period
  they are put under review.
* The body that named each unit decides its outcome: kept, rectification (with problems and a
  deadline), or revoked. The campaign closes when every unit has an outcome.
"""

import datetime
import random
import secrets
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from ..models import Application, Campaign, CampaignUnit, Document, State, WorkflowError
from ..models.reevaluation import SELF_CHECK_QUESTION
from ..permissions import is_applicant, is_city_officer, is_naming_body
from ..selectors import reevaluation as sel
from . import documents, notifications, rectifications, workflow

DEFAULT_SHARE = Decimal("0.10")
MAX_SELF_CHECK_DAYS = 365


def sample_size(count, share):
    """How many of a county's `count` units are drawn: the share, rounded half up, at least one."""
    if count == 0:
        return 0
    return min(count, max(1, int((Decimal(count) * Decimal(share)).quantize(Decimal(1), ROUND_HALF_UP))))


def draw_sample(application_ids_by_county, share, seed):
    """{county code: [application ids drawn]}: for each county, a seeded draw over its units in id order.

    The same seed and the same units always give the same draw; the county's code is part of the
    seed so that counties are drawn independently."""
    drawn = {}
    for county_code, ids in sorted(application_ids_by_county.items()):
        ordered = sorted(ids)
        rng = random.Random(f"{seed}:{county_code}")
        drawn[county_code] = sorted(rng.sample(ordered, sample_size(len(ordered), share)))
    return drawn


@transaction.atomic
def open_campaign(by, year, self_check_due_on, inspection_share=DEFAULT_SHARE, grace_days=7, seed=None,
                  title=""):
    """Open the year's campaign (the city bureau only). Returns the campaign."""
    if not is_city_officer(by):
        raise PermissionDenied("年度复核由市局启动。")
    today = timezone.localdate()
    if self_check_due_on <= today:
        raise ValidationError({"self_check_due_on": "自查截止日期应晚于今天。"})
    if self_check_due_on > today + datetime.timedelta(days=MAX_SELF_CHECK_DAYS):
        # a yearly campaign; a far-off date (9999-12-31) would also overflow the review date computed from it
        raise ValidationError({"self_check_due_on": "自查截止日期不能晚于一年以后。"})
    if Campaign.objects.filter(year=year).exists():
        raise ValidationError({"year": f"{year}年度复核已启动。"})
    share = Decimal(str(inspection_share))
    if not Decimal(0) <= share <= Decimal(1):
        raise ValidationError({"inspection_share": "抽查比例应在 0 到 1 之间。"})
    try:
        with transaction.atomic():  # a double click: the second insert waits for the first, then fails here
            campaign = Campaign.objects.create(
                year=year, title=title or f"{year}年度放心消费示范单位复核", self_check_due_on=self_check_due_on,
                grace_days=grace_days, inspection_share=share, seed=seed or secrets.token_hex(8), opened_by=by,
            )
    except IntegrityError as exc:
        raise ValidationError({"year": f"{year}年度复核已启动。"}) from exc
    titles = list(sel.titles_to_reevaluate(today))
    by_county = {}
    for app in titles:
        by_county.setdefault(app.business.region.code, []).append(app.pk)
    drawn = {pk for ids in draw_sample(by_county, share, campaign.seed).values() for pk in ids}
    complained = sel.units_with_substantiated_complaints(titles)
    CampaignUnit.objects.bulk_create([
        CampaignUnit(
            campaign=campaign, application=app,
            sampled=(CampaignUnit.Sampled.COMPLAINT if app.pk in complained
                     else CampaignUnit.Sampled.RANDOM if app.pk in drawn else CampaignUnit.Sampled.NO),
        )
        for app in titles
    ])
    for unit in sel.units_of(campaign).select_related("application__business__owner"):
        _tell_unit(unit, "self_check_request")
    return campaign


def _tell_unit(unit, template):
    owner = unit.application.business.owner
    if owner and owner.email:
        notifications.tell_from_templates([owner.email], template, {
            "unit": unit, "campaign": unit.campaign, "business": unit.application.business,
            "url": notifications.site_url(reverse("portal:self_check", args=[unit.pk])),
        })


def clean_self_check(data, criteria):
    """{code: {meets, note}} for every indicator of the criteria the unit was named under."""
    cleaned, errors = {}, {}
    for indicator in criteria.indicators():
        code = indicator["code"]
        entry = data.get(code) or {}
        meets = entry.get("meets")
        note = str(entry.get("note") or "").strip()[:2000]
        if meets not in (True, False):
            errors[code] = f"请选择{SELF_CHECK_QUESTION[bool(indicator.get('veto'))]}。"
        elif not meets and len(note) < 5:
            errors[code] = "不再符合的指标，请说明变化情况（至少5个字）。"
        else:
            cleaned[code] = {"meets": meets, "note": note}
    if errors:
        raise ValidationError(errors)
    return cleaned


@transaction.atomic
def file_self_check(unit, data, files, by):
    """The unit's self-check (its owner only, while the campaign is open and no outcome is decided)."""
    locked = CampaignUnit.objects.select_for_update(of=("self",)).select_related(
        "campaign", "application__criteria", "application__business"
    ).get(pk=unit.pk)
    application = locked.application
    if not is_applicant(application, by):
        raise PermissionDenied("只有该单位可以提交自查。")
    if not locked.campaign.is_open or locked.is_decided or not application.holds_title:
        raise ValidationError("本次复核已有结论，不能再修改自查。")
    criteria = sel.criteria_of(application)
    locked.self_check = clean_self_check(data, criteria)
    locked.filed_at, locked.filed_by = timezone.now(), by
    locked.save(update_fields=["self_check", "filed_at", "filed_by"])
    for uploaded in files:
        documents.attach_after_naming(application, Document.Kind.SELF_CHECK, uploaded, by, campaign_unit=locked)
    return locked


def remind_and_review(today):
    """Daily: remind units that filed nothing the day after the deadline (once), and put those still
    silent after the grace period under review. Returns (reminded, reviewed)."""
    reminded = reviewed = 0
    for unit in sel.unfiled_units_to_remind(today):
        with transaction.atomic():
            if CampaignUnit.objects.filter(pk=unit.pk, reminded_on__isnull=True).update(reminded_on=today):
                reminded += 1
                _tell_unit(unit, "self_check_overdue")
    for unit in sel.unfiled_units_to_review(today):
        try:
            workflow.perform(unit.application, "open_review", None, system=True,
                             comment=f"逾期未提交{unit.campaign.year}年度复核自查。")
            reviewed += 1
        except WorkflowError:
            continue  # its state changed meanwhile
    return reminded, reviewed


@transaction.atomic
def decide(unit, outcome, by, note="", problems="", due_on=None):
    """The outcome of one unit, by the body that named it: kept, rectification or revoked."""
    locked = CampaignUnit.objects.select_for_update(of=("self",)).select_related(
        "campaign", "application__business"
    ).get(pk=unit.pk)
    application = Application.objects.select_related("business").get(pk=locked.application_id)
    if not is_naming_body(application, by):
        raise PermissionDenied("复核结论由命名该单位的市局或县区局作出。")
    if not locked.campaign.is_open:
        raise ValidationError("本次复核已结束。")
    if locked.is_decided:
        raise ValidationError("该单位已有复核结论。")
    note = (note or "").strip()[:2000]
    if outcome == CampaignUnit.Outcome.KEPT:
        if application.state == State.UNDER_REVIEW:
            workflow.perform(application, "confirm_title", by, comment=note or f"{locked.campaign.year}年度复核通过。")
        elif application.state != State.NAMED:
            raise ValidationError(f"该单位当前状态为“{application.get_state_display()}”，不能直接保留称号。")
    elif outcome == CampaignUnit.Outcome.RECTIFICATION:
        rectifications.order(application, problems, due_on, by, campaign_unit=locked)
        note = note or (problems or "").strip()[:2000]
    elif outcome == CampaignUnit.Outcome.REVOKED:
        if not note:
            raise ValidationError({"note": "撤销称号须写明理由（将予以公布）。"})
        workflow.perform(application, "revoke", by, comment=note)
    else:
        raise ValidationError("请选择复核结论。")
    locked.outcome, locked.outcome_note, locked.decided_by, locked.decided_at = outcome, note, by, timezone.now()
    locked.save(update_fields=["outcome", "outcome_note", "decided_by", "decided_at"])
    return locked


@transaction.atomic
def close(campaign, by):
    """Close the campaign (the city bureau), once every unit has an outcome."""
    if not is_city_officer(by):
        raise PermissionDenied("年度复核由市局结束。")
    locked = Campaign.objects.select_for_update().get(pk=campaign.pk)
    if not locked.is_open:
        raise ValidationError("本次复核已结束。")
    pending = locked.units.filter(outcome=CampaignUnit.Outcome.PENDING).count()
    if pending:
        raise ValidationError(f"还有 {pending} 个单位没有复核结论，不能结束。")
    locked.closed_on = timezone.localdate()
    locked.save(update_fields=["closed_on"])
    return locked
