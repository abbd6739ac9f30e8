"""Read queries that span several models (counts for the home page and the staff work list)."""

from django.db.models import Count

from .models import Application, Certificate, Level, State


def programme_counts():
    in_force = Certificate.objects.in_force()
    by_level = dict(in_force.values_list("level").annotate(n=Count("id")).values_list("level", "n"))
    return {
        "city": by_level.get(Level.CITY, 0),
        "county": by_level.get(Level.COUNTY, 0),
        "total": sum(by_level.values()),
        "candidates": Application.objects.filter(state=State.IN_NOTICE).count(),
    }


def state_counts(applications):
    """{state: n} for an application queryset, plus 'all'."""
    rows = applications.order_by().values("state").annotate(n=Count("id"))
    counts = {row["state"]: row["n"] for row in rows}
    counts["all"] = sum(counts.values())
    return counts
