"""Titles whose certificate validity is over become `expired`. Kept for existing cron lines:
`manage.py daily` runs this and every other daily job."""

from django.core.management.base import BaseCommand
from django.utils import timezone

from certification.services.daily import expire_titles


class Command(BaseCommand):
    help = "将证书有效期届满的示范单位转为“已到期”（已包含在每日任务 daily 中）。"

    def handle(self, *args, **options):
        self.stdout.write(expire_titles(timezone.localdate()))
