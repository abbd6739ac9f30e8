"""Demo of expiry and renewal, made through the real services at past dates (`clock`).

* A round two years back whose units were named on the days that make their 2-year certificates end
  90, 60, 30 and 7 days from the day the demo is loaded: `manage.py daily` sends each its reminder
  (once, however often it runs). Their accounts are daoqi90, daoqi60, daoqi30 and daoqi7.
* One unit of that round (account xuqi) renewed in the current round: its renewal was named five
  days ago, so its old certificate verifies as 已换发新证 and the directory lists it once.
"""

import datetime

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from ..models import Application, Business, Level, Round
from ..services import naming, notice, renewals, workflow
from ..services.certificates import add_years
from .applications import assess, city_officer, clock, officer_for, through_assessment
from .people import DEMO_PASSWORD

# (login, days from today to the end of the certificate, level)
EXPIRING = [("daoqi90", 90, Level.COUNTY), ("daoqi60", 60, Level.CITY), ("daoqi30", 30, Level.COUNTY),
            ("daoqi7", 7, Level.COUNTY)]
RENEWED = ("xuqi", 40, Level.COUNTY)
VALIDITY_YEARS = 2


def named_on_for(end, years=VALIDITY_YEARS):
    """The naming day whose certificate (valid `years` less a day) ends on `end`."""
    return add_years(end + datetime.timedelta(days=1), -years)


def demo_round(first_naming):
    """The round the expiring units were named in: its applications were all made a month before
    the first naming, so the round is that month's year."""
    year = (first_naming - datetime.timedelta(days=30)).year
    round_, _ = Round.objects.get_or_create(year=year, defaults={
        "title": f"{year}年度放心消费示范单位创建",
        "application_opens": datetime.date(year, 1, 1), "application_closes": datetime.date(year, 12, 31),
        "quota_city": 10, "quota_county": 170, "certificate_validity_years": VALIDITY_YEARS,
    })
    return round_


def pick_businesses(count):
    """Businesses with no application yet, 柞水县 first (the demo county officer's)."""
    pool = Business.objects.filter(applications__isnull=True, owner__isnull=True).select_related("region")
    return sorted(pool, key=lambda b: (b.region.name != "柞水县", b.pk))[:count]


def account(login, business, password_hash):
    """The unit's demo account `login` (the demo password, hashed once for all of them)."""
    User = get_user_model()
    email = f"{login}@demo.shangluo.example"
    user = User.objects.filter(username=login).first() or User.objects.create(
        username=login, email=email, password=password_hash, first_name=f"{business.name[:20]} 申报专员",
    )
    EmailAddress.objects.get_or_create(user=user, email=user.email, defaults={"verified": True, "primary": True})
    return user


def officer_naming(application):
    return city_officer() if application.level == Level.CITY else officer_for(application.business)


def name_on(applications, start, days):
    """Put the applications on notice on `start` and name each on its own day (`days[i]`)."""
    by_officer = {}
    for app in applications:
        by_officer.setdefault(officer_naming(app), []).append(app)
    with clock(start):
        for officer, apps in by_officer.items():
            notice.open_notice(apps, officer)
    for day, app in sorted(zip(days, applications, strict=True), key=lambda pair: pair[0]):  # numbered in order
        with clock(day):
            naming.name_units([Application.objects.get(pk=app.pk)], officer_naming(app))


@transaction.atomic
def build_renewals(current):
    """Returns how many units it added (0 when they are there already)."""
    if Application.objects.filter(business__owner__username=RENEWED[0]).exists():
        return 0
    today = timezone.localdate()
    specs = [*EXPIRING, RENEWED]
    businesses = pick_businesses(len(specs))
    password_hash = make_password(DEMO_PASSWORD)
    for (login, _, _), business in zip(specs, businesses, strict=True):
        business.owner = account(login, business, password_hash)
        business.save(update_fields=["owner"])
    naming_days = [named_on_for(today + datetime.timedelta(days=days)) for _, days, _ in specs]
    first = min(naming_days)
    round_ = demo_round(first)
    applied_on = first - datetime.timedelta(days=30)
    with clock(applied_on):
        titles = [
            through_assessment(business, round_, level, [93, 95] if level == Level.CITY else [86, 88], password_hash)
            for (_, _, level), business in zip(specs, businesses, strict=True)
        ]
    name_on(titles, applied_on + datetime.timedelta(days=5), naming_days)

    # xuqi renewed its title in the current round twenty days ago; the renewal was named five days ago.
    old = Application.objects.select_related("certificate", "business").get(pk=titles[-1].pk)
    owner = old.business.owner
    with clock(today - datetime.timedelta(days=20)):
        renewal = renewals.start(old, current, list(old.documents.all()), owner)
        workflow.perform(renewal, "submit", owner)
        workflow.perform(renewal, "accept", officer_for(old.business), comment="续期申报，材料齐全，予以受理。")
        renewal = assess(renewal, [88, 90], officer_for(old.business))
    name_on([renewal], today - datetime.timedelta(days=19), [today - datetime.timedelta(days=5)])
    return len(specs)
