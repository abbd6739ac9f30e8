"""The public site under a surge: `python -m benchmarks.http` prints one JSON object.

What it does:
1. copies the database DATABASE_URL names (benchmarks.scratch.scratch_copy: PostgreSQL `CREATE DATABASE
   … TEMPLATE`, or the SQLite file), migrates the copy and loads the demo data into it when it has none;
2. measures, in this process with the public cache off, the server time and the SQL queries of an
   uncached render of the home page, the criteria and an assurance page (median of RENDERS);
3. starts gunicorn with 2 sync workers on the copy with production settings (DEBUG=0, the Redis cache of
   REDIS_URL under a key prefix of its own, static files collected and served by WhiteNoise), as if
   behind nginx (TRUSTED_PROXY_COUNT=1: each request carries X-Forwarded-Proto: https and a visitor's
   address in X-Forwarded-For, a different one each time, as a surge of many people would);
4. drives each URL for BENCH_SECONDS in all (default 10) with BENCH_CONCURRENCY (default 16) connections
   that each send the next request as soon as the last one is answered (an aiohttp client; gunicorn's
   sync workers close the connection after each response, so each request opens a new one), in
   BENCH_ROUNDS turns (default 5: every URL for 2 s, then every URL again …, so that the machine's other
   load falls on all alike). Every status other than 2xx counts as an error. The static file is the
   baseline of the same run: each page's `ratio_to_static` is its throughput over the static file's;
5. then asks for a certificate's verification pages (by QR token, by number) from one address each, more
   often than their limit allows (VERIFY_RATELIMIT, 30 a minute): past it they must answer 429, never 5xx.

Target (issue 14): every cached public page at ≥ 40 % of the static file's throughput, no error.
The load generator shares the machine's cores with the server: absolute figures move with whatever
else runs (`load_average` is printed), the ratios much less.
"""

import asyncio
import collections
import os
import random
import re
import secrets
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import quote

from benchmarks.scratch import log, scratch_copy

ROOT = Path(__file__).resolve().parent.parent
SECONDS = float(os.environ.get("BENCH_SECONDS", "10"))
CONCURRENCY = int(os.environ.get("BENCH_CONCURRENCY", "16"))
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "5"))
PORT = int(os.environ.get("BENCH_PORT", "8765"))
WORKERS = 2
RENDERS = 40
TARGET_RATIO = 0.40
LIMIT_PROBES = 60  # verification requests from one address, twice the per-minute limit


def production_environ(database_url, static_root):
    return {
        "DEBUG": "0",
        "SECRET_KEY": "benchmark-" + secrets.token_hex(24),
        "DATABASE_URL": database_url,
        "ALLOWED_HOSTS": "127.0.0.1,testserver",
        "REDIS_URL": os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/0",
        "CACHE_KEY_PREFIX": f"bench-http-{os.getpid()}-{int(time.time())}",  # a cold cache of its own
        "STATIC_ROOT": static_root,
        "TRUSTED_PROXY_COUNT": "1",
        "LOG_LEVEL": "ERROR",
    }


def visitor_headers(address=None):
    address = address or f"10.{random.randrange(256)}.{random.randrange(256)}.{random.randrange(1, 255)}"
    return {"X-Forwarded-Proto": "https", "X-Forwarded-For": address}


# --- in this process: the data, and uncached renders ----------------------------------------------


def prepare_database():
    from django.core.management import call_command

    from certification.models import Certificate

    call_command("migrate", verbosity=0, interactive=False)
    if not Certificate.objects.exists():
        log("no demo data in the copy: loading it (a few minutes)")
        call_command("seed_demo", verbosity=0)


def targets():
    """The URLs to drive, read from the data."""
    from certification.selectors.public import units_in_force
    from cms.models import AssurancePage

    unit = units_in_force().select_related("certificate").order_by("pk").first()
    assurance = AssurancePage.objects.live().public().order_by("path").first()
    return {
        "home": "/",
        "criteria": "/criteria/",
        "assurance": assurance.url,
        "directory": "/units/",
        "search": "/units/?q=" + quote("超市"),
        "unit": f"/units/{unit.pk}/",
        "verify_by_token": f"/v/{unit.certificate.token}/",
        "verify_by_number": "/verify/?number=" + quote(unit.certificate.number),
        "stats": "/stats/",
    }


def trivial(request):
    from django.http import HttpResponse

    return HttpResponse("ok")


def __getattr__(name):
    """This module doubles as the URLconf of the in-process renders: a trivial view beside the site's URLs
    (the baseline of the same run: how slow the machine is just now)."""
    if name == "urlpatterns":
        from django.urls import include, path

        return [path("__bench_trivial__/", trivial), path("", include("config.urls"))]
    raise AttributeError(name)


def uncached_renders(urls):
    """{name: {"queries", "median_ms", "median_cpu_ms"}} for a render with the public cache off (Django's
    test client). The CPU time is this process's: on a busy machine it moves much less than the wall time
    (PostgreSQL's own work is in the wall time only)."""
    from django.db import connection, reset_queries
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, override_settings

    results = {}
    with override_settings(PUBLIC_CACHE_SECONDS=0, ROOT_URLCONF="benchmarks.http"):
        client = Client(headers=visitor_headers("10.0.0.1"))
        for name in ("home", "criteria", "assurance", "trivial_view"):
            url = urls.get(name, "/__bench_trivial__/")
            for _ in range(5):
                assert client.get(url, secure=True).status_code == 200, url
            reset_queries()  # request_started empties the log: start the count from nothing
            with CaptureQueriesContext(connection) as ctx:
                client.get(url, secure=True)
            queries = len(ctx.captured_queries)
            times, cpu = [], []
            for _ in range(RENDERS):
                start, start_cpu = time.perf_counter(), time.process_time()
                client.get(url, secure=True)
                times.append((time.perf_counter() - start) * 1000)
                cpu.append((time.process_time() - start_cpu) * 1000)
            results[name] = {"queries": queries, "median_ms": round(statistics.median(times), 2),
                             "median_cpu_ms": round(statistics.median(cpu), 2)}
    return results


# --- the server ----------------------------------------------------------------------------------


def start_server(environ):
    command = [sys.executable, "-m", "gunicorn", "config.wsgi", "-w", str(WORKERS), "-b", f"127.0.0.1:{PORT}",
               "--log-level", "warning"]
    server = subprocess.Popen(command, cwd=ROOT, env={**os.environ, **environ})
    deadline = time.monotonic() + 60
    import urllib.request

    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{PORT}/healthz", timeout=2) as response:
                if response.status == 200:
                    return server
        except OSError:
            time.sleep(0.3)
    server.terminate()
    raise RuntimeError("gunicorn did not answer /healthz within 60 s")


def forget_cache(environ):
    """Remove the run's keys (the generation counter never expires on its own)."""
    import redis

    client = redis.Redis.from_url(environ["REDIS_URL"])
    for key in client.scan_iter(match=f"{environ['CACHE_KEY_PREFIX']}:*"):
        client.delete(key)


def stop_server(server):
    server.terminate()
    try:
        server.wait(timeout=30)
    except subprocess.TimeoutExpired:
        server.kill()


# --- the load generator --------------------------------------------------------------------------


async def fetch(session, url, headers):
    import aiohttp

    try:
        async with session.get(url, headers=headers, allow_redirects=False) as response:
            body = await response.read()
            return response.status, response.headers, body
    except (TimeoutError, aiohttp.ClientError) as exc:
        return 0, {}, repr(exc).encode()


async def drive(url, seconds, concurrency=CONCURRENCY):
    """N connections for a fixed time, each sending its next request when the last is answered:
    (latencies in ms, statuses, elapsed seconds, the load generator's CPU seconds)."""
    import aiohttp

    latencies, statuses = [], collections.Counter()
    connector = aiohttp.TCPConnector(limit=concurrency, force_close=True)
    async with aiohttp.ClientSession(connector=connector, timeout=aiohttp.ClientTimeout(total=30)) as session:
        loop = asyncio.get_running_loop()
        start, start_cpu = loop.time(), time.process_time()
        deadline = start + seconds

        async def connection():
            while loop.time() < deadline:
                sent = time.perf_counter()
                status, _, _ = await fetch(session, url, visitor_headers())
                latencies.append((time.perf_counter() - sent) * 1000)
                statuses[status] += 1

        await asyncio.gather(*(connection() for _ in range(concurrency)))
        elapsed, cpu = loop.time() - start, time.process_time() - start_cpu
    return latencies, statuses, elapsed, cpu


def summary(slices):
    """One URL's figures over its slices of the run."""
    latencies = sorted(ms for slice_ in slices for ms in slice_[0])
    statuses = sum((slice_[1] for slice_ in slices), collections.Counter())
    elapsed = sum(slice_[2] for slice_ in slices)
    client_cpu = sum(slice_[3] for slice_ in slices)
    return {
        "requests": len(latencies),
        "requests_per_s": round(len(latencies) / elapsed, 1),
        "p50_ms": round(latencies[len(latencies) // 2], 1),
        "p99_ms": round(latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))], 1),
        "errors": sum(n for status, n in statuses.items() if not 200 <= status < 300),
        "statuses": {str(status): n for status, n in sorted(statuses.items())},
        # the share of one core the load generator used: near 1.0, it, not the server, set the pace
        "load_generator_cpu": round(client_cpu / elapsed, 2),
    }


async def probe(session, base, path):
    """(status, X-Public-Cache of a second request, size) — the first request fills the cache."""
    await fetch(session, base + path, visitor_headers())
    status, headers, body = await fetch(session, base + path, visitor_headers())
    return status, headers.get("X-Public-Cache", ""), len(body)


async def surge(urls):
    import aiohttp

    base = f"http://127.0.0.1:{PORT}"
    async with aiohttp.ClientSession() as session:
        _, _, home = await fetch(session, base + "/", visitor_headers())
        stylesheet = re.search(rb'href="(/static/css/site[^"]*\.css)"', home).group(1).decode()
        urls = {"static_file": stylesheet, **urls}
        described = {}
        for name, path in urls.items():
            status, cache, size = await probe(session, base, path)
            if status != 200:
                raise RuntimeError(f"{path} answered {status} before the run")
            described[name] = {"url": path, "public_cache": cache or "none", "bytes": size}
    # The URLs take turns in ROUNDS rounds, so that a change in the machine's other load while the run
    # goes on falls on every URL alike rather than on whichever was driven just then.
    slices = {name: [] for name in urls}
    for round_ in range(1, ROUNDS + 1):
        log(f"round {round_}/{ROUNDS}: {len(urls)} URLs, {SECONDS / ROUNDS:.1f} s each")
        for name, path in urls.items():
            slices[name].append(await drive(base + path, SECONDS / ROUNDS))
    pages = {name: {**described[name], **summary(slices[name])} for name in urls}
    static = pages["static_file"]["requests_per_s"]
    for page in pages.values():
        page["ratio_to_static"] = round(page["requests_per_s"] / static, 3)
    return pages


async def rate_limit(path):
    """One address asking for a verification page LIMIT_PROBES times in a row."""
    import aiohttp

    base = f"http://127.0.0.1:{PORT}"
    statuses = collections.Counter()
    first_429, limit_page = None, ""
    address = visitor_headers()["X-Forwarded-For"]  # a new address for each page: they share one limit
    async with aiohttp.ClientSession() as session:
        for n in range(1, LIMIT_PROBES + 1):
            status, _, body = await fetch(session, base + path, visitor_headers(address))
            statuses[status] += 1
            if status == 429 and first_429 is None:
                first_429 = n
                limit_page = body.decode("utf-8", "replace")
    return {
        "url": path,
        "requests_from_one_address": LIMIT_PROBES,
        "statuses": {str(status): n for status, n in sorted(statuses.items())},
        "first_429_at_request": first_429,
        "limit_page_says": "操作过于频繁" if "操作过于频繁" in limit_page else limit_page[:80],
        "server_errors": sum(n for status, n in statuses.items() if status >= 500 or status == 0),
    }


def run(environ):
    from django.core.management import call_command

    prepare_database()
    call_command("collectstatic", verbosity=0, interactive=False)  # DEBUG=0: pages name the hashed files
    urls = targets()
    limited_pages = {"verify_by_token": urls["verify_by_token"], "verify_by_number": urls.pop("verify_by_number")}
    renders = uncached_renders(urls)
    log(f"uncached renders: {renders}")
    server = start_server(environ)
    try:
        load_before = os.getloadavg()
        pages = asyncio.run(surge(urls))
        load_after = os.getloadavg()
        limited = {name: asyncio.run(rate_limit(path)) for name, path in limited_pages.items()}
    finally:
        stop_server(server)
        forget_cache(environ)
    cached = {name: page for name, page in pages.items() if page["public_cache"] == "hit"}
    return {
        "server": f"gunicorn, {WORKERS} sync workers, DEBUG=0, Redis cache",
        "load_generator": f"aiohttp, {CONCURRENCY} connections, {SECONDS:g} s per URL in {ROUNDS} turns, "
                          "non-2xx = error",
        "cpu_count": os.cpu_count(),
        "load_average": {"before": [round(x, 2) for x in load_before], "after": [round(x, 2) for x in load_after]},
        "pages": pages,
        "rate_limited_verification": limited,
        "uncached_server_time": renders,
        "targets": {"cached_pages_ratio_to_static": TARGET_RATIO, "errors": 0, "uncached_render_ms": 10},
        "cached_pages_at_target": {name: page["ratio_to_static"] >= TARGET_RATIO for name, page in cached.items()},
        "errors": sum(page["errors"] for page in pages.values()),
    }


def main():
    import json

    database_url, cleanup = scratch_copy("http")
    static_root = tempfile.mkdtemp(prefix="fangxin-static-")
    environ = production_environ(database_url, static_root)
    os.environ.update(environ)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    try:
        import django

        django.setup()
        result = run(environ)
    finally:
        cleanup()
        import shutil

        shutil.rmtree(static_root, ignore_errors=True)
    print(json.dumps(result, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
