"""Daily (cron-ready, idempotent): everything the system does by the calendar — see services/daily.py."""

import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from certification.services import daily


class Command(BaseCommand):
    help = "每日任务：称号到期、到期提醒、逾期提醒等（可重复运行，同一天不会重复处理）。"

    def add_arguments(self, parser):
        parser.add_argument("--date", help="补跑过去某一天的任务（YYYY-MM-DD，不能晚于今天）；默认今天。")

    def handle(self, *args, date=None, **options):
        try:
            today = datetime.date.fromisoformat(date) if date else timezone.localdate()
        except ValueError as exc:
            raise CommandError("日期格式应为 YYYY-MM-DD。") from exc
        if today > timezone.localdate():
            # The workflow's guards (e.g. a certificate's validity) read the real date: a day that has
            # not come yet cannot be run.
            raise CommandError("不能运行尚未到来的日期的任务。")
        for line in daily.run(today):
            self.stdout.write(line)
