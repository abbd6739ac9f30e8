"""年度复核: opening a campaign, the reproducible sample, self-checks, reminders, outcomes, closing."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from certification.models import Campaign, CampaignUnit, Rectification, State
from certification.services import campaigns, daily

from .factories import CertificateFactory, RoundFactory, UserFactory, county

pytestmark = pytest.mark.django_db

COUNTIES = ["商州区", "洛南县", "丹凤县", "商南县", "山阳县", "镇安县", "柞水县"]


def unit_in(county_name="柞水县", level="county"):
    """A named unit of a county, in force, whose business has an account (which gets e-mail)."""
    return CertificateFactory(
        application__business__region=county(county_name), application__level_requested=level,
        application__business__owner=UserFactory(),
    ).application


@pytest.fixture
def units(db):
    return [unit_in(name) for name in COUNTIES for _ in range(3)]


def open_campaign(city_officer, seed="abc123", share="0.10", days=20):
    return campaigns.open_campaign(city_officer, timezone.localdate().year,
                                   timezone.localdate() + datetime.timedelta(days=days), inspection_share=share,
                                   seed=seed)


def sampled_ids(campaign):
    return set(campaign.units.exclude(sampled="").values_list("application", flat=True))


def test_only_the_city_opens_a_campaign(county_officer):
    with pytest.raises(PermissionDenied):
        campaigns.open_campaign(county_officer, 2026, timezone.localdate() + datetime.timedelta(days=20))


def test_every_title_in_force_is_asked_for_a_self_check(units, city_officer):
    campaign = open_campaign(city_officer)
    assert set(campaign.units.values_list("application", flat=True)) == {u.pk for u in units}


def test_a_revoked_title_is_not_asked(units, city_officer):
    CertificateFactory(revoked_on=timezone.localdate(), revoked_reason="撤销")
    assert open_campaign(city_officer).units.count() == len(units)


def test_the_same_seed_draws_the_same_units(units, city_officer):
    first = sampled_ids(open_campaign(city_officer, seed="2026-seed"))
    CampaignUnit.objects.all().delete()
    Campaign.objects.all().delete()
    assert sampled_ids(open_campaign(city_officer, seed="2026-seed")) == first


def test_another_seed_draws_other_units(city_officer):
    for _ in range(40):
        unit_in("商州区")
    first = sampled_ids(open_campaign(city_officer, seed="one"))
    CampaignUnit.objects.all().delete()
    Campaign.objects.all().delete()
    assert sampled_ids(open_campaign(city_officer, seed="two")) != first


def test_every_county_with_units_has_at_least_one_unit_drawn(units, city_officer):
    campaign = open_campaign(city_officer, share="0.01")
    counties = set(campaign.units.exclude(sampled="").values_list("application__business__region__name", flat=True))
    assert counties == set(COUNTIES)


def test_the_share_is_taken_per_county(city_officer):
    for _ in range(30):
        unit_in("商州区")
    campaign = open_campaign(city_officer, share="0.10")
    assert campaign.units.exclude(sampled="").count() == 3


def test_every_unit_with_a_substantiated_complaint_is_inspected(city_officer, county_officer):
    from .complaints import closed, complaint_about

    complained = unit_in("柞水县")
    closed(complaint_about(complained), county_officer)
    campaign = open_campaign(city_officer, share="0")
    unit = campaign.units.get(application=complained)
    assert unit.sampled == CampaignUnit.Sampled.COMPLAINT


def test_an_unsubstantiated_complaint_does_not_put_a_unit_in_the_sample(city_officer, county_officer):
    from .complaints import closed, complaint_about

    complained = unit_in("柞水县")
    closed(complaint_about(complained), county_officer, substantiated=False, result="explained", money="0")
    campaign = open_campaign(city_officer, share="0")
    assert campaign.units.get(application=complained).sampled != CampaignUnit.Sampled.COMPLAINT


def test_the_seed_is_stored_with_the_campaign(units, city_officer):
    assert open_campaign(city_officer, seed="feedbeef").seed == "feedbeef"


def test_opening_e_mails_each_unit(units, city_officer, sent_mail):
    open_campaign(city_officer)
    assert len([m for m in sent_mail() if "年度复核自查" in m.subject]) == len(units)


def test_a_deadline_in_the_past_is_refused_in_chinese(units, city_officer):
    with pytest.raises(ValidationError, match="晚于今天"):
        open_campaign(city_officer, days=0)


@pytest.mark.parametrize("due", ["9999-12-31", "2999-01-01"])
def test_a_deadline_years_away_is_refused_in_chinese_and_opens_nothing(client, units, city_officer, due):
    client.force_login(city_officer)
    response = client.post("/staff/campaigns/", {"year": "2031", "self_check_due_on": due, "inspection_percent": "10",
                                                 "grace_days": "60"})
    assert response.status_code == 200 and "不能晚于" in response.content.decode()
    assert not Campaign.objects.exists()


# --- self-check -------------------------------------------------------------------------------------


def answers(application, meets=True, note=""):
    return {i["code"]: {"meets": meets, "note": note} for i in application.criteria.as_criteria().indicators()}


@pytest.fixture
def campaign_unit(city_officer):
    unit = unit_in()
    return open_campaign(city_officer).units.get(application=unit)


def test_the_unit_files_its_self_check(campaign_unit):
    application = campaign_unit.application
    filed = campaigns.file_self_check(campaign_unit, answers(application), [], application.business.owner)
    assert filed.filed_at is not None


def test_a_changed_indicator_needs_an_explanation(campaign_unit):
    application = campaign_unit.application
    with pytest.raises(ValidationError, match="说明变化情况"):
        campaigns.file_self_check(campaign_unit, answers(application, meets=False), [], application.business.owner)


def test_a_veto_item_left_unanswered_is_asked_whether_the_situation_exists(campaign_unit):
    application = campaign_unit.application
    given = answers(application)
    veto = next(i["code"] for i in application.criteria.as_criteria().indicators() if i["veto"])
    given[veto] = {"meets": None, "note": ""}
    with pytest.raises(ValidationError) as refused:
        campaigns.file_self_check(campaign_unit, given, [], application.business.owner)
    assert refused.value.message_dict[veto] == ["请选择是否存在该情形。"]


def test_the_self_check_asks_of_a_veto_item_whether_the_situation_exists(client, campaign_unit):
    application = campaign_unit.application
    indicators = application.criteria.as_criteria().indicators()
    client.force_login(application.business.owner)
    page = client.get(f"/portal/self-checks/{campaign_unit.pk}/").content.decode()
    assert page.count("不存在该情形（仍然符合）") == sum(1 for i in indicators if i["veto"]) > 0
    assert page.count("有变化，不再完全符合") == sum(1 for i in indicators if not i["veto"])


def test_another_business_cannot_file_the_self_check(campaign_unit, applicant_a):
    with pytest.raises(PermissionDenied):
        campaigns.file_self_check(campaign_unit, answers(campaign_unit.application), [], applicant_a)


# --- reminders and review ---------------------------------------------------------------------------------


def test_a_unit_that_filed_nothing_is_reminded_once_after_the_deadline(campaign_unit):
    day = campaign_unit.campaign.self_check_due_on + datetime.timedelta(days=1)
    assert campaigns.remind_and_review(day) == (1, 0)
    assert campaigns.remind_and_review(day) == (0, 0)


def test_a_unit_still_silent_after_the_grace_period_is_put_under_review_once(campaign_unit):
    campaign = campaign_unit.campaign
    campaigns.remind_and_review(campaign.self_check_due_on + datetime.timedelta(days=1))
    daily.run(campaign.review_due_on())
    daily.run(campaign.review_due_on())
    campaign_unit.application.refresh_from_db()
    assert campaign_unit.application.state == State.UNDER_REVIEW
    assert campaign_unit.application.transitions.filter(transition="open_review").count() == 1


def test_a_unit_that_filed_is_not_reminded(campaign_unit):
    application = campaign_unit.application
    campaigns.file_self_check(campaign_unit, answers(application), [], application.business.owner)
    assert campaigns.remind_and_review(campaign_unit.campaign.self_check_due_on + datetime.timedelta(days=1)) == (0, 0)


# --- outcomes -------------------------------------------------------------------------------------------


def test_kept_leaves_the_title_named(campaign_unit, county_officer):
    decided = campaigns.decide(campaign_unit, "kept", county_officer)
    decided.application.refresh_from_db()
    assert decided.outcome == "kept" and decided.application.state == State.NAMED


def test_kept_ends_a_review(campaign_unit, county_officer):
    from certification.services import workflow

    workflow.perform(campaign_unit.application, "open_review", county_officer, comment="群众反映")
    campaigns.decide(campaign_unit, "kept", county_officer)
    campaign_unit.application.refresh_from_db()
    assert campaign_unit.application.state == State.NAMED


def test_rectification_puts_the_title_under_rectification_with_the_problems(campaign_unit, county_officer):
    due = timezone.localdate() + datetime.timedelta(days=30)
    campaigns.decide(campaign_unit, "rectification", county_officer, problems="价格公示不全", due_on=due)
    rectification = Rectification.objects.get(application=campaign_unit.application)
    assert rectification.due_on == due and rectification.campaign_unit == campaign_unit
    campaign_unit.application.refresh_from_db()
    assert campaign_unit.application.state == State.UNDER_RECTIFICATION


def test_revocation_revokes_the_certificate_with_the_published_reason(campaign_unit, county_officer):
    campaigns.decide(campaign_unit, "revoked", county_officer, note="现场检查发现销售过期食品")
    certificate = campaign_unit.application.certificate
    certificate.refresh_from_db()
    assert certificate.revoked_reason == "现场检查发现销售过期食品"


def test_revocation_needs_a_reason(campaign_unit, county_officer):
    with pytest.raises(ValidationError, match="理由"):
        campaigns.decide(campaign_unit, "revoked", county_officer)


def test_revoking_on_the_unit_page_needs_the_officer_to_tick_a_confirmation(client, campaign_unit, county_officer):
    client.force_login(county_officer)
    url = f"/staff/campaign-units/{campaign_unit.pk}/"
    page = client.post(url, {"outcome": "revoked", "note": "现场检查发现销售过期食品"}).content.decode()
    assert "请勾选确认" in page and "现场检查发现销售过期食品" in page
    campaign_unit.application.refresh_from_db()
    assert campaign_unit.application.state == State.NAMED


def test_revoking_on_the_unit_page_with_the_confirmation_revokes(client, campaign_unit, county_officer):
    client.force_login(county_officer)
    client.post(f"/staff/campaign-units/{campaign_unit.pk}/",
                {"outcome": "revoked", "note": "现场检查发现销售过期食品", "confirm_revoke": "on"})
    campaign_unit.application.refresh_from_db()
    assert campaign_unit.application.state == State.REVOKED


def test_another_countys_officer_cannot_decide(campaign_unit, other_county_officer):
    with pytest.raises(PermissionDenied):
        campaigns.decide(campaign_unit, "kept", other_county_officer)


def test_the_city_does_not_decide_a_county_level_unit(campaign_unit, city_officer):
    with pytest.raises(PermissionDenied):
        campaigns.decide(campaign_unit, "kept", city_officer)


def test_the_city_decides_a_city_level_unit(city_officer):
    unit = unit_in(level="city")
    campaign_unit = open_campaign(city_officer).units.get(application=unit)
    assert campaigns.decide(campaign_unit, "kept", city_officer).outcome == "kept"


def test_an_outcome_is_decided_once(campaign_unit, county_officer):
    campaigns.decide(campaign_unit, "kept", county_officer)
    with pytest.raises(ValidationError, match="已有复核结论"):
        campaigns.decide(campaign_unit, "kept", county_officer)


# --- closing --------------------------------------------------------------------------------------------


def test_a_campaign_does_not_close_while_a_unit_has_no_outcome(campaign_unit, city_officer):
    with pytest.raises(ValidationError, match="1 个单位"):
        campaigns.close(campaign_unit.campaign, city_officer)


def test_a_campaign_closes_when_every_unit_has_an_outcome(campaign_unit, county_officer, city_officer):
    campaigns.decide(campaign_unit, "kept", county_officer)
    assert campaigns.close(campaign_unit.campaign, city_officer).closed_on == timezone.localdate()


def test_a_unit_revoked_outside_the_campaign_counts_as_decided(campaign_unit, county_officer, city_officer):
    from certification.services import workflow

    workflow.perform(campaign_unit.application, "revoke", county_officer, comment="查实重大投诉")
    assert campaigns.close(campaign_unit.campaign, city_officer).closed_on is not None


def test_a_year_has_one_campaign(units, city_officer):
    open_campaign(city_officer)
    with pytest.raises(ValidationError, match="已启动"):
        open_campaign(city_officer)


def test_the_open_form_says_when_this_years_campaign_is_already_running(client, units, city_officer):
    client.force_login(city_officer)
    assert "年度复核已经启动" not in client.get("/staff/campaigns/").content.decode()
    open_campaign(city_officer)
    assert f"{timezone.localdate().year}年度复核已经启动" in client.get("/staff/campaigns/").content.decode()


def test_an_old_rounds_unit_is_asked_too(city_officer):
    old = CertificateFactory(application__round=RoundFactory(year=2020)).application
    assert open_campaign(city_officer).units.filter(application=old).exists()
