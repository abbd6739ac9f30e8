"""Daily: named units whose certificate validity is over become `expired` (run from cron)."""

from django.core.management.base import BaseCommand

from certification.services.naming import expire_due


class Command(BaseCommand):
    help = "将证书有效期届满的示范单位转为“已到期”（建议每日运行）。"

    def handle(self, *args, **options):
        count = expire_due()
        self.stdout.write(f"{count} 个示范单位称号到期。")
