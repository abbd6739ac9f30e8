"""The webhook worker: sends the verification API's status-change notices, retrying with backoff.

    manage.py webhook_worker            # runs until SIGTERM/SIGINT (beside mail_worker; `make run` starts both)
    manage.py webhook_worker --once     # one round

Several workers may run: each delivery row is taken with SELECT … FOR UPDATE SKIP LOCKED.
A database that is down is logged and tried again at the next round; the worker keeps running.
"""

import logging
import os
import signal
import threading

from django.core.management.base import BaseCommand
from django.db import DatabaseError, close_old_connections

from ...services.webhooks import deliver_due

logger = logging.getLogger(__name__)


class Command(BaseCommand):
    help = "发送查验接口的称号状态变动通知（webhook 发件箱的后台进程）。"

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="只发送一轮后退出")
        parser.add_argument("--interval", type=float, default=float(os.environ.get("WEBHOOK_WORKER_INTERVAL", "5")),
                            help="两轮之间的秒数（默认 5）")

    def handle(self, *args, once=False, interval=5.0, **options):
        if once:
            self.round()
            return
        stop = threading.Event()
        for sig in (signal.SIGTERM, signal.SIGINT):
            signal.signal(sig, lambda *_: stop.set())
        self.stdout.write(f"webhook worker: sending due notices every {interval:g} s")
        while not stop.is_set():
            self.round()
            close_old_connections()
            stop.wait(interval)

    def round(self):
        try:
            done = deliver_due()
        except DatabaseError:
            logger.exception("webhook worker: the database is unavailable; trying again next round")
            return
        if done.sent or done.retrying or done.failed:
            self.stdout.write(f"webhook worker: {done.sent} sent, {done.retrying} to retry, {done.failed} given up")
