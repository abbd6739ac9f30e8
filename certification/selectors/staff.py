"""Read queries of the staff area: the work list, an application's file, the batch pages, reports.

Every query starts from a scope in permissions.py, so an officer only ever reads their county (the
city: every county).
"""

import datetime

from django.db.models import Count
from django.shortcuts import get_object_or_404
from django.utils import timezone

from cms.models import NoticePage

from .. import permissions, rules
from ..models import Application, Certificate, Level, Objection, State
from ..models.certificates import certificate_number


def applications_for(user):
    """The applications `user` may open, with what lists and pages show."""
    return Application.objects.filter(permissions.application_scope(user)).select_related(
        "business__region", "business__industry", "round"
    )


def application_or_404(user, pk):
    return get_object_or_404(applications_for(user).select_related("criteria"), pk=pk)


def state_counts(applications):
    """{state: n} for an application queryset, plus 'all'."""
    rows = applications.order_by().values("state").annotate(n=Count("id"))
    counts = {row["state"]: row["n"] for row in rows}
    counts["all"] = sum(counts.values())
    return counts


def application_file(application):
    """What an application's page shows beside the application itself (read once, in a few queries)."""
    return {
        "timeline": application.transitions.select_related("actor"),
        "documents": application.documents.all(),
        "assignments": application.assignments.select_related("assessor__user", "assessor__home_region"),
        "objections": application.objections.select_related("resolved_by"),
        "rectification": application.open_rectification(),
        "published_notice": published_notice_of(application) if application.notice_starts_on else None,
    }


# --- the batch pages ----------------------------------------------------------------------------------


def notice_candidates(user):
    """Assessed applications in the user's scope that pass and that the user may put on notice now."""
    apps = (
        applications_for(user).filter(state=State.ASSESSED)
        .order_by("business__region__code", "business__name")
    )
    return [app for app in apps if app.allowed("open_notice", user)[0]]


def naming_candidates(user):
    """Applications on notice in the user's scope that the user may name now."""
    apps = applications_for(user).ready_to_name().order_by("level", "business__region__code", "business__name")
    may_name = Application.transition_meta("name_unit").has_transition_perm
    return [app for app in apps if may_name(app, app.state, user)]


def waiting_for_notice(user, candidates):
    """[(application, [reasons])] of the applications in the user's scope that are being assessed or are
    assessed but not offered for notice: the reasons are the open_notice transition's unmet conditions
    (models/workflow.py), told with the application's own figures."""
    offered = {app.pk for app in candidates}
    apps = (
        applications_for(user).filter(state__in=(State.UNDER_ASSESSMENT, State.ASSESSED)).exclude(pk__in=offered)
        .select_related("round", "business__region").order_by("business__region__code", "business__name")
    )
    return [(app, _why_not_on_notice(app, user)) for app in apps]


def _why_not_on_notice(app, user):
    if app.state == State.UNDER_ASSESSMENT:
        submitted, needed = app.scores_in()
        return [f"{rules.all_scores_in.message[:-1]}（已交 {submitted} / {needed} 份）。"]
    reasons = [_score_verdict(app) if message == rules.passed.message else message
               for message in app.unmet_conditions("open_notice")]
    return reasons or [app.allowed("open_notice", user)[1]]


def _score_verdict(app):
    if app.has_veto:
        return "评审员认定存在一票否决项，不能公示；请作“评审不通过”处理。"
    mark = _points(app.round.pass_mark(app.level))
    verdict = f"得分 {app.final_score}，未达到{app.get_level_display()}合格分（{mark}）"
    if app.level == Level.CITY and app.result_passes(Level.COUNTY):
        county = _points(app.round.pass_mark(Level.COUNTY))
        return f"{verdict}，但达到县区级合格分（{county}）：可在申报页“按县区级推荐”后公示。"
    return f"{verdict}：请作“评审不通过”处理。"


def _points(value):
    """90.00 → "90", 82.50 → "82.5"."""
    return format(value.normalize(), "f")


def waiting_for_naming(user, candidates):
    """[(application, [reasons])] of the applications on notice in the user's scope that cannot be named now:
    the name_unit transition's unmet conditions, with the notice's end date and the open objections."""
    offered = {app.pk for app in candidates}
    apps = (
        applications_for(user).filter(state=State.IN_NOTICE).exclude(pk__in=offered)
        .select_related("round", "business__region").order_by("business__region__code", "business__name")
    )
    waiting = []
    for app in apps:
        reasons = []
        for message in app.unmet_conditions("name_unit"):
            if message == rules.notice_period_over.message and app.notice_ends_on:
                message = f"公示期至 {app.notice_ends_on:%Y-%m-%d} 结束。"
            elif message == rules.no_open_objection.message:
                message = f"有 {app.objections.filter(status=Objection.Status.OPEN).count()} 件公示异议尚未处理。"
            reasons.append(message)
        waiting.append((app, reasons or [app.allowed("name_unit", user)[1]]))
    return waiting


def published_notice_of(application):
    """The live public notice (公示) that lists the application, to link from its page."""
    return (
        NoticePage.objects.live().filter(entries__application=application, kind=NoticePage.Kind.PUBLIC_NOTICE)
        .order_by("-date", "-pk").first()
    )


def quota_use(applications):
    """[(round, level label, named so far, quota)] for the rounds and levels of `applications`."""
    pairs = sorted({(app.round, app.level) for app in applications}, key=lambda p: (p[0].year, p[1]))
    return [(r, Level(level).label, r.named_count(level), r.quota(level)) for r, level in pairs]


def chosen(candidates, ids):
    """The candidates whose ids were chosen (ids as posted: strings), in the candidates' order."""
    wanted = {str(i) for i in ids}
    return [app for app in candidates if str(app.pk) in wanted]


def naming_preview(applications):
    """What naming `applications` will do, per round and level: the quota before and after, and the
    certificate numbers to be issued (the next serials; the quota stops the batch where it runs out)."""
    groups = {}
    for app in applications:
        groups.setdefault((app.round, app.level), []).append(app)
    rows = []
    for (round_, level), apps in sorted(groups.items(), key=lambda item: (item[0][0].year, item[0][1])):
        used, quota = round_.named_count(level), round_.quota(level)
        issued = min(len(apps), max(quota - used, 0))
        first = Certificate.objects.next_serial(round_, level)
        rows.append({
            "round": round_, "level": Level(level).label, "selected": len(apps), "named": used, "quota": quota,
            "issued": issued, "left_after": max(quota - used - issued, 0), "over_quota": len(apps) - issued,
            "first_number": certificate_number(round_.year, level, first) if issued else "",
            "last_number": certificate_number(round_.year, level, first + issued - 1) if issued else "",
        })
    return rows


def notice_preview(applications):
    """The notice period the chosen candidates would get if put on notice today."""
    today = timezone.localdate()
    days = max((app.round.notice_days for app in applications), default=0)
    return {"starts_on": today, "ends_on": today + datetime.timedelta(days=days - 1) if days else None}


def published_page_or_none(pk):
    """A notice page the batch just published, to link it on the batch page."""
    try:
        return NoticePage.objects.live().filter(pk=int(pk)).first()
    except (TypeError, ValueError):
        return None


# --- objections ----------------------------------------------------------------


def objection_or_404(user, pk):
    return get_object_or_404(Objection.objects.filter(permissions.objection_scope(user)), pk=pk)
