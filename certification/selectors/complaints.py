"""Read queries of complaints: the officers' desk (scoped by permissions.complaint_scope) and the public
figures (counts only: never a complainant's name or phone)."""

import datetime

from django.db.models import Count, Q, Sum
from django.db.models.functions import ExtractYear
from django.shortcuts import get_object_or_404
from django.utils import timezone

from .. import permissions
from ..models import Application, Complaint, ComplaintEvidence, ComplaintState, Industry, Region
from ..models.complaints import ComplaintImport

# --- the officers' desk -------------------------------------------------------------------------------


def complaints_for(user):
    return (Complaint.objects.filter(permissions.complaint_scope(user))
            .select_related("application__business__region").order_by("-received_at", "-pk"))


def complaint_or_404(user, pk):
    return get_object_or_404(
        complaints_for(user).select_related("application__criteria", "review"), pk=pk
    )


def log_of(complaint):
    return complaint.log.select_related("actor")


def evidence_of(complaint):
    return complaint.evidence.all()


def evidence_or_404(user, pk):
    return get_object_or_404(ComplaintEvidence.objects.filter(permissions.complaint_evidence_scope(user)), pk=pk)


def overdue_for(user, today=None):
    return complaints_for(user).overdue(today or timezone.localdate())


def desk_counts(user, today=None):
    """Open and overdue cases in the user's scope (the work list's flag): one query."""
    today = today or timezone.localdate()
    overdue = Q(state=ComplaintState.RECEIVED, contact_due_on__lt=today) | Q(close_due_on__lt=today)
    return Complaint.objects.filter(permissions.complaint_scope(user)).open().aggregate(
        open=Count("id"), overdue=Count("id", filter=overdue),
    )


def complaints_of_application(user, application):
    """The complaints about this unit the user may see (staff application page)."""
    return complaints_for(user).filter(application=application)


def units_for_entry(user):
    """Units an officer may enter a hotline / walk-in case for: titles in force in their scope."""
    return (Application.objects.holding_title().filter(permissions.application_scope(user))
            .select_related("business").order_by("business__name_pinyin"))


# --- the 12315 import ---------------------------------------------------------------------------------


def units_for_import(usccs, names):
    """({uscc: application}, {name: [applications]}) of the units in force with these codes or exact names
    (a business's latest title when it holds more than one): two queries."""
    usccs = {u.strip().upper() for u in usccs if u and u.strip()}
    names = {" ".join(n.split()) for n in names if n and n.strip()}
    in_force = Application.objects.holding_title().select_related("business__region").order_by("named_on", "pk")
    by_uscc = {a.business.uscc: a for a in in_force.filter(business__uscc__in=usccs)}
    by_name = {}
    for app in in_force.filter(business__name__in=names):
        by_name.setdefault(app.business.name, {})[app.business_id] = app
    return by_uscc, {name: list(apps.values()) for name, apps in by_name.items()}


def imported_external_ids(external_ids):
    ids = {e for e in external_ids if e}
    return set(Complaint.objects.filter(external_id__in=ids).values_list("external_id", flat=True))


def applications_by_ids(ids):
    return Application.objects.filter(pk__in=set(ids)).select_related("business__region")


def imports_for(user):
    return ComplaintImport.objects.filter(permissions.import_scope(user)).select_related("imported_by")


def import_or_404(user, pk):
    return get_object_or_404(imports_for(user), pk=pk)


# --- public figures -----------------------------------------------------------------------------------


def substantiated_by_year(application, years=3, today=None):
    """[(year, count)] of the unit's substantiated complaints, for the last `years` years (oldest first)."""
    today = today or timezone.localdate()
    first = today.year - years + 1
    rows = dict(
        Complaint.objects.substantiated().filter(application__business_id=application.business_id,
                                                 archived_at__date__gte=datetime.date(first, 1, 1))
        .annotate(year=ExtractYear("archived_at")).order_by().values("year").annotate(n=Count("id"))
        .values_list("year", "n")
    )
    return [(year, rows.get(year, 0)) for year in range(first, today.year + 1)]


def complaint_counts_by_application(application_ids):
    """{application id: (received, substantiated)} for the open-data files: one query."""
    rows = (
        Complaint.objects.filter(application_id__in=application_ids).order_by().values("application_id")
        .annotate(received=Count("id"), substantiated=Count("id", filter=Q(state=ComplaintState.ARCHIVED,
                                                                             substantiated=True)))
    )
    return {row["application_id"]: (row["received"], row["substantiated"]) for row in rows}


def _median(histogram):
    """The median of {value: count} (the mean of the two middle values for an even total), or None."""
    total = sum(histogram.values())
    if not total:
        return None
    middle = [(total - 1) // 2, total // 2]
    found, seen = [], 0
    for value in sorted(histogram):
        count = histogram[value]
        for position in middle:
            if seen <= position < seen + count:
                found.append(value)
        seen += count
    median = sum(found) / len(found)
    return int(median) if median == int(median) else median


class _Tally:
    """Received, closed, money recovered and the days-to-close histogram of one group."""

    __slots__ = ("received", "closed", "recovered", "days")

    def __init__(self):
        self.received, self.closed, self.recovered, self.days = 0, 0, 0, {}

    def add(self, row):
        self.received += row["n"]
        self.recovered += row["recovered"] or 0
        if row["days_to_close"] is not None:
            self.closed += row["n"]
            self.days[row["days_to_close"]] = self.days.get(row["days_to_close"], 0) + row["n"]

    def figures(self):
        return {
            "received": self.received, "closed": self.closed,
            "closed_share": round(100 * self.closed / self.received, 1) if self.received else None,
            "median_days": _median(self.days), "recovered": self.recovered,
        }


def complaint_statistics(counties=None, sectors=None):
    """Complaints received, closed share, median days to close and money recovered — in all and by county,
    sector and year received: one grouped query (rows bounded by counties × sectors × years × days, never
    by the number of complaints) and the two label lists."""
    rows = list(
        Complaint.objects.order_by()
        .values("region_id", "industry_id", "received_year", "days_to_close")
        .annotate(n=Count("id"), recovered=Sum("money_recovered"))
    )
    if counties is None:
        counties = dict(Region.objects.filter(level=Region.Level.COUNTY).order_by("code").values_list("id", "name"))
    if sectors is None:
        sectors = dict(Industry.objects.order_by("sort_order", "code").values_list("id", "name"))

    total = _Tally()
    groups = {"year": {}, "county": {}, "sector": {}}
    for row in rows:  # one pass: the rows are bounded by counties × sectors × years × days
        total.add(row)
        for name, key in (("year", row["received_year"]), ("county", row["region_id"]),
                          ("sector", row["industry_id"])):
            groups[name].setdefault(key, _Tally()).add(row)

    def by(name, keys, labels):
        tallies = groups[name]
        return [{"key": key, "label": labels(key), **(tallies.get(key) or _Tally()).figures()} for key in keys]

    return {
        "total": total.figures(),
        "by_year": by("year", sorted(groups["year"]), lambda y: f"{y}年"),
        "by_county": by("county", counties, counties.get),
        "by_sector": by("sector", sectors, sectors.get),
    }
