"""The statistics page at 100,000 complaints: `python -m benchmarks.complaints` prints one JSON object.

Builds a scratch database like benchmarks.directory (its data: 110,000 market entities, 10,000 named
units; BENCH_BUSINESSES / BENCH_NAMED change the sizes), then adds complaints about the named units in
steps up to BENCH_COMPLAINTS (default 100,000) — spread over years, channels and the five steps, most
of them closed with a result and money recovered — and after each step requests the statistics page
through Django's test client with the public cache off: its number of SQL queries and median server
time. The directory's first page is measured in the same run, on the same data, as the baseline.

Target: the statistics page's query count does not change with the number of complaints.
"""

import datetime
import os
import random
import time
from decimal import Decimal

from benchmarks.scratch import log, run_in_scratch_database

COMPLAINTS = int(os.environ.get("BENCH_COMPLAINTS", "100000"))
STEPS = sorted({0, COMPLAINTS // 100, COMPLAINTS // 10, COMPLAINTS})
YEARS = (2021, 2022, 2023, 2024, 2025)


def add_complaints(rng, count, unit_ids):
    """`count` complaints about random units, written in bulk (deadlines and step dates filled in)."""
    from django.utils import timezone

    from certification.models import Complaint, ProgrammeSettings
    from certification.models.complaints import (
        Category,
        Channel,
        ComplaintState,
        Result,
        add_working_days,
        new_tracking_number,
    )

    programme = ProgrammeSettings.current()
    contact, close = programme.complaint_contact_working_days, programme.complaint_close_working_days
    batch = []
    for _ in range(count):
        day = datetime.date(rng.choice(YEARS), rng.randint(1, 12), rng.randint(1, 28))
        received = timezone.make_aware(datetime.datetime.combine(day, datetime.time(10)))
        row = Complaint(
            **dict(zip(("application_id", "region_id", "industry_id"), rng.choice(unit_ids), strict=True)),
            reference=new_tracking_number(),
            channel=rng.choice(Channel.values), category=rng.choice(Category.values), text="结账时多收费。",
            amount_in_dispute=Decimal(rng.randint(10, 2000)), received_at=received,
            contact_due_on=add_working_days(day, contact), close_due_on=add_working_days(day, close),
            received_year=day.year,
        )
        if rng.random() < 0.97:
            days = rng.randint(0, 15)
            row.state, row.days_to_close = ComplaintState.ARCHIVED, days
            row.contacted_at = row.handled_at = row.answered_at = row.revisited_at = received
            row.archived_at = received + datetime.timedelta(days=days)
            row.substantiated = rng.random() < 0.6
            row.result = rng.choice(Result.values)
            row.money_recovered = Decimal(rng.randint(0, 800)) if row.substantiated else Decimal(0)
        else:
            row.state = rng.choice([s for s in ComplaintState.values if s != ComplaintState.ARCHIVED])
        batch.append(row)
        if len(batch) == 5000:
            Complaint.objects.bulk_create(batch, batch_size=2500)
            batch = []
    Complaint.objects.bulk_create(batch, batch_size=2500)


def figures_median_ms(runs=15):
    """The complaint figures alone (their one grouped query and the tally), labels given as the page does."""
    import statistics

    from certification.selectors.complaints import complaint_statistics

    labels = {}
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        complaint_statistics(counties=labels, sectors=labels)
        times.append((time.perf_counter() - start) * 1000)
    return round(statistics.median(times), 2)


def run():
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import override_settings

    from benchmarks.directory import make_applications, make_businesses, measure
    from certification.models import Complaint
    from certification.selectors.public import units_in_force

    started = time.perf_counter()
    call_command("migrate", verbosity=0, interactive=False)
    rng = random.Random(2020)
    make_businesses(rng)
    make_applications(rng)
    log(f"directory data loaded in {time.perf_counter() - started:.0f} s")
    unit_ids = list(units_in_force().values_list("pk", "business__region_id", "business__industry_id"))
    settings.DEBUG = False
    steps = []
    with override_settings(ROOT_URLCONF="benchmarks.directory", PUBLIC_CACHE_SECONDS=0):
        client = Client()
        for target in STEPS:
            t = time.perf_counter()
            add_complaints(rng, target - Complaint.objects.count(), unit_ids)
            if connection.vendor == "postgresql":
                with connection.cursor() as cursor:
                    cursor.execute("VACUUM ANALYZE certification_complaint")
            log(f"{target} complaints in {time.perf_counter() - t:.0f} s")
            steps.append({
                "complaints": Complaint.objects.count(),
                "stats": measure(client, ["/stats/"]),
                "directory": measure(client, ["/units/"]),
                "complaint_figures_query_median_ms": figures_median_ms(),
            })
        trivial_ms = measure(client, ["/__bench_trivial__/"])["median_ms"]
    last = steps[-1]
    return {
        "database": connection.vendor,
        "named_units_in_force": len(unit_ids),
        "complaints": last["complaints"],
        "stats_queries_by_complaints": {s["complaints"]: s["stats"]["queries"] for s in steps},
        "constant_queries": len({s["stats"]["queries"] for s in steps}) == 1,
        "stats_at_max": last["stats"],
        "complaint_figures_query_at_max_ms": last["complaint_figures_query_median_ms"],
        "directory_baseline_at_max": last["directory"],
        "steps": steps,
        "trivial_view_median_ms": trivial_ms,
        "total_seconds": round(time.perf_counter() - started, 1),
    }


def main():
    run_in_scratch_database("complaints_bench", run, PUBLIC_CACHE_SECONDS="0")


if __name__ == "__main__":
    main()
