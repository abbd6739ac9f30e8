"""What the renewal and reminder tests share: a unit's title from an earlier round, and taking its
renewal through the real services to naming."""

import datetime

from django.utils import timezone

from certification.criteria import live_criteria
from certification.models import Document
from certification.services import assessment, naming, notice, renewals, workflow

from . import flows
from .factories import (
    ApplicationFactory,
    CertificateFactory,
    DocumentFactory,
    RoundFactory,
    full_self_assessment,
)


def earlier_round():
    year = timezone.localdate().year - 2
    return RoundFactory(year=year, application_opens=datetime.date(year, 1, 1),
                        application_closes=datetime.date(year, 12, 31))


def title(business, days_left=45, level="county", **application):
    """`business`'s title from a round two years ago: named, its certificate ending in `days_left`
    days, with a full self-assessment and a licence and a commitment letter."""
    today = timezone.localdate()
    application.setdefault("self_assessment", full_self_assessment(live_criteria()))
    app = ApplicationFactory(
        business=business, round=earlier_round(), named=True, level_requested=level,
        named_on=today - datetime.timedelta(days=600), **application,
    )
    DocumentFactory(application=app, kind=Document.Kind.LICENCE, original_name="营业执照.pdf")
    DocumentFactory(application=app, kind=Document.Kind.COMMITMENT, original_name="承诺书.pdf")
    CertificateFactory(application=app, issued_on=app.named_on,
                       valid_until=today + datetime.timedelta(days=days_left))
    app.refresh_from_db()
    return app


def current_round():
    return RoundFactory()


def renew(title_, keep="all", round_=None):
    """The unit starts the renewal of its title in the current round, keeping `keep` documents."""
    documents = list(title_.documents.all()) if keep == "all" else list(keep)
    return renewals.start(title_, round_ or current_round(), documents, title_.business.owner)


def named(application, officer):
    """Take a draft through submission, assessment and public notice to naming (by `officer`)."""
    workflow.perform(application, "submit", application.business.owner)
    workflow.perform(application, "accept", officer)
    assessment.assign(application, flows.assessors(2), officer)
    application.refresh_from_db()
    for i, assignment in enumerate(application.assignments.order_by("pk")):
        sheet = flows.score_sheet(application.criteria.as_criteria(), 92, i)
        assessment.save_scores(assignment, sheet, assignment.assessor.user, submit=True)
    notice.open_notice([application], officer)
    application.refresh_from_db()
    start = timezone.localdate() - datetime.timedelta(days=20)
    application.notice_starts_on, application.notice_ends_on = start, start + datetime.timedelta(days=6)
    application.save(update_fields=["notice_starts_on", "notice_ends_on"])
    done, refused, _ = naming.name_units([application], officer)
    assert refused == []
    return done[0]
