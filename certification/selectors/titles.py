"""A title as the public sees it: its live status in plain words, and its record since naming.

The unit page, the verification page and the API all read a title's status from `title_status`;
the unit page shows `title_record`, the facts a consumer needs to judge the unit.
"""

from dataclasses import dataclass

from django.shortcuts import get_object_or_404
from django.utils import timezone

from ..models import Application, CampaignUnit, Certificate, Rectification, State, TransitionLog

REVOKED_RELATED = ("business__region", "business__industry", "round", "certificate")


@dataclass(frozen=True)
class TitleStatus:
    code: str  # valid, under_review, under_rectification, revoked, expired, superseded
    label: str  # the headline
    badge: str  # the short form beside a name
    explain: str  # one plain sentence for the public

    @property
    def in_force(self):
        return self.code in ("valid", "under_review", "under_rectification")


def title_status(application, certificate, today=None):
    """The live status of a title (the application holding it and its certificate)."""
    today = today or timezone.localdate()
    cert_status = certificate.status(today)
    if cert_status == Certificate.Status.REVOKED:
        return TitleStatus("revoked", "已撤销", "已撤销", "该单位的放心消费示范单位称号已被撤销。")
    if cert_status == Certificate.Status.SUPERSEDED:
        return TitleStatus("superseded", "已换发新证", "已换发新证", "该证书已由续期后的新证书替换，请以新证书为准。")
    if cert_status == Certificate.Status.EXPIRED or not application.holds_title:
        ended = f"该证书已于{certificate.valid_until:%Y年%-m月%-d日}到期，不再有效。"
        return TitleStatus("expired", "已到期", "已到期", ended)
    if application.state == State.UNDER_RECTIFICATION:
        rectification = application.open_rectification()
        due = f"，整改期限至{rectification.due_on:%Y年%-m月%-d日}" if rectification else ""
        return TitleStatus("under_rectification", "称号有效，正在整改", "称号整改中",
                           f"该单位正在按要求整改{due}；整改期间称号仍然有效，整改不合格的将撤销称号。")
    if application.state == State.UNDER_REVIEW:
        return TitleStatus("under_review", "称号有效，正在复核", "称号复核中",
                           "因群众反映或年度复核，该单位的称号正在复核中，复核期间称号仍然有效。")
    return TitleStatus("valid", "有效", "有效", "该证书真实有效，持证单位是放心消费示范单位。")


@dataclass(frozen=True)
class Event:
    day: object
    text: str
    kind: str = ""


def title_record(application):
    """The unit's record since its first naming, oldest first: namings, reviews, re-evaluation
    outcomes, rectifications and how titles ended. Reads four small queries whatever the history."""
    titles = list(
        Application.objects.filter(business=application.business_id, named_on__isnull=False)
        .select_related("round", "certificate").order_by("named_on", "pk")
    )
    ids = [t.pk for t in titles]
    events = []
    for title in titles:
        certificate = getattr(title, "certificate", None)
        text = f"命名为{title.get_level_display()}放心消费示范单位（{title.round.year}年度）"
        events.append(Event(title.named_on, text + (f"，证书 {certificate.number}" if certificate else ""), "named"))
    logs = TransitionLog.objects.filter(
        application__in=ids, transition__in=["open_review", "revoke", "expire", "supersede"]
    ).order_by("created_at", "pk")
    ended = {"revoke": ("撤销称号：{comment}", "revoked"), "expire": ("证书到期，称号终止", "expired"),
             "supersede": ("续期后换发新证书", "renewed"), "open_review": ("启动复核", "review")}
    for log in logs:
        template, kind = ended[log.transition]
        events.append(Event(timezone.localtime(log.created_at).date(), template.format(comment=log.comment), kind))
    outcomes = CampaignUnit.objects.filter(application__in=ids).exclude(outcome="").select_related("campaign")
    for unit in outcomes:
        if unit.outcome in (CampaignUnit.Outcome.KEPT, CampaignUnit.Outcome.RECTIFICATION):
            events.append(Event(timezone.localtime(unit.decided_at).date(),
                                f"{unit.campaign.year}年度复核：{unit.get_outcome_display()}", unit.outcome))
    for item in Rectification.objects.filter(application__in=ids).order_by("opened_at"):
        events.append(Event(timezone.localtime(item.opened_at).date(),
                            f"责令整改，期限至{item.due_on:%Y年%-m月%-d日}", "rectification"))
        if item.closed_at and item.result == Rectification.Result.KEPT:
            events.append(Event(timezone.localtime(item.closed_at).date(), "整改合格，保留称号", "kept"))
    return sorted(events, key=lambda e: e.day)


def revoked_titles():
    """Titles revoked, newest first: unit, level, date, the published reason, the body that revoked."""
    return (
        Application.objects.filter(state=State.REVOKED, certificate__revoked_on__isnull=False)
        .select_related(*REVOKED_RELATED).order_by("-certificate__revoked_on", "-pk")
    )


def revoked_or_404(pk):
    return get_object_or_404(revoked_titles(), pk=pk)
