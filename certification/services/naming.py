"""Naming (命名) within quotas, and letting titles expire."""

from django.db import transaction
from django.utils import timezone

from ..models import TITLE_STATES, Application, Level, Round, WorkflowError
from . import announcements, workflow


def lock_round(application):
    """Naming counts the level's quota: the round's row lock makes concurrent namings take turns.

    The `before` effect of name_unit, so perform() takes it before the application's row: every path
    locks the round first, then applications (in id order in a batch), and none waits on another."""
    Round.objects.select_for_update().get(pk=application.round_id)


@transaction.atomic
def name_units(applications, by):
    """Name the applications in one batch, issue their certificates, publish a naming announcement.

    Each naming goes through workflow.perform, which issues the certificate. Locks are taken in the
    one order every path uses: the rounds' rows first (the quota per level holds when officers name
    at the same moment), then the applications in id order. Returns (named, refused, page).
    """
    applications = sorted(applications, key=lambda app: app.pk)
    for round_id in sorted({app.round_id for app in applications}):
        Round.objects.select_for_update().get(pk=round_id)
    named, refused = [], []
    for app in applications:
        try:
            with transaction.atomic():
                named.append(workflow.perform(app, "name_unit", by))  # issues the certificate too
        except WorkflowError as exc:
            refused.append((app, exc.message))
    page = None
    if named:
        first = named[0]
        levels = {app.level for app in named}
        level_text = "市级" if levels == {Level.CITY} else "县区级" if levels == {Level.COUNTY} else ""
        issuer, _ = announcements.issuer_of(by)
        page = announcements.publish(
            title=f"{issuer}关于命名{first.round.year}年度{level_text}放心消费示范单位的公告"
                  f"（{timezone.localdate():%Y年%-m月%-d日}）",
            kind="naming", round=first.round, applications=named, by=by,
            body="<p>经申报、评审和社会公示，下列单位被命名为放心消费示范单位，颁发证书和牌匾。"
                 "示范单位实行动态管理，消费者可通过单位页面或 12315 反映问题。</p>",
        )
    return named, refused, page


def expire_due(today=None):
    """Move units holding a title (named or under review) whose certificate validity is over to
    `expired`. Returns how many."""
    today = today or timezone.localdate()
    due = Application.objects.filter(state__in=TITLE_STATES, certificate__valid_until__lt=today)
    count = 0
    for app in due:
        try:
            workflow.perform(app, "expire", None, comment="证书有效期届满。", system=True)
            count += 1
        except WorkflowError:
            continue  # already moved by someone else
    return count

