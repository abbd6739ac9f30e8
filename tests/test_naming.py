"""Naming (命名): guards, levels, quotas, the announcement and the certificate."""

import pytest
from django.utils import timezone

from certification.models import Certificate, Level, State
from certification.services import naming, notice, workflow
from cms.models import NoticePage

from . import flows
from .factories import RoundFactory

pytestmark = pytest.mark.django_db


def test_a_candidate_cannot_be_named_during_the_notice(county_officer):
    app = flows.on_notice(county_officer)
    with pytest.raises(workflow.TransitionConflict, match="公示期尚未结束"):
        workflow.perform(app, "name_unit", county_officer)


def test_a_candidate_with_an_open_objection_cannot_be_named(county_officer):
    app = flows.on_notice(county_officer)
    notice.submit_objection(app.pk, "李群众", "13800000000", "多收费")
    app.notice_ends_on = app.notice_starts_on = app.notice_starts_on.replace(year=app.notice_starts_on.year - 1)
    app.save()
    with pytest.raises(workflow.TransitionConflict, match="异议"):
        workflow.perform(app, "name_unit", county_officer)


def test_after_the_notice_the_county_officer_names_a_county_level_unit(county_officer):
    app = flows.on_notice(county_officer, days_ago=9)
    named, refused, _ = naming.name_units([app], county_officer)
    assert named[0].state == State.NAMED and refused == []


def test_naming_issues_a_certificate_numbered_per_round_and_level(county_officer):
    app = flows.on_notice(county_officer, days_ago=9)
    naming.name_units([app], county_officer)
    certificate = Certificate.objects.get(application=app)
    assert certificate.number == f"商洛放心〔{app.round.year}〕县字第001号"


def test_the_certificate_is_valid_for_the_rounds_validity(county_officer):
    app = flows.on_notice(county_officer, days_ago=9)
    naming.name_units([app], county_officer)
    certificate = Certificate.objects.get(application=app)
    assert certificate.valid_until.year == certificate.issued_on.year + app.round.certificate_validity_years


def test_a_county_officer_cannot_name_a_city_level_unit(county_officer, city_officer):
    app = flows.on_notice(city_officer, totals=(95, 96), level=Level.CITY, days_ago=9)
    with pytest.raises(workflow.TransitionRefused):
        workflow.perform(app, "name_unit", county_officer)


def test_a_city_officer_names_a_city_level_unit(city_officer):
    app = flows.on_notice(city_officer, totals=(95, 96), level=Level.CITY, days_ago=9)
    named, _, _ = naming.name_units([app], city_officer)
    assert named[0].certificate.number.endswith("市字第001号")


def test_an_officer_of_another_county_cannot_name(county_officer, other_county_officer):
    app = flows.on_notice(county_officer, days_ago=9)
    with pytest.raises(workflow.TransitionRefused):
        workflow.perform(app, "name_unit", other_county_officer)


def test_the_quota_per_level_is_never_exceeded(county_officer):
    round_ = RoundFactory(quota_county=2)
    apps = [flows.on_notice(county_officer, days_ago=9, round=round_) for _ in range(3)]
    named, refused, _ = naming.name_units(apps, county_officer)
    assert len(named) == 2
    assert "名额已满" in refused[0][1]


def test_naming_publishes_a_naming_announcement_listing_the_new_units(client, county_officer):
    app = flows.on_notice(county_officer, days_ago=9)
    _, _, page = naming.name_units([app], county_officer)
    assert page.kind == NoticePage.Kind.NAMING
    assert app.business.name in client.get(page.url).content.decode()


def test_the_naming_batch_page_lists_only_nameable_candidates(client, county_officer):
    ready = flows.on_notice(county_officer, days_ago=9)
    waiting = flows.on_notice(county_officer)
    client.force_login(county_officer)
    ids = [a.pk for a in client.get("/staff/naming/").context["candidates"]]
    assert ids == [ready.pk]
    assert waiting.pk not in ids


def test_choosing_units_on_the_naming_page_asks_to_confirm_and_names_nothing_yet(client, county_officer):
    app = flows.on_notice(county_officer, days_ago=9)
    client.force_login(county_officer)
    response = client.post("/staff/naming/", {"application": [app.pk]})
    app.refresh_from_db()
    assert response.templates[0].name == "staff/batch_confirm.html"
    assert app.state == State.IN_NOTICE


def test_the_confirmation_lists_the_certificate_numbers_and_the_quota_left(client, county_officer):
    round_ = RoundFactory(quota_county=5)
    apps = [flows.on_notice(county_officer, days_ago=9, round=round_) for _ in range(2)]
    client.force_login(county_officer)
    html = client.post("/staff/naming/", {"application": [a.pk for a in apps]}).content.decode()
    assert f"商洛放心〔{round_.year}〕县字第001号 至 商洛放心〔{round_.year}〕县字第002号" in html
    assert "本次命名 2 个，之后剩余 3 个" in html


def test_the_confirmation_warns_when_the_choice_exceeds_the_quota(client, county_officer):
    round_ = RoundFactory(quota_county=1)
    apps = [flows.on_notice(county_officer, days_ago=9, round=round_) for _ in range(2)]
    client.force_login(county_officer)
    html = client.post("/staff/naming/", {"application": [a.pk for a in apps]}).content.decode()
    assert "超出名额 1 个" in html


def test_confirming_on_the_naming_page_names_the_chosen_units(client, county_officer):
    app = flows.on_notice(county_officer, days_ago=9)
    client.force_login(county_officer)
    client.post("/staff/naming/", {"application": [app.pk], "confirm": "1"})
    app.refresh_from_db()
    assert app.state == State.NAMED


def test_after_naming_the_page_links_the_announcement_it_published(client, county_officer):
    app = flows.on_notice(county_officer, days_ago=9)
    client.force_login(county_officer)
    response = client.post("/staff/naming/", {"application": [app.pk], "confirm": "1"}, follow=True)
    page = NoticePage.objects.get(kind=NoticePage.Kind.NAMING, entries__application=app)
    assert f'href="{page.url}"' in response.content.decode()


def test_the_name_button_on_the_staff_page_leads_to_the_confirmation(client, county_officer):
    app = flows.on_notice(county_officer, days_ago=9)
    client.force_login(county_officer)
    response = client.post(f"/staff/applications/{app.pk}/transitions/name_unit/", follow=True)
    app.refresh_from_db()
    assert response.redirect_chain[0][0] == f"/staff/naming/?application={app.pk}"
    assert response.templates[0].name == "staff/batch_confirm.html"
    assert app.state == State.IN_NOTICE


def test_a_city_officer_cannot_name_a_county_level_unit(client, county_officer, city_officer):
    app = flows.on_notice(county_officer, days_ago=9)
    client.force_login(city_officer)
    assert client.post(f"/staff/applications/{app.pk}/transitions/name_unit/").status_code == 403
    client.post("/staff/naming/", {"application": [app.pk], "confirm": "1"})
    app.refresh_from_db()
    assert app.state == State.IN_NOTICE


def test_revoking_records_the_reason_on_the_certificate(county_officer):
    app = flows.on_notice(county_officer, days_ago=9)
    naming.name_units([app], county_officer)
    workflow.perform(app, "revoke", county_officer, comment="发生重大消费投诉并经查实")
    certificate = Certificate.objects.get(application=app)
    assert certificate.status() == Certificate.Status.REVOKED
    assert certificate.revoked_reason == "发生重大消费投诉并经查实"


def test_a_county_officer_cannot_revoke_a_city_level_unit(county_officer, city_officer):
    app = flows.on_notice(city_officer, totals=(95, 96), level=Level.CITY, days_ago=9)
    naming.name_units([app], city_officer)
    with pytest.raises(workflow.TransitionRefused):
        workflow.perform(app, "revoke", county_officer, comment="理由")


def test_a_county_officer_cannot_revoke_another_countys_unit(county_officer, other_county_officer):
    app = flows.on_notice(county_officer, days_ago=9)
    naming.name_units([app], county_officer)
    with pytest.raises(workflow.TransitionRefused):
        workflow.perform(app, "revoke", other_county_officer, comment="理由")


def test_the_city_cannot_revoke_a_county_level_unit_it_did_not_name(county_officer, city_officer):
    app = flows.on_notice(county_officer, days_ago=9)
    naming.name_units([app], county_officer)
    with pytest.raises(workflow.TransitionRefused):
        workflow.perform(app, "revoke", city_officer, comment="理由")


def test_the_city_revokes_a_city_level_unit(city_officer):
    app = flows.on_notice(city_officer, totals=(95, 96), level=Level.CITY, days_ago=9)
    naming.name_units([app], city_officer)
    assert workflow.perform(app, "revoke", city_officer, comment="经查实存在价格欺诈").state == State.REVOKED


def test_titles_whose_validity_is_over_expire(county_officer):
    app = flows.on_notice(county_officer, days_ago=9)
    naming.name_units([app], county_officer)
    Certificate.objects.filter(application=app).update(valid_until=app.notice_starts_on)
    assert naming.expire_due() == 1
    app.refresh_from_db()
    assert app.state == State.EXPIRED


def test_a_title_under_review_whose_validity_is_over_expires(county_officer):
    app = flows.on_notice(county_officer, days_ago=9)
    naming.name_units([app], county_officer)
    workflow.perform(app, "open_review", county_officer, comment="群众投诉较多，启动复核")
    Certificate.objects.filter(application=app).update(valid_until=app.notice_starts_on)
    assert naming.expire_due() == 1
    app.refresh_from_db()
    assert app.state == State.EXPIRED


def test_the_expire_titles_command_expires_due_titles(county_officer):
    import io

    from django.core.management import call_command

    app = flows.on_notice(county_officer, days_ago=9)
    naming.name_units([app], county_officer)
    Certificate.objects.filter(application=app).update(valid_until=app.notice_starts_on)
    out = io.StringIO()
    call_command("expire_titles", stdout=out)
    assert out.getvalue().startswith("1 ")


def test_naming_through_the_workflow_alone_issues_the_certificate(county_officer):
    app = flows.on_notice(county_officer, days_ago=9)
    workflow.perform(app, "name_unit", county_officer)
    assert Certificate.objects.filter(application=app).exists()


def test_revoking_through_the_workflow_alone_marks_the_certificate(county_officer):
    app = flows.on_notice(county_officer, days_ago=9)
    workflow.perform(app, "name_unit", county_officer)
    workflow.perform(app, "revoke", county_officer, comment="经查实存在价格欺诈")
    assert Certificate.objects.get(application=app).status() == Certificate.Status.REVOKED


def test_the_revoke_button_on_the_staff_page_revokes_with_the_reason(client, county_officer):
    app = flows.on_notice(county_officer, days_ago=9)
    naming.name_units([app], county_officer)
    client.force_login(county_officer)
    client.post(f"/staff/applications/{app.pk}/transitions/revoke/", {"comment": "经查实存在价格欺诈"})
    assert Certificate.objects.get(application=app).revoked_reason == "经查实存在价格欺诈"


def test_the_notice_button_on_the_staff_page_publishes_a_notice_page(client, county_officer):
    app = flows.scored(county_officer, [90, 92])
    client.force_login(county_officer)
    client.post(f"/staff/applications/{app.pk}/transitions/open_notice/", follow=True)
    client.post("/staff/notice/", {"application": [app.pk], "confirm": "1"})
    assert NoticePage.objects.filter(kind=NoticePage.Kind.PUBLIC_NOTICE, entries__application=app).exists()


def test_the_naming_batch_page_needs_the_same_queries_for_3_or_12_candidates(
    client, county_officer, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(county_officer)
    for _ in range(3):
        flows.on_notice(county_officer, days_ago=9)
    with CaptureQueriesContext(connection) as few:
        client.get("/staff/naming/")
    for _ in range(9):
        flows.on_notice(county_officer, days_ago=9)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get("/staff/naming/")


def test_the_daily_command_expires_due_titles_once(county_officer):
    import io

    from django.core.management import call_command

    app = flows.on_notice(county_officer, days_ago=9)
    naming.name_units([app], county_officer)
    Certificate.objects.filter(application=app).update(valid_until=app.notice_starts_on)
    first, second = io.StringIO(), io.StringIO()
    call_command("daily", stdout=first)
    call_command("daily", stdout=second)
    assert first.getvalue().startswith("1 ") and second.getvalue().startswith("0 ")


def test_the_daily_command_does_not_run_a_day_still_to_come():
    import datetime
    import io

    from django.core.management import CommandError, call_command

    tomorrow = (timezone.localdate() + datetime.timedelta(days=1)).isoformat()
    with pytest.raises(CommandError, match="尚未到来"):
        call_command("daily", "--date", tomorrow, stdout=io.StringIO())
