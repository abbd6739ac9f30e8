"""A county officer takes a scored application through the 公示 to naming, publishing both notices."""

import datetime

import pytest
from django.utils import timezone

from certification.models import Certificate, State

from .. import flows
from .steps import accept_confirmations, follow, sign_in

pytestmark = pytest.mark.browser


def end_the_notice(application):
    """The notice ran its days (the naming waits for its end)."""
    application.refresh_from_db()
    application.notice_starts_on = timezone.localdate() - datetime.timedelta(days=application.round.notice_days + 2)
    application.notice_ends_on = timezone.localdate() - datetime.timedelta(days=2)
    application.save(update_fields=["notice_starts_on", "notice_ends_on"])


def test_a_county_officer_takes_a_scored_application_to_naming(desktop, site, audit, county_officer):
    app = flows.scored(county_officer, [92, 94])
    page = desktop
    accept_confirmations(page)

    sign_in(page, site.url, "zhashui_officer")
    page.goto(site.url + "/staff/")
    audit.check(page)
    follow(page, page.get_by_role("link", name=app.business.name).first)
    audit.check(page)

    page.goto(site.url + "/staff/notice/")
    audit.check(page)
    page.get_by_label(f"选择 {app.business.name}").check()
    follow(page, page.locator("main form[method=post] button[type=submit]").first)
    audit.check(page)
    follow(page, page.locator("main form[method=post] button[type=submit]").first)
    audit.check(page)
    follow(page, page.get_by_role("link", name="查看").first)
    audit.check(page, "the 公示 notice")
    assert app.business.name in page.locator("main").inner_text()

    end_the_notice(app)
    page.goto(site.url + "/staff/naming/")
    audit.check(page)
    page.get_by_label(f"选择 {app.business.name}").check()
    follow(page, page.locator("main form[method=post] button[type=submit]").first)
    audit.check(page)
    follow(page, page.locator("main form[method=post] button[type=submit]").first)
    audit.check(page)
    follow(page, page.get_by_role("link", name="查看").first)
    audit.check(page, "the naming announcement")

    app.refresh_from_db()
    assert app.state == State.NAMED and Certificate.objects.filter(application=app).exists()
    assert not audit.problems, audit.report()
