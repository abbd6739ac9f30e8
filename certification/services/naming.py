"""Naming (命名) within quotas, revoking titles, and letting them expire."""

from django.db import transaction
from django.utils import timezone

from ..models import Application, Level, State
from . import announcements, workflow


def naming_candidates(user):
    """Applications on notice in the user's scope that the user may name now."""
    apps = (
        Application.objects.visible_to(user).ready_to_name()
        .select_related("business__region", "business__industry", "round")
        .order_by("level", "business__region__code", "business__name")
    )
    may_name = Application.name_unit._django_fsm.has_transition_perm
    return [app for app in apps if may_name(app, app.state, user)]


def quota_use(applications):
    """[(round, level label, named so far, quota)] for the rounds and levels of `applications`."""
    pairs = sorted({(app.round, app.level) for app in applications}, key=lambda p: (p[0].year, p[1]))
    return [(r, Level(level).label, r.named_count(level), r.quota(level)) for r, level in pairs]


@transaction.atomic
def name_units(applications, by):
    """Name the applications in one batch, issue their certificates, publish a naming announcement.

    Each naming goes through workflow.perform, which locks the round's row (the quota per level
    holds when officers name at the same moment) and issues the certificate. Returns (named,
    refused, page).
    """
    named, refused = [], []
    for app in applications:
        try:
            with transaction.atomic():
                named.append(workflow.perform(app, "name_unit", by))  # issues the certificate too
        except workflow.WorkflowError as exc:
            refused.append((app, exc.message))
    page = None
    if named:
        first = named[0]
        levels = {app.level for app in named}
        level_text = "市级" if levels == {Level.CITY} else "县区级" if levels == {Level.COUNTY} else ""
        page = announcements.publish(
            title=f"关于命名{first.round.year}年度{level_text}放心消费示范单位的公告（{timezone.localdate():%Y年%-m月%-d日}）",
            kind="naming", round=first.round, applications=named, by=by,
            body="<p>经申报、评审和社会公示，下列单位被命名为放心消费示范单位，颁发证书和牌匾。"
                 "示范单位实行动态管理，消费者可通过单位页面或 12315 反映问题。</p>",
        )
    return named, refused, page


def expire_due(today=None):
    """Move named units whose certificate validity is over to `expired`. Returns how many."""
    today = today or timezone.localdate()
    due = Application.objects.filter(state=State.NAMED, certificate__valid_until__lt=today)
    count = 0
    for app in due:
        try:
            workflow.perform(app, "expire", None, comment="证书有效期届满。", system=True)
            count += 1
        except workflow.WorkflowError:
            continue  # already moved by someone else
    return count

