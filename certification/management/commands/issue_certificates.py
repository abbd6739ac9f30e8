"""(Re)issue a round's certificates: missing Certificate rows for its named units, then every PDF.

    manage.py issue_certificates --round 2020 [--level city|county] [--force] [--jobs N]

Without --force only PDFs that are missing or out of date (their fingerprint differs: the unit's
name changed, the certificate was revoked or expired, the template changed) are rendered.
With several CPUs the PDFs are rendered by forked worker processes (one per CPU by default;
each has its own database connection). Inside a transaction (e.g. in tests) it renders in-process,
since workers could not see uncommitted rows.
"""

import multiprocessing
import os
import sys
import time
from concurrent.futures import ProcessPoolExecutor

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, connections, transaction
from tqdm import tqdm

from certification.models import TITLE_STATES, Application, Level, Round
from certification.pdf import warm_up
from certification.selectors import certificates as certificate_selectors
from certification.services import certificate_pdf, certificates


class Command(BaseCommand):
    help = "为某一年度批次补发缺失的证书并生成（或重新生成）全部证书 PDF。"

    def add_arguments(self, parser):
        parser.add_argument("--round", type=int, required=True, dest="year", help="创建年度，如 2020")
        parser.add_argument("--level", choices=Level.values, help="只处理该级别（city 或 county）")
        parser.add_argument("--force", action="store_true", help="即使 PDF 已是最新也重新生成")
        parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="并行生成 PDF 的进程数")

    def handle(self, *args, year, level=None, force=False, jobs=1, verbosity=1, **options):
        started = time.perf_counter()
        round_ = Round.objects.filter(year=year).first()
        if round_ is None:
            raise CommandError(f"没有 {year} 年度的创建批次。")
        created = self.issue_missing(round_, level)
        queryset = certificate_selectors.with_related(round_.certificates.all())
        if level:
            queryset = queryset.filter(level=level)
        rows = list(queryset.order_by("level", "serial"))
        warm_up()  # fonts and stylesheet once (inherited by the workers), before the progress bar
        progress = tqdm(total=len(rows), desc=f"{year}年度证书", unit="张", file=sys.stderr,
                        disable=verbosity == 0 or None)
        with progress:
            rendered = render_all(rows, force, jobs, progress)
        seconds = time.perf_counter() - started
        self.stdout.write(self.style.SUCCESS(
            f"{year}年度：证书 {len(rows)} 张（新发 {created} 张），生成 PDF {rendered} 份，"
            f"{len(rows) - rendered} 份已是最新；用时 {seconds:.1f} 秒。"
        ))

    @staticmethod
    def issue_missing(round_, level):
        """Certificates for named units of the round that have none (e.g. named before issuing existed)."""
        missing = Application.objects.filter(
            round=round_, state__in=TITLE_STATES, named_on__isnull=False, certificate__isnull=True,
        ).order_by("named_on", "pk")
        if level:
            missing = missing.filter(level=level)
        count = 0
        for application in missing:
            with transaction.atomic():  # issue() numbers under the round's row lock, as naming does
                Round.objects.select_for_update().get(pk=round_.pk)
                certificates.issue(application)
                count += 1
        return count


def _refresh(pk, force):
    """In a worker process: render and store one certificate's PDF if needed."""
    certificate = certificate_selectors.with_related().get(pk=pk)
    return certificate_pdf.refresh_pdf(certificate, force=force)


def render_all(rows, force, jobs, progress):
    """Render the certificates' PDFs; returns how many were rendered."""
    jobs = max(1, min(jobs, len(rows) // 4))
    if jobs == 1 or connection.in_atomic_block:
        rendered = 0
        for certificate in rows:
            rendered += certificate_pdf.refresh_pdf(certificate, force=force)
            progress.update()
        return rendered
    connections.close_all()  # each forked worker opens its own connection
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(jobs, mp_context=context) as pool:
        futures = [pool.submit(_refresh, certificate.pk, force) for certificate in rows]
        rendered = 0
        for future in futures:
            rendered += future.result()
            progress.update()
    return rendered
