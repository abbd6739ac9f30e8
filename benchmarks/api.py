"""The verification API: `python -m benchmarks.api` prints one JSON object.

Builds a scratch database (see benchmarks/scratch.py; PostgreSQL when DATABASE_URL points at one)
with the directory benchmark's data at a smaller scale (BENCH_BUSINESSES, default 20,000 market
entities; BENCH_NAMED, default 10,000 titles in force, plus revoked, expired and candidate ones), then
verifies 100 identifiers — certificate numbers typed in several bracket styles, 统一社会信用代码 and
unknown numbers — in two ways in the same run:

* `bulk_100`: one POST /api/v1/verify/bulk with the 100 ids;
* `single_100`: the baseline, 100 GETs (/api/v1/certificates/verify or /api/v1/units/<code>).

For each: SQL queries for the 100 answers (all of them, the key's check and its usage count included)
and the median wall and CPU time of answering all 100. `bulk_lookup_queries` is the lookup's own
count (target: 2 whatever the number of ids).
"""

import logging
import os
import random
import statistics
import time

from benchmarks.scratch import log, run_in_scratch_database

os.environ.setdefault("BENCH_BUSINESSES", "20000")
os.environ.setdefault("BENCH_NAMED", "10000")
WARMUP, RUNS = 3, 15
SINGLE_RUNS = 5


def identifiers(rng):
    """100 ids: 45 numbers in mixed styles, 45 credit codes, 10 unknown numbers."""
    from certification.models import Certificate

    picked = list(Certificate.objects.select_related("application__business", "round").order_by("?")[:90])
    ids = []
    for n, certificate in enumerate(picked[:45]):
        year, level, serial = certificate.round.year, "市" if certificate.level == "city" else "县", certificate.serial
        ids.append([certificate.number, f"[{year}]{level}字第{serial}号", f"{year}{level}{serial:03d}"][n % 3])
    ids += [certificate.application.business.uscc for certificate in picked[45:]]
    ids += [f"商洛放心〔2019〕县字第{9000 + n}号" for n in range(10)]
    rng.shuffle(ids)
    return ids


def timed(runs, work):
    """(median wall ms, median CPU ms, queries of one run) of calling work() `runs` times."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    work()
    with CaptureQueriesContext(connection) as ctx:
        work()
    queries = len(ctx.captured_queries)
    wall, cpu = [], []
    for _ in range(runs):
        start, start_cpu = time.perf_counter(), time.process_time()
        work()
        wall.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - start_cpu) * 1000)
    return {"queries": queries, "median_ms": round(statistics.median(wall), 1),
            "median_cpu_ms": round(statistics.median(cpu), 1)}


def run():
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, override_settings

    from benchmarks import directory
    from certification.search import uscc_typed
    from certification.selectors import verification
    from certification.services import api_keys

    started = time.perf_counter()
    call_command("migrate", verbosity=0, interactive=False)
    rng = random.Random(2020)
    directory.make_businesses(rng)
    directory.make_applications(rng)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
    log(f"data loaded in {time.perf_counter() - started:.0f} s")

    settings.DEBUG = False
    logging.getLogger("django.request").setLevel(logging.ERROR)  # the unknown numbers' 404s are expected
    _, raw = api_keys.issue("基准测试平台", "bench", rate_limit=1_000_000)
    ids = identifiers(rng)
    client = Client(HTTP_X_API_KEY=raw)

    def bulk():
        response = client.post("/api/v1/verify/bulk", {"ids": ids}, content_type="application/json")
        assert response.status_code == 200, response.content
        return response.json()

    def singles():
        found = 0
        for text in ids:
            code = uscc_typed(text)
            response = (client.get(f"/api/v1/units/{code}") if code
                        else client.get("/api/v1/certificates/verify", {"number": text}))
            assert response.status_code in (200, 404), response.content
            found += response.status_code == 200
        return found

    with override_settings(PUBLIC_CACHE_SECONDS=0):
        for _ in range(WARMUP):
            answers = bulk()
        found_bulk = sum(r["found"] for r in answers["results"])
        found_single = singles()
        assert found_bulk == found_single, (found_bulk, found_single)
        with CaptureQueriesContext(connection) as ctx:
            [verification.title_answer(c) for _, c in verification.bulk_lookup(ids) if c]
        lookup_queries = len(ctx.captured_queries)  # read now: later queries rotate the connection's log
        bulk_100 = timed(RUNS, bulk)
        single_100 = timed(SINGLE_RUNS, singles)
    return {
        "database": connection.vendor,
        "titles": verification.Certificate.objects.count(),
        "ids": len(ids),
        "found": found_bulk,
        "bulk_100": bulk_100,
        "bulk_lookup_queries": lookup_queries,
        "single_100": single_100,
        "bulk_speedup": round(single_100["median_ms"] / bulk_100["median_ms"], 1),
        "total_seconds": round(time.perf_counter() - started, 1),
    }


def main():
    run_in_scratch_database("apibench", run, PUBLIC_CACHE_SECONDS="0")


if __name__ == "__main__":
    main()
