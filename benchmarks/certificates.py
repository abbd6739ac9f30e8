"""Certificate PDFs: `python -m benchmarks.certificates` prints one JSON object.

Builds a scratch database (a temporary SQLite file; with DATABASE_URL set to PostgreSQL, a scratch
database named after it with `_bench_certificates` appended, dropped afterwards) and a temporary
PRIVATE_MEDIA_ROOT, migrates, builds the CMS site and puts 174 demo businesses (10 city-level,
164 county-level, as in 2020) on public notice with the notice period over. Then, in one process:

* `bulk_174_s`: from a cold renderer, the naming service (`naming.name_units`: workflow transition,
  audit log, certificate row with its number, naming announcement page) for all 174, then
  `manage.py issue_certificates --round 2020` rendering and storing all 174 PDFs. Also split into
  `bulk_174_naming_s` and `bulk_174_pdfs_s`.
* `median_ms`, `p95_ms`: once warm, `services.certificate_pdf.refresh_pdf(certificate, force=True)`
  for each of the 174 real certificates: building the data from the database rows, rendering,
  storing the file and the compare-and-set UPDATE. `pdf_bytes` is the median PDF size (`pdf_bytes_max`
  the largest); `served_again_ms` is `pdf_bytes()` returning the stored PDF (fingerprint unchanged).
* `baseline`: plain WeasyPrint on the same certificate HTML and stylesheet, but with the system
  "Noto Serif CJK SC" instead of the shipped subset font, and no shared FontConfiguration, parsed
  CSS or image cache (a fresh `HTML(...).write_pdf(stylesheets=[CSS(string=...)])` per certificate).
  Its `bulk_174_s` is the same naming time plus rendering the 174 certificates that way.

Targets (DESIGN.md, on 2 cores): median ≤ 40 ms, ≤ 150 KB, 174 named with certificates in ≤ 10 s.
"""

import io
import os
import re
import shutil
import statistics
import tempfile
import time

from benchmarks.scratch import log, run_in_scratch_database

CITY, COUNTY = 10, 164


def summary(times_ms, sizes):
    return {
        "median_ms": round(statistics.median(times_ms), 1),
        "p95_ms": round(statistics.quantiles(times_ms, n=20)[18], 1),
        "pdf_bytes": int(statistics.median(sizes)),
        "pdf_bytes_max": max(sizes),
    }


# --- data --------------------------------------------------------------------------------------


def candidates():
    """174 applications on notice (notice over), 10 of them for city level, and an officer per region
    ({region id: user}): the city bureau's and each county bureau's."""
    import datetime
    from decimal import Decimal

    from django.contrib.auth import get_user_model

    from certification.demo.businesses import create_demo_businesses
    from certification.models import Application, Level, Officer, Region, Round, State
    from cms.site_tree import build_site

    build_site()
    round_ = Round.objects.create(
        year=2020, application_opens=datetime.date(2020, 3, 1), application_closes=datetime.date(2020, 9, 30),
        quota_city=CITY, quota_county=COUNTY + 6, certificate_validity_years=10)
    businesses, _ = create_demo_businesses()
    assert len(businesses) >= CITY + COUNTY, len(businesses)
    day = datetime.date.today()
    apps = Application.objects.bulk_create([
        Application(business=business, round=round_, state=State.IN_NOTICE, final_score=Decimal("93.5"),
                    level=Level.CITY if n < CITY else Level.COUNTY,
                    level_requested=Level.CITY if n < CITY else Level.COUNTY,
                    notice_starts_on=day - datetime.timedelta(days=10),
                    notice_ends_on=day - datetime.timedelta(days=3))
        for n, business in enumerate(businesses[: CITY + COUNTY])
    ])
    # County-level units are named by their own county's bureau, city-level ones by the city bureau.
    officers = {}
    for region in Region.objects.all():
        user = get_user_model().objects.create(username=f"bench-{region.code}")
        Officer.objects.create(user=user, region=region)
        officers[region.pk] = user
    return apps, officers


# --- the plain WeasyPrint baseline ----------------------------------------------------------------


def plain_stylesheet():
    """certificate.css without the shipped @font-face fonts: the system CJK font instead."""
    from certification.pdf.render import STYLESHEET

    css = STYLESHEET.read_text(encoding="utf-8")
    css = re.sub(r"@font-face\s*{[^}]*}", "", css)
    return css.replace('"Cert Serif SC", ', "")


def plain_render(data, css):
    from weasyprint import CSS, HTML

    from certification.pdf import render_certificate_html
    from certification.pdf.render import STATIC_DIR, STYLESHEET

    html = render_certificate_html(data)
    return HTML(string=html, base_url=STATIC_DIR.as_uri() + "/").write_pdf(
        stylesheets=[CSS(string=css, base_url=STYLESHEET.as_uri())])


# --- measuring -----------------------------------------------------------------------------------


def run():
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.test.utils import override_settings

    from certification.models import Level, Region
    from certification.selectors import certificates as certificate_selectors
    from certification.services import certificate_pdf, naming

    settings.DEBUG = False  # no query log
    started = time.perf_counter()
    call_command("migrate", verbosity=0, interactive=False)
    apps, officers = candidates()
    log(f"scratch database ready in {time.perf_counter() - started:.0f} s")
    city = Region.objects.get(level=Region.Level.CITY)
    batches = [([a for a in apps if a.level == Level.CITY], officers[city.pk])]  # the city bureau's batch
    counties = {a.business.region_id for a in apps if a.level == Level.COUNTY}
    batches += [([a for a in apps if a.level == Level.COUNTY and a.business.region_id == county], officers[county])
                for county in sorted(counties)]  # then each county bureau names its own units

    with override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"):
        t0 = time.perf_counter()
        for batch, officer in batches:
            named, refused, _page = naming.name_units(batch, officer)
            assert not refused, refused[:3]
        t1 = time.perf_counter()
        call_command("issue_certificates", "--round", "2020", verbosity=0, stdout=io.StringIO())
        t2 = time.perf_counter()
    certificates = list(certificate_selectors.with_related().order_by("level", "serial"))
    assert len(certificates) == CITY + COUNTY and all(c.pdf for c in certificates)
    log(f"named 174 in {t1 - t0:.1f} s, their PDFs in {t2 - t1:.1f} s")

    times, sizes = [], []
    for certificate in certificates:  # warm: the command above loaded fonts and CSS
        start = time.perf_counter()
        certificate_pdf.refresh_pdf(certificate, force=True)
        times.append((time.perf_counter() - start) * 1000)
        sizes.append(certificate.pdf.size)
    served = []
    for certificate in certificates:
        start = time.perf_counter()
        certificate_pdf.pdf_bytes(certificate)
        served.append((time.perf_counter() - start) * 1000)
    ours = {**summary(times, sizes), "bulk_174_s": round(t2 - t0, 2),
            "bulk_174_naming_s": round(t1 - t0, 2), "bulk_174_pdfs_s": round(t2 - t1, 2),
            "served_again_ms": round(statistics.median(served), 2)}
    log(f"ours: {ours}")

    css = plain_stylesheet()
    data = [certificate_pdf.certificate_data(c) for c in certificates]
    plain_render(data[0], css)  # fontconfig's own one-off start-up, not counted
    b_times, b_sizes = [], []
    b0 = time.perf_counter()
    for item in data:
        start = time.perf_counter()
        b_sizes.append(len(plain_render(item, css)))
        b_times.append((time.perf_counter() - start) * 1000)
    baseline = {**summary(b_times, b_sizes), "bulk_174_s": round(t1 - t0 + time.perf_counter() - b0, 2)}
    log(f"baseline: {baseline}")

    return {
        **ours,
        "baseline": baseline,
        "certificates": len(certificates),
        "database": connection.vendor,
        "cpus": os.cpu_count(),
        "pdf_processes": os.cpu_count(),  # issue_certificates --jobs default
        "targets": {"median_ms": 40, "pdf_bytes": 150_000, "bulk_174_s": 10},
        "total_seconds": round(time.perf_counter() - started, 1),
    }


def main():
    media = tempfile.mkdtemp(prefix="fangxin-bench-media-")
    try:
        run_in_scratch_database("bench_certificates", run, PRIVATE_MEDIA_ROOT=media)
    finally:
        shutil.rmtree(media, ignore_errors=True)


if __name__ == "__main__":
    main()
