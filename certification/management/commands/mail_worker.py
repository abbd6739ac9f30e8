"""The outbox worker: delivers queued e-mail every few seconds, retrying failures with backoff.

    manage.py mail_worker               # runs until SIGTERM/SIGINT (systemd unit or Procfile line)
    manage.py mail_worker --once        # one round, e.g. after a maintenance window

Only one worker may run for a database (a lock file in the temporary folder makes a second one exit).
A database or mail server that is down is logged and tried again at the next round; the worker itself
keeps running.
"""

import logging
import os
import signal
import tempfile
import threading

from django.core.management.base import BaseCommand
from django.db import DatabaseError, close_old_connections
from post_office.lockfile import FileLock, FileLocked

from ...outbox import deliver

logger = logging.getLogger(__name__)


class Command(BaseCommand):
    help = "发送待发邮件（邮件发件箱的后台进程）。"

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="只发送一轮后退出")
        parser.add_argument("--interval", type=float, default=float(os.environ.get("EMAIL_WORKER_INTERVAL", "5")),
                            help="两轮之间的秒数（默认 5）")
        parser.add_argument("--lockfile", default=os.path.join(tempfile.gettempdir(), "fangxin-mail-worker"))

    def handle(self, *args, once=False, interval=5.0, lockfile="", **options):
        if once:
            self.round()
            return
        stop = threading.Event()
        for sig in (signal.SIGTERM, signal.SIGINT):
            signal.signal(sig, lambda *_: stop.set())
        try:
            with FileLock(lockfile):
                self.stdout.write(f"mail worker: sending queued e-mail every {interval:g} s")
                while not stop.is_set():
                    self.round()
                    close_old_connections()
                    stop.wait(interval)
        except FileLocked:
            self.stderr.write(f"another mail worker holds {lockfile}.lock; exiting")

    def round(self):
        try:
            done = deliver()
        except DatabaseError:
            logger.exception("mail worker: the database is unavailable; trying again next round")
            return
        if done.sent or done.failed or done.requeued:
            self.stdout.write(f"mail worker: {done.sent} sent, {done.requeued} to retry, {done.failed} given up")
