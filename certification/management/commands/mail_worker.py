"""The outbox worker: delivers queued e-mail every few seconds, retrying failures with backoff.

    manage.py mail_worker               # runs until SIGTERM/SIGINT (systemd unit or Procfile line)
    manage.py mail_worker --once        # one round, e.g. after a maintenance window

Only one worker may run for a database (a lock file in the temporary folder makes a second one exit).
A database or mail server that is down is logged and tried again at the next round; the worker itself
keeps running.
"""

import logging
import os
import tempfile

from django.db import DatabaseError
from post_office.lockfile import FileLock, FileLocked

from ...outbox import deliver
from ..polling import PollingCommand

logger = logging.getLogger(__name__)


class Command(PollingCommand):
    help = "发送待发邮件（邮件发件箱的后台进程）。"
    interval_variable = "EMAIL_WORKER_INTERVAL"

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument("--lockfile", default=os.path.join(tempfile.gettempdir(), "fangxin-mail-worker"))

    def handle(self, *args, once=False, interval=5.0, lockfile="", **options):
        if once:
            self.round()
            return
        try:
            with FileLock(lockfile):
                self.stdout.write(f"mail worker: sending queued e-mail every {interval:g} s")
                self.poll(interval)
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
