"""Demo accounts for every role. All share one demo password, printed by seed_demo."""

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from ..models import Assessor, Business, Industry, Officer, Region
from ..roles import ASSESSORS, CITY_OFFICERS, COUNTY_OFFICERS

DEMO_PASSWORD = "shangluo2020"

COUNTY_LOGINS = {"商州区": "shangzhou", "洛南县": "luonan", "丹凤县": "danfeng", "商南县": "shangnan",
                 "山阳县": "shanyang", "镇安县": "zhenan", "柞水县": "zhashui"}
ASSESSOR_SPECS = [
    ("pingshen1", "高建华", "商州区", ["retail", "catering"]),
    ("pingshen2", "田晓燕", "洛南县", ["finance", "insurance"]),
    ("pingshen3", "马志刚", "丹凤县", ["tourism", "transport"]),
    ("pingshen4", "郭丽萍", "山阳县", ["medical", "retail"]),
    ("pingshen5", "邓文博", "镇安县", ["telecom", "finance"]),
    ("pingshen6", "冯雪梅", "柞水县", ["tourism", "catering", "medical"]),
]


def demo_user(username, full_name="", email=None, is_superuser=False, groups=()):
    User = get_user_model()
    email = email or f"{username}@demo.shangluo.example"
    user = User.objects.filter(username=username).first()
    if user is None:
        user = User(username=username, email=email, first_name=full_name, is_superuser=is_superuser,
                    is_staff=is_superuser)
        user.set_password(DEMO_PASSWORD)
        user.save()
    EmailAddress.objects.get_or_create(user=user, email=email, defaults={"verified": True, "primary": True})
    for name in groups:
        user.groups.add(Group.objects.get(name=name))
    return user


def create_demo_people(applicant_business: Business):
    demo_user("admin", "系统管理员", is_superuser=True)
    city = Region.objects.get(level=Region.Level.CITY)
    Officer.objects.get_or_create(
        user=demo_user("city", "市局 赵主任", groups=[CITY_OFFICERS]),
        defaults={"region": city, "organisation": "商洛市市场监督管理局", "title": "消费者权益保护科"},
    )
    Officer.objects.get_or_create(
        user=demo_user("xiehui", "市消协 钱秘书长", groups=[CITY_OFFICERS]),
        defaults={"region": city, "organisation": "商洛市消费者协会", "title": "秘书长"},
    )
    for county in Region.objects.filter(level=Region.Level.COUNTY):
        Officer.objects.get_or_create(
            user=demo_user(COUNTY_LOGINS[county.name], f"{county.name}局 工作人员", groups=[COUNTY_OFFICERS]),
            defaults={"region": county},
        )
    for username, full_name, region_name, sectors in ASSESSOR_SPECS:
        assessor, _ = Assessor.objects.get_or_create(
            user=demo_user(username, full_name, groups=[ASSESSORS]),
            defaults={"home_region": Region.objects.get(name=region_name), "organisation": "商洛市放心消费评审专家库"},
        )
        assessor.sectors.add(*Industry.objects.filter(code__in=sectors))
    applicant = demo_user("qiye", "柞水秦岭人家 申报专员")
    if applicant_business.owner_id is None:
        applicant_business.owner = applicant
        applicant_business.save(update_fields=["owner"])
    return applicant
