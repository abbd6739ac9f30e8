"""Uncached public pages on the demo data: `python -m benchmarks.pages` prints one JSON object.

Loads the demo (`seed_demo`: the 2020 programme, its complaints, notices and the CMS pages) into a scratch
database (SQLite, or PostgreSQL when DATABASE_URL points at one), then requests each page through Django's
test client with the public cache off, after a warm-up (benchmarks.directory.measure): the number of SQL
queries, the median server time and the process's median CPU time. A trivial Django view is measured in
the same run as the baseline (what any request costs here).

Target: an uncached home or criteria page under 10 ms.
"""

import time

from benchmarks.directory import measure  # the same measurement (warm-up, query count, medians) as the directory's
from benchmarks.scratch import log, run_in_scratch_database

PAGES = {"home": "/", "criteria": "/criteria/", "assurance": "/criteria/safety/", "notices": "/notices/",
         "directory": "/units/", "statistics": "/stats/"}


def run():
    import io

    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import override_settings

    started = time.perf_counter()
    call_command("migrate", verbosity=0, interactive=False)
    call_command("seed_demo", stdout=io.StringIO())
    log(f"demo loaded in {time.perf_counter() - started:.0f} s")
    settings.DEBUG = False
    # benchmarks.directory's URLconf: the site's URLs beside a trivial view, the same-run baseline
    with override_settings(ROOT_URLCONF="benchmarks.directory", PUBLIC_CACHE_SECONDS=0):
        client = Client()
        pages = {name: measure(client, [url]) for name, url in PAGES.items()}
        baseline = measure(client, ["/__bench_trivial__/"])
    return {"database": connection.vendor, "pages": pages, "trivial_view": baseline,
            "targets": {"home_and_criteria_ms": 10}, "total_seconds": round(time.perf_counter() - started, 1)}


def main():
    run_in_scratch_database("pages", run, PUBLIC_CACHE_SECONDS="0")


if __name__ == "__main__":
    main()
