"""Public notice (公示): guards, the batch and its page, objections and their resolution."""

import pytest
from django.core.exceptions import ValidationError
from wagtail.models import ReferenceIndex

from certification.models import Objection, State
from certification.selectors import staff as staff_selectors
from certification.services import notice, workflow
from cms.models import NoticePage

from . import flows

pytestmark = pytest.mark.django_db


def test_a_failed_application_cannot_go_on_notice(county_officer):
    app = flows.scored(county_officer, [70, 72])
    with pytest.raises(workflow.TransitionConflict, match="合格分"):
        workflow.perform(app, "open_notice", county_officer)


def test_a_city_application_needs_the_city_pass_mark(county_officer):
    app = flows.scored(county_officer, [86, 88], level="city")
    assert app.allowed("open_notice", county_officer)[0] is False


def test_the_batch_puts_passing_applications_on_notice(county_officer):
    apps = [flows.scored(county_officer, [90, 92]) for _ in range(2)]
    opened, refused, page = notice.open_notice(apps, county_officer)
    assert [a.state for a in opened] == [State.IN_NOTICE, State.IN_NOTICE]
    assert refused == []


def test_the_batch_refuses_a_failing_application_with_its_reason(county_officer):
    good, bad = flows.scored(county_officer, [90, 92]), flows.scored(county_officer, [60, 61])
    opened, refused, _ = notice.open_notice([good, bad], county_officer)
    assert [a.pk for a in opened] == [good.pk]
    assert refused[0][0].pk == bad.pk


def test_the_notice_lasts_the_rounds_notice_days(county_officer):
    app = flows.on_notice(county_officer)
    assert (app.notice_ends_on - app.notice_starts_on).days == app.round.notice_days - 1


def test_the_batch_publishes_a_notice_page_listing_the_candidates(client, county_officer):
    app = flows.scored(county_officer, [90, 92])
    _, _, page = notice.open_notice([app], county_officer)
    html = client.get(page.url).content.decode()
    assert page.kind == NoticePage.Kind.PUBLIC_NOTICE and page.live
    assert app.business.name in html
    assert "提出异议" in html


def test_candidates_for_the_notice_batch_are_only_passing_ones_in_scope(county_officer, other_county_officer):
    passing, failing = flows.scored(county_officer, [90, 92]), flows.scored(county_officer, [60, 62])
    assert [a.pk for a in staff_selectors.notice_candidates(county_officer)] == [passing.pk]
    assert failing.pk not in [a.pk for a in staff_selectors.notice_candidates(county_officer)]
    assert staff_selectors.notice_candidates(other_county_officer) == []


def test_the_notice_batch_page_opens_the_notice_for_the_selected(client, county_officer):
    app = flows.scored(county_officer, [90, 92])
    client.force_login(county_officer)
    client.post("/staff/notice/", {"application": [app.pk], "confirm": "1"})
    app.refresh_from_db()
    assert app.state == State.IN_NOTICE


def test_the_notice_confirmation_gives_the_notice_period(client, county_officer):
    app = flows.scored(county_officer, [90, 92])
    client.force_login(county_officer)
    html = client.post("/staff/notice/", {"application": [app.pk]}).content.decode()
    app.refresh_from_db()
    assert "公示期" in html and "确认公示并发布公示名单" in html
    assert app.state == State.ASSESSED


def test_an_objection_can_be_raised_only_during_the_notice(county_officer):
    app = flows.on_notice(county_officer, days_ago=9)
    with pytest.raises(ValidationError, match="不在公示期内"):
        notice.submit_objection(app.pk, "李群众", "13800000000", "价格不实")


def test_an_upheld_objection_rejects_the_application_with_the_reason(county_officer):
    app = flows.on_notice(county_officer)
    objection = notice.submit_objection(app.pk, "李群众", "13800000000", "多收费12元未退")
    notice.resolve_objection(objection, county_officer, upheld=True, resolution="经核实属实")
    app.refresh_from_db()
    assert app.state == State.REJECTED
    assert "经核实属实" in app.transitions.last().comment


def test_a_dismissed_objection_lets_the_application_go_on(county_officer):
    app = flows.on_notice(county_officer)
    objection = notice.submit_objection(app.pk, "李群众", "13800000000", "多收费12元未退")
    notice.resolve_objection(objection, county_officer, upheld=False, resolution="经核实，已退款，不影响命名")
    app.refresh_from_db()
    assert app.state == State.IN_NOTICE
    assert not app.objections.filter(status=Objection.Status.OPEN).exists()


def test_resolving_needs_a_reason(county_officer):
    app = flows.on_notice(county_officer)
    objection = notice.submit_objection(app.pk, "李群众", "13800000000", "多收费12元未退")
    with pytest.raises(ValidationError):
        notice.resolve_objection(objection, county_officer, upheld=False, resolution="")


def test_an_officer_of_another_county_cannot_resolve(county_officer, other_county_officer):
    app = flows.on_notice(county_officer)
    objection = notice.submit_objection(app.pk, "李群众", "13800000000", "多收费12元未退")
    with pytest.raises(Exception, match="不能处理"):
        notice.resolve_objection(objection, other_county_officer, upheld=True, resolution="x")


def test_a_city_officer_opens_a_published_notice_in_the_cms_editor(client, county_officer, city_officer):
    from django.contrib.auth.models import Group

    app = flows.scored(county_officer, [90, 92])
    _, _, page = notice.open_notice([app], county_officer)
    city_officer.groups.add(Group.objects.get(name="市局工作人员"))
    client.force_login(city_officer)
    response = client.get(f"/admin/pages/{page.pk}/edit/")
    assert response.status_code == 200
    assert app.business.name in response.content.decode()


def test_a_published_notice_is_in_wagtails_reference_index(county_officer, wagtail_reference_index):
    app = flows.on_notice(county_officer)
    page = NoticePage.objects.get(entries__application=app)
    assert ReferenceIndex.get_references_for_object(page).filter(to_object_id=str(app.pk)).exists()
