"""Build a complete demo site: pages, criteria, rounds, people for every role, businesses.

Safe to run again: everything is looked up before it is created, so a second run adds nothing.
"""

from django.core.management.base import BaseCommand
from django.db import transaction
from django.test.utils import override_settings

from certification.demo.aftercare import build_reevaluation
from certification.demo.api import create_demo_api_key
from certification.demo.applications import build_2020_round, build_current_round
from certification.demo.businesses import create_demo_businesses
from certification.demo.complaints import build_2020_complaints, build_current_complaints
from certification.demo.people import COUNTY_LOGINS, DEMO_PASSWORD, create_demo_people
from certification.demo.renewals import build_renewals
from certification.demo.rounds import create_demo_rounds
from certification.models import Business
from cms.site_tree import build_site


class Command(BaseCommand):
    help = "载入演示数据（可重复运行，不会重复创建）。"

    def handle(self, *args, **options):
        with transaction.atomic():
            build_site()
            round_2020, current = create_demo_rounds()
            businesses, created = create_demo_businesses()
            applicant_business = Business.objects.get(name="柞水秦岭人家大酒店")
            create_demo_people(applicant_business)
            api_key = create_demo_api_key()
        # The demo's workflow would e-mail hundreds of demo addresses: those messages go nowhere.
        with override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"):
            named = build_2020_round(round_2020)
            waiting = build_current_round(current)
            campaigns = build_reevaluation()
            expiring = build_renewals(current)
            history = build_2020_complaints()  # after the campaigns: their samples are the demo's record
            cases = build_current_complaints()
        self.stdout.write(self.style.SUCCESS(
            f"演示数据就绪：{len(businesses)} 家经营主体（新增 {created}），批次 {round_2020.year}、{current.year}；"
            f"本次新建 {named} 个{round_2020.year}年命名单位、{waiting} 份{current.year}年申报、"
            f"{campaigns} 次年度复核、{expiring} 个证书即将到期或已续期的单位；"
            f"{history} 件{round_2020.year}年投诉、{cases} 件当前投诉。"
        ))
        self.stdout.write(f"演示账号（密码均为 {DEMO_PASSWORD}）：")
        rows = [
            ("admin", "超级管理员（/admin/）"),
            ("city", "市局工作人员：商洛市市场监督管理局"),
            ("xiehui", "市局工作人员：商洛市消费者协会"),
            ("zhashui", "县区局工作人员：柞水县"),
            ("pingshen1 … pingshen6", "评审员"),
            ("qiye", "申报企业：柞水秦岭人家大酒店"),
            ("daoqi90 / daoqi60 / daoqi30 / daoqi7", "申报企业：证书 90/60/30/7 天后到期，可办理续期"),
            ("xuqi", "申报企业：已续期（旧证书显示“已换发新证”）"),
        ]
        for login, role in rows:
            self.stdout.write(f"  {login:<22} {role}")
        others = "、".join(v for v in COUNTY_LOGINS.values() if v != "zhashui")
        self.stdout.write(f"  其他县区局账号：{others}")
        self.stdout.write(
            f"查验接口 /api/v1/（文档 /api/v1/docs）的演示密钥：{api_key}（请求头 X-API-Key，每分钟 600 次）"
        )
