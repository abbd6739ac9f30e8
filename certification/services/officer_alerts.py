"""E-mail officers when work arrives: an application submitted, resubmitted or fully scored.

Which transitions bring work is declared on their Step (`tell_officers`, models/workflow.py). Who is told:
the officers of the applying business's county, and the city's officers too for city-level applications.
Each officer chooses (Officer.notice_preference) between a message per event, sent in the transaction of
the transition, and one daily digest (`manage.py daily`) of everything since the last one. Everything goes
through the outbox (notifications.tell).
"""

import datetime

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from ..models import Application, Level, Officer, TransitionLog
from . import notifications


def _officers_told_about(application):
    q = Q(region=application.business.region_id)
    if application.level == Level.CITY:
        q |= Q(region__level="city")
    return Officer.objects.filter(q).exclude(user__email="").exclude(user__is_active=False)


def _alerting_transitions():
    return {name: step.tell_officers for name, step in Application.steps().items() if step.tell_officers}


def _line(log, what):
    app = log.application
    return (f"· {app.business.name}（{app.business.region.name}，{app.get_level_display()}）：{what}\n"
            f"  {notifications.site_url(reverse('staff:application', args=[app.pk]))}")


def transition_made(application, log, step):
    """Per event: tell the officers who asked for it, now (queued in the caller's transaction)."""
    emails = list(
        _officers_told_about(application).filter(notice_preference=Officer.Notices.EACH)
        .values_list("user__email", flat=True)
    )
    if not emails:
        return
    notifications.tell(
        emails, f"【商洛放心消费】{step.tell_officers}：{application.business.name}",
        f"您好！\n\n{_line(log, step.tell_officers)}\n\n"
        f"可在工作台设置改为每日汇总一封：{notifications.site_url(reverse('staff:preferences'))}\n"
        "商洛市放心消费示范单位创建活动",
    )


def set_preference(officer, preference):
    """The officer's choice; switching to the digest starts it from now, not from a week back."""
    officer.notice_preference = preference
    if preference == Officer.Notices.DAILY and officer.digest_sent_up_to is None:
        officer.digest_sent_up_to = timezone.now()
    officer.save(update_fields=["notice_preference", "digest_sent_up_to"])


def _logs_for(officer, since, until):
    alerting = _alerting_transitions()
    logs = TransitionLog.objects.filter(transition__in=alerting, created_at__gt=since, created_at__lte=until)
    if not officer.is_city:
        logs = logs.filter(application__business__region=officer.region_id)
    else:
        logs = logs.filter(Q(application__business__region=officer.region_id) | Q(application__level=Level.CITY))
    return logs.select_related("application__business__region").order_by("created_at", "id"), alerting


def send_digests(today):
    """One message per officer who chose the digest, with what arrived since their last one (at most a
    week back the first time). Idempotent: a second run sends nothing new. Returns how many were sent."""
    now = timezone.now()
    sent = 0
    for officer in Officer.objects.filter(notice_preference=Officer.Notices.DAILY).exclude(user__email="") \
            .exclude(user__is_active=False).select_related("user", "region"):
        since = officer.digest_sent_up_to or now - datetime.timedelta(days=7)
        logs, alerting = _logs_for(officer, since, now)
        logs = list(logs)
        if logs:
            lines = "\n".join(_line(log, alerting[log.transition]) for log in logs)
            notifications.tell(
                [officer.user.email], f"【商洛放心消费】{today:%Y年%-m月%-d日}新工作汇总：{len(logs)} 件",
                f"您好！自上次汇总以来有 {len(logs)} 件新工作：\n\n{lines}\n\n"
                f"工作台：{notifications.site_url(reverse('staff:worklist'))}\n商洛市放心消费示范单位创建活动",
            )
            sent += 1
        officer.digest_sent_up_to = now
        officer.save(update_fields=["digest_sent_up_to"])
    return sent
