"""Demo of the life of a title, run through the real services at past dates (demo.applications.clock):

* last year's re-evaluation, ended: every unit filed; a sample inspected; most kept, some given a
  rectification (one kept after answering, one revoked for not fixing it), one revoked outright;
* this year's re-evaluation, in progress: about two thirds filed, the sample being inspected, a few
  outcomes decided — a rectification still open and one past its deadline, one more revocation.

Dates are relative to today, so the demo reads the same whenever it is loaded.
"""

import datetime

from django.db import transaction
from django.utils import timezone

from ..models import Application, Assessor, Campaign, CampaignUnit, Level, State
from ..selectors.assessment import eligible_inspectors
from ..selectors.reevaluation import criteria_of
from ..services import campaigns, inspections, rectifications, workflow
from .applications import city_officer, clock, digest, officer_for

LAST_YEAR_REVOKED = "现场检查发现超范围经营且存在价格欺诈行为，经调查属实。"
NOT_FIXED = "整改期满，价格公示和投诉处理台账仍未整改到位。"
THIS_YEAR_REVOKED = "发生消费者集体投诉并查实，拒不履行调解协议，不再符合放心消费示范单位条件。"


def naming_body(application):
    return city_officer() if application.level == Level.CITY else officer_for(application.business)


def file_all(campaign, units):
    for unit in units:
        application = unit.application
        criteria = criteria_of(application)
        answers = {i["code"]: {"meets": True, "note": "已对照检查，持续落实。"} for i in criteria.indicators()}
        if digest(application.business.name, 9) == 0:
            first = criteria.indicators()[0]["code"]
            answers[first] = {"meets": False, "note": "经营场所装修，消防通道临时调整，已报消防部门备案。"}
        campaigns.file_self_check(unit, answers, [], application.business.owner)


def inspect(unit, submit=True):
    """One assessor inspects the unit (and scores it, unless the inspection is still to be done)."""
    [task] = inspections.assign(unit, eligible_inspectors(unit)[:1], naming_body(unit.application))
    if submit:
        criteria = criteria_of(unit.application)
        sheet = {i["code"]: {"points": i["max_points"], "comment": "", "veto": False} for i in criteria.indicators()}
        scored = next(i for i in criteria.indicators() if i["max_points"] and not i["veto"])
        sheet[scored["code"]] = {"points": scored["max_points"] - 1, "comment": "台账记录不够完整。", "veto": False}
        inspections.save_scores(task, sheet, task.assessor.user, submit=True)
    return task


def campaign_units(campaign):
    return list(campaign.units.select_related("application__business__owner", "application__business__region",
                                              "application__criteria", "application__round")
                .order_by("application__business__region__code", "application__pk"))


def pick(units, count, exclude=()):
    """Units spread over the counties (one per county in turn), deterministic."""
    chosen, taken = [], set(exclude)
    by_county = {}
    for unit in units:
        if unit.pk not in taken and unit.application.state == State.NAMED:
            by_county.setdefault(unit.application.business.region_id, []).append(unit)
    while len(chosen) < count and any(by_county.values()):
        for queue in by_county.values():
            if queue and len(chosen) < count:
                chosen.append(queue.pop(len(queue) // 2))
    return chosen


def build_last_years_campaign(today):
    year = today.year - 1
    start = today - datetime.timedelta(days=410)
    with clock(start):
        campaign = campaigns.open_campaign(city_officer(), year, start + datetime.timedelta(days=30),
                                           seed=f"demo-{year}", title=f"{year}年度放心消费示范单位复核")
    units = campaign_units(campaign)
    with clock(start + datetime.timedelta(days=20)):
        file_all(campaign, units)
    with clock(start + datetime.timedelta(days=40)):
        for unit in units:
            if unit.sampled:
                inspect(unit)
    fix, fail, revoke = pick(units, 3)
    with clock(start + datetime.timedelta(days=55)):
        for unit, problems in ((fix, "价格公示不全：部分商品未明码标价。"),
                               (fail, "投诉处理台账不完整，未按“五快”要求回访消费者。")):
            campaigns.decide(unit, CampaignUnit.Outcome.RECTIFICATION, naming_body(unit.application),
                             problems=problems, due_on=start + datetime.timedelta(days=95))
        campaigns.decide(revoke, CampaignUnit.Outcome.REVOKED, naming_body(revoke.application), note=LAST_YEAR_REVOKED)
        for unit in units:
            if not unit.is_decided and unit.pk not in (fix.pk, fail.pk, revoke.pk):
                campaigns.decide(unit, CampaignUnit.Outcome.KEPT, naming_body(unit.application),
                                 note=f"{year}年度复核通过。")
    with clock(start + datetime.timedelta(days=60)):
        campaigns.close(campaign, city_officer())
    with clock(start + datetime.timedelta(days=85)):
        item = fix.application.open_rectification()
        rectifications.answer(item, "已对全部商品重新制作价签，明码标价，并建立价格巡查制度。", [],
                              fix.application.business.owner)
    with clock(start + datetime.timedelta(days=100)):
        workflow.perform(fix.application, "accept_rectification", naming_body(fix.application),
                         comment="现场复查，价格公示已整改到位。")
        workflow.perform(fail.application, "revoke", naming_body(fail.application), comment=NOT_FIXED)
    return campaign


def build_this_years_campaign(today):
    start = today - datetime.timedelta(days=30)
    with clock(start):
        campaign = campaigns.open_campaign(city_officer(), today.year, today + datetime.timedelta(days=14),
                                           seed=f"demo-{today.year}", title=f"{today.year}年度放心消费示范单位复核")
    units = campaign_units(campaign)
    filers = [u for u in units if digest(u.application.business.name, 3) != 0]
    with clock(start + datetime.timedelta(days=10)):
        file_all(campaign, filers)
    sampled = [u for u in units if u.sampled]
    with clock(start + datetime.timedelta(days=15)):
        for i, unit in enumerate(sampled):
            inspect(unit, submit=i % 2 == 0)
    sampled_first = [u for u in filers if u.sampled] + [u for u in filers if not u.sampled]
    overdue, open_, revoke, *kept = pick(sampled_first, 8)
    with clock(start + datetime.timedelta(days=18)):
        for unit in kept:
            campaigns.decide(unit, CampaignUnit.Outcome.KEPT, naming_body(unit.application),
                             note=f"{today.year}年度复核通过。")
        campaigns.decide(overdue, CampaignUnit.Outcome.RECTIFICATION, naming_body(overdue.application),
                         problems="消防器材过期未更换，安全出口堆放杂物。", due_on=start + datetime.timedelta(days=25))
        campaigns.decide(open_, CampaignUnit.Outcome.RECTIFICATION, naming_body(open_.application),
                         problems="退换货承诺未在店内公示。", due_on=today + datetime.timedelta(days=20))
        campaigns.decide(revoke, CampaignUnit.Outcome.REVOKED, naming_body(revoke.application), note=THIS_YEAR_REVOKED)
    with clock(start + datetime.timedelta(days=24)):
        item = open_.application.open_rectification()
        rectifications.answer(item, "已在收银台和入口处张贴退换货承诺。", [], open_.application.business.owner)
    return campaign


@transaction.atomic
def build_reevaluation(today=None):
    """Last year's campaign (ended) and this year's (in progress). Returns how many campaigns were made."""
    today = today or timezone.localdate()
    if Campaign.objects.filter(year__in=[today.year - 1, today.year]).exists():
        return 0
    if not Application.objects.holding_title(today).exists() or not Assessor.objects.exists():
        return 0
    build_last_years_campaign(today)
    build_this_years_campaign(today)
    return 2
