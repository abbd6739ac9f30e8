"""Drive applications through the real services to the state a test needs."""

import datetime
from decimal import Decimal

from django.utils import timezone

from certification.models import Level
from certification.services import assessment, notice, workflow

from .factories import ApplicationFactory, AssessorFactory, BusinessFactory, UserFactory


def score_sheet(criteria, total, seed=0):
    """An assessor's sheet totalling `total` out of 100: every indicator at its maximum, then points taken
    off scored indicators (1.5 at most each, starting at one chosen by `seed`), each with a comment."""
    sheet = {i["code"]: {"points": i["max_points"], "comment": "", "veto": False} for i in criteria.indicators()}
    scored_codes = [i["code"] for i in criteria.indicators() if i["max_points"]]
    left = Decimal(100) - Decimal(total)
    n = 0
    while left > 0:
        entry = sheet[scored_codes[(seed + n * 7) % len(scored_codes)]]
        step = min(Decimal("1.5"), left, Decimal(str(entry["points"])))
        if step > 0:
            entry["points"] = float(Decimal(str(entry["points"])) - step)
            entry["comment"] = "现场核查发现部分台账记录不完整。"
            left -= step
        n += 1
    return sheet


def accepted(officer, level=Level.COUNTY, business=None, round=None):
    """Submitted by its owner and accepted by `officer`."""
    if business is None:
        business = BusinessFactory(owner=UserFactory())
    extra = {"round": round} if round else {}
    app = ApplicationFactory(business=business, complete=True, documents=True, level_requested=level, **extra)
    workflow.perform(app, "submit", business.owner)
    return workflow.perform(app, "accept", officer)


def assessors(count=2):
    return [AssessorFactory() for _ in range(count)]


def scored(officer, totals, level=Level.COUNTY, veto=False, **kwargs):
    """Accepted, assigned to len(totals) assessors, each submitting a sheet with that total."""
    app = accepted(officer, level, **kwargs)
    assessment.assign(app, assessors(len(totals)), officer)
    for i, (assignment, total) in enumerate(zip(app.assignments.order_by("pk"), totals, strict=True)):
        sheet = score_sheet(app.criteria.as_criteria(), total, i)
        if veto and i == 0:
            sheet["A9"] = {"points": 0, "comment": "2019年发生火灾事故", "veto": True}
        assessment.save_scores(assignment, sheet, assignment.assessor.user, submit=True)
    app.refresh_from_db()
    return app


def on_notice(officer, totals=(92, 94), level=Level.COUNTY, days_ago=0, **kwargs):
    """Scored and put on notice `days_ago` days ago (the notice lasts the round's notice days)."""
    app = scored(officer, list(totals), level, **kwargs)
    notice.open_notice([app], officer)
    if days_ago:
        start = timezone.localdate() - datetime.timedelta(days=days_ago)
        app.notice_starts_on = start
        app.notice_ends_on = start + datetime.timedelta(days=app.round.notice_days - 1)
        app.save(update_fields=["notice_starts_on", "notice_ends_on"])
    return app
