"""Uncached public pages on the demo data: `python -m benchmarks.pages` prints one JSON object.

Loads the demo (`seed_demo`: the 2020 programme, its complaints, notices and the CMS pages) into a scratch
database (SQLite, or PostgreSQL when DATABASE_URL points at one), then requests each page through Django's
test client with the public cache off, after a warm-up: the number of SQL queries, the median server time
and the process's median CPU time. A trivial Django view is measured in the same run as the baseline
(what any request costs here).

Target: an uncached home or criteria page under 10 ms.
"""

import os
import statistics
import time

from benchmarks.scratch import log, run_in_scratch_database

RUNS = int(os.environ.get("BENCH_RUNS", "40"))
PAGES = {"home": "/", "criteria": "/criteria/", "assurance": "/criteria/safety/", "notices": "/notices/",
         "directory": "/units/", "statistics": "/stats/"}


def trivial(request):
    from django.http import HttpResponse

    return HttpResponse("ok")


def __getattr__(name):
    """This module doubles as the URLconf of the run: a trivial view beside the site's URLs."""
    if name == "urlpatterns":
        from django.urls import include, path

        return [path("__bench_trivial__/", trivial), path("", include("config.urls"))]
    raise AttributeError(name)


def measure(client, url):
    from django.db import connection

    for _ in range(5):
        assert client.get(url).status_code == 200, url
    count = [0]

    def counted(execute, sql, params, many, context):
        count[0] += 1
        return execute(sql, params, many, context)

    with connection.execute_wrapper(counted):
        client.get(url)
    times, cpu = [], []
    for _ in range(RUNS):
        start, start_cpu = time.perf_counter(), time.process_time()
        assert client.get(url).status_code == 200, url
        times.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - start_cpu) * 1000)
    return {"queries": count[0], "median_ms": round(statistics.median(times), 2),
            "median_cpu_ms": round(statistics.median(cpu), 2)}


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
    with override_settings(ROOT_URLCONF="benchmarks.pages", PUBLIC_CACHE_SECONDS=0):
        client = Client()
        pages = {name: measure(client, url) for name, url in PAGES.items()}
        baseline = measure(client, "/__bench_trivial__/")
    return {"database": connection.vendor, "pages": pages, "trivial_view": baseline,
            "targets": {"home_and_criteria_ms": 10}, "total_seconds": round(time.perf_counter() - started, 1)}


def main():
    run_in_scratch_database("pages", run, PUBLIC_CACHE_SECONDS="0")


if __name__ == "__main__":
    main()
