"""现场检查 in the yearly re-evaluation: assigning assessors (conflicts respected), scoring, declining."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from certification.models import ConflictDeclaration, Document, Inspection
from certification.selectors.assessment import eligible_inspectors
from certification.services import campaigns, inspections

from .factories import AssessorFactory, AssignmentFactory, CertificateFactory, DocumentFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def campaign_unit(city_officer):
    unit = CertificateFactory(application__business__owner=UserFactory()).application
    campaign = campaigns.open_campaign(city_officer, timezone.localdate().year,
                                       timezone.localdate() + datetime.timedelta(days=20), seed="s")
    return campaign.units.get(application=unit)


def full_sheet(criteria):
    return {i["code"]: {"points": i["max_points"], "comment": "", "veto": False} for i in criteria.indicators()}


def test_an_assessor_with_a_declared_conflict_is_not_offered(campaign_unit):
    conflicted, free = AssessorFactory(), AssessorFactory()
    ConflictDeclaration.objects.create(assessor=conflicted, business=campaign_unit.application.business, reason="亲属")
    offered = eligible_inspectors(campaign_unit)
    assert free in offered and conflicted not in offered


def test_the_county_officer_assigns_an_inspection_and_the_assessor_is_told(campaign_unit, county_officer, sent_mail):
    assessor = AssessorFactory()
    inspections.assign(campaign_unit, [assessor], county_officer)
    assert Inspection.objects.filter(campaign_unit=campaign_unit, assessor=assessor).exists()
    assert any("现场检查" in m.subject for m in sent_mail())


def test_another_countys_officer_cannot_assign(campaign_unit, other_county_officer):
    with pytest.raises(PermissionDenied):
        inspections.assign(campaign_unit, [AssessorFactory()], other_county_officer)


def test_a_conflicted_assessor_cannot_be_assigned(campaign_unit, county_officer):
    assessor = AssessorFactory()
    ConflictDeclaration.objects.create(assessor=assessor, business=campaign_unit.application.business, reason="股东")
    with pytest.raises(ValidationError, match="回避"):
        inspections.assign(campaign_unit, [assessor], county_officer)


def test_the_assessor_scores_against_the_criteria_the_unit_was_named_under(campaign_unit, county_officer):
    assessor = AssessorFactory()
    [task] = inspections.assign(campaign_unit, [assessor], county_officer)
    criteria = campaign_unit.application.criteria.as_criteria()
    done = inspections.save_scores(task, full_sheet(criteria), assessor.user, submit=True)
    assert done.status == Inspection.Status.SUBMITTED and done.total == criteria.total_points


def test_another_assessor_cannot_score_it(campaign_unit, county_officer):
    [task] = inspections.assign(campaign_unit, [AssessorFactory()], county_officer)
    with pytest.raises(PermissionDenied):
        inspections.save_scores(task, {}, AssessorFactory().user)


def test_declining_records_a_conflict_for_the_future(campaign_unit, county_officer):
    assessor = AssessorFactory()
    [task] = inspections.assign(campaign_unit, [assessor], county_officer)
    inspections.decline(task, "曾在该单位任职", assessor.user)
    assert ConflictDeclaration.objects.filter(assessor=assessor, business=campaign_unit.application.business).exists()


def test_the_assessor_sees_the_inspection_in_their_list(client, campaign_unit, county_officer):
    assessor = AssessorFactory()
    [task] = inspections.assign(campaign_unit, [assessor], county_officer)
    client.force_login(assessor.user)
    assert f"/assess/inspections/{task.pk}/" in client.get("/assess/").content.decode()


def test_the_score_sheet_page_submits_the_scores(client, campaign_unit, county_officer):
    assessor = AssessorFactory()
    [task] = inspections.assign(campaign_unit, [assessor], county_officer)
    criteria = campaign_unit.application.criteria.as_criteria()
    client.force_login(assessor.user)
    data = {f"points_{i['code']}": i["max_points"] for i in criteria.indicators()}
    client.post(f"/assess/inspections/{task.pk}/", {**data, "submit": "1"})
    task.refresh_from_db()
    assert task.status == Inspection.Status.SUBMITTED


# --- the unit's self-check evidence on the inspection page ---------------------------------------------------


def self_check_evidence(campaign_unit):
    return DocumentFactory(application=campaign_unit.application, kind=Document.Kind.SELF_CHECK,
                           campaign_unit=campaign_unit, original_name="整改照片.pdf")


def test_the_inspector_can_open_the_self_check_evidence_listed_on_the_inspection(client, campaign_unit,
                                                                                 county_officer):
    evidence = self_check_evidence(campaign_unit)
    assessor = AssessorFactory()
    [task] = inspections.assign(campaign_unit, [assessor], county_officer)
    client.force_login(assessor.user)
    assert f"/documents/{evidence.pk}/" in client.get(f"/assess/inspections/{task.pk}/").content.decode()
    assert client.get(f"/documents/{evidence.pk}/").status_code == 200


def test_an_inspector_who_declined_cannot_open_the_self_check_evidence(client, campaign_unit, county_officer):
    evidence = self_check_evidence(campaign_unit)
    assessor = AssessorFactory()
    [task] = inspections.assign(campaign_unit, [assessor], county_officer)
    inspections.decline(task, "亲属在该单位任职", assessor.user)
    client.force_login(assessor.user)
    assert client.get(f"/documents/{evidence.pk}/").status_code == 404


def test_another_assessor_cannot_open_the_self_check_evidence(client, campaign_unit, county_officer):
    evidence = self_check_evidence(campaign_unit)
    inspections.assign(campaign_unit, [AssessorFactory()], county_officer)
    client.force_login(AssessorFactory().user)
    assert client.get(f"/documents/{evidence.pk}/").status_code == 404


def test_an_assessor_who_scored_the_original_application_cannot_open_later_self_check_evidence(client,
                                                                                                campaign_unit):
    evidence = self_check_evidence(campaign_unit)
    scorer = AssignmentFactory(application=campaign_unit.application, status="submitted").assessor
    client.force_login(scorer.user)
    assert client.get(f"/documents/{evidence.pk}/").status_code == 404


def test_the_inspector_reads_a_veto_items_self_check_as_whether_the_situation_exists(client, campaign_unit,
                                                                                     county_officer):
    application = campaign_unit.application
    indicators = application.criteria.as_criteria().indicators()
    answers = {i["code"]: {"meets": True, "note": ""} for i in indicators}
    campaigns.file_self_check(campaign_unit, answers, [], application.business.owner)
    assessor = AssessorFactory()
    [task] = inspections.assign(campaign_unit, [assessor], county_officer)
    client.force_login(assessor.user)
    page = client.get(f"/assess/inspections/{task.pk}/").content.decode()
    assert page.count("单位自查：不存在该情形") == sum(1 for i in indicators if i["veto"]) > 0
    assert page.count("单位自查：仍然符合") == sum(1 for i in indicators if not i["veto"])


def test_a_veto_item_of_no_points_has_no_score_box_on_the_sheet(client, campaign_unit, county_officer):
    assessor = AssessorFactory()
    [task] = inspections.assign(campaign_unit, [assessor], county_officer)
    veto = next(i for i in campaign_unit.application.criteria.as_criteria().indicators()
                if i["veto"] and not i["max_points"])
    client.force_login(assessor.user)
    page = client.get(f"/assess/inspections/{task.pk}/").content.decode()
    assert f'<input type="hidden" name="points_{veto["code"]}" value="0"' in page
    assert "一票否决项不计分" in page
