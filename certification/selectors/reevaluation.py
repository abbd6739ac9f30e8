"""Read queries of the yearly re-evaluation (年度复核) and of rectifications."""

from django.db.models import Count, Q
from django.shortcuts import get_object_or_404

from .. import permissions
from ..criteria import live_criteria
from ..models import Application, Campaign, CampaignUnit, Complaint, Inspection, Rectification, Region, State


def titles_to_reevaluate(today):
    """Every title in force today, with its county (a campaign asks each of them)."""
    return Application.objects.holding_title(today).select_related("business__region").order_by("pk")


def units_with_substantiated_complaints(applications):
    """Ids of the applications whose unit had a substantiated complaint since it was named (a complaint
    about a title belongs to the application that holds it, so any substantiated one counts): one query."""
    ids = [a.pk for a in applications] if not hasattr(applications, "values") else applications.values("pk")
    return set(
        Complaint.objects.substantiated().filter(application__in=ids).values_list("application_id", flat=True)
        .distinct()
    )


def criteria_of(application):
    """The criteria the unit was named under (its snapshot), else the live ones."""
    return application.criteria.as_criteria() if application.criteria_id else live_criteria()


def units_of(campaign):
    return campaign.units.select_related("application__business__region", "application__business__industry",
                                         "application__certificate")


# --- staff ---------------------------------------------------------------------------------------------


def campaigns():
    return Campaign.objects.annotate(
        unit_count=Count("units"), decided=Count("units", filter=~Q(units__outcome="")),
    ).order_by("-year")


def campaign_or_404(pk):
    return get_object_or_404(Campaign, pk=pk)


def units_for(user, campaign):
    """The campaign's units an officer may see (their county; the city: all)."""
    return units_of(campaign).filter(permissions.campaign_unit_scope(user))


def unit_or_404(user, pk):
    return get_object_or_404(
        CampaignUnit.objects.filter(permissions.campaign_unit_scope(user)).select_related(
            "campaign", "application__business__region", "application__business__industry",
            "application__certificate", "application__criteria",
        ),
        pk=pk,
    )


def progress(user, campaign):
    """Per county (in the user's scope): units, filed, sampled, inspected, decided."""
    rows = (
        units_for(user, campaign).order_by().values("application__business__region")
        .annotate(
            units=Count("id"),
            filed=Count("id", filter=Q(filed_at__isnull=False)),
            sampled=Count("id", filter=~Q(sampled="")),
            inspected=Count("id", filter=Q(inspections__status=Inspection.Status.SUBMITTED), distinct=True),
            decided=Count("id", filter=~Q(outcome="")),
        )
    )
    by_region = {row["application__business__region"]: row for row in rows}
    counties = Region.objects.filter(pk__in=by_region).order_by("code")
    table = [{"county": county, **by_region[county.pk]} for county in counties]
    totals = {key: sum(row[key] for row in table) for key in ("units", "filed", "sampled", "inspected", "decided")}
    totals["pending"] = totals["units"] - totals["decided"]
    return table, totals


def inspections_of(unit):
    return unit.inspections.select_related("assessor__user", "assessor__home_region")


def unit_documents(unit):
    return unit.documents.all()


def rectifications_for(user, open_only=True):
    qs = Rectification.objects.filter(permissions.rectification_scope(user)).select_related(
        "application__business__region", "opened_by"
    )
    return (qs.open() if open_only else qs).order_by("due_on", "pk")


def rectification_documents(rectification):
    return rectification.documents.all()


def rectification_for_application(application):
    return application.open_rectification()


# --- portal --------------------------------------------------------------------------------------------


def portal_tasks(user):
    """The business's open self-checks and open rectifications (for its dashboard)."""
    business = permissions.business_of(user)
    if business is None:
        return {"self_checks": [], "rectifications": []}
    self_checks = (
        CampaignUnit.objects.filter(application__business=business, campaign__closed_on__isnull=True, outcome="")
        .select_related("campaign", "application")
    )
    open_rectifications = Rectification.objects.open().filter(application__business=business).select_related(
        "application"
    )
    return {"self_checks": list(self_checks), "rectifications": list(open_rectifications)}


def own_unit_or_404(user, pk):
    return get_object_or_404(
        CampaignUnit.objects.filter(permissions.campaign_unit_scope(user)).select_related(
            "campaign", "application__business", "application__criteria"
        ),
        pk=pk, application__business=permissions.business_of(user),
    )


def own_rectification_or_404(user, pk):
    return get_object_or_404(
        Rectification.objects.filter(permissions.rectification_scope(user)).select_related(
            "application__business"
        ),
        pk=pk, application__business=permissions.business_of(user),
    )


# --- the daily jobs ------------------------------------------------------------------------------------


def unfiled_units_to_remind(today):
    return CampaignUnit.objects.filter(
        campaign__closed_on__isnull=True, campaign__self_check_due_on__lt=today, filed_at__isnull=True,
        reminded_on__isnull=True, outcome="", application__state__in=[State.NAMED, State.UNDER_REVIEW],
    ).select_related("campaign", "application__business__owner")


def unfiled_units_to_review(today):
    """Not filed, reminded, and the grace period over: still named (not already under review)."""
    units = CampaignUnit.objects.filter(
        campaign__closed_on__isnull=True, filed_at__isnull=True, reminded_on__isnull=False, outcome="",
        application__state=State.NAMED,
    ).select_related("campaign", "application")
    return [unit for unit in units if unit.campaign.review_due_on() <= today]
