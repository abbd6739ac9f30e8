"""The webhook worker: sends the verification API's status-change notices, retrying with backoff.

    manage.py webhook_worker            # runs until SIGTERM/SIGINT (beside mail_worker; `make run` starts both)
    manage.py webhook_worker --once     # one round

Several workers may run: each delivery row is taken with SELECT … FOR UPDATE SKIP LOCKED.
A database that is down is logged and tried again at the next round; the worker keeps running.
"""

import logging

from django.db import DatabaseError

from ...services.webhooks import deliver_due
from ..polling import PollingCommand

logger = logging.getLogger(__name__)


class Command(PollingCommand):
    help = "发送查验接口的称号状态变动通知（webhook 发件箱的后台进程）。"
    interval_variable = "WEBHOOK_WORKER_INTERVAL"

    def handle(self, *args, once=False, interval=5.0, **options):
        if not once:
            self.stdout.write(f"webhook worker: sending due notices every {interval:g} s")
        super().handle(once=once, interval=interval)

    def round(self):
        try:
            done = deliver_due()
        except DatabaseError:
            logger.exception("webhook worker: the database is unavailable; trying again next round")
            return
        if done.sent or done.retrying or done.failed:
            self.stdout.write(f"webhook worker: {done.sent} sent, {done.retrying} to retry, {done.failed} given up")
