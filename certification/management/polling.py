"""What the outbox workers (`mail_worker`, `webhook_worker`) share: `--once`, `--interval`, and a round
every few seconds until SIGTERM or SIGINT, with the database connection checked between rounds."""

import os
import signal
import threading

from django.core.management.base import BaseCommand
from django.db import close_old_connections


class PollingCommand(BaseCommand):
    """A worker command: subclasses define `round()`, one pass over what is due."""

    interval_variable = ""  # the environment variable giving the default seconds between two rounds

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="只发送一轮后退出")
        parser.add_argument("--interval", type=float, default=float(os.environ.get(self.interval_variable, "5")),
                            help="两轮之间的秒数（默认 5）")

    def handle(self, *args, once=False, interval=5.0, **options):
        if once:
            self.round()
        else:
            self.poll(interval)

    def poll(self, interval):
        stop = threading.Event()
        for sig in (signal.SIGTERM, signal.SIGINT):
            signal.signal(sig, lambda *_: stop.set())
        while not stop.is_set():
            self.round()
            close_old_connections()
            stop.wait(interval)
