"""An assessor signs in, opens the task an officer assigned and scores it."""

import pytest

from certification.models import Assignment
from certification.services import assessment

from .. import flows
from ..factories import AssessorFactory, UserFactory
from .steps import accept_confirmations, follow, sign_in

pytestmark = pytest.mark.browser


def test_an_assessor_scores_an_assigned_application(desktop, site, audit, county_officer):
    app = flows.accepted(county_officer)
    assessor = AssessorFactory(user=UserFactory(username="pingshen"))
    assessment.assign(app, [assessor], county_officer)
    page = desktop
    accept_confirmations(page)

    sign_in(page, site.url, "pingshen")
    page.goto(site.url + "/assess/")
    audit.check(page)
    follow(page, page.get_by_role("link", name=app.business.name).first)
    audit.check(page)
    for points in page.locator("main input[type=number][name^=points_]").all():
        points.fill(points.get_attribute("max"))
    follow(page, page.get_by_role("button", name="提交评分"))
    audit.check(page)

    assert Assignment.objects.get(application=app, assessor=assessor).status == "submitted"
    assert not audit.problems, audit.report()
