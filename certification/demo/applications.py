"""Demo applications, made through the real services so that every log row, notice page and
certificate is what the system itself would produce.

* The 2020 round ends as the programme text says: 10 city-level and 164 county-level named units,
  spread over all 7 counties and the 7 sectors the programme names. Its events are dated in 2020.
* The current round has applications waiting in every other state: draft, submitted, returned,
  under assessment, assessed, in notice (one with an objection, one whose notice is over), rejected
  and withdrawn.
"""

import datetime
import hashlib
import io
from contextlib import contextmanager
from decimal import Decimal
from unittest import mock

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone
from pypdf import PdfWriter

from ..criteria import live_criteria
from ..models import Application, Business, Industry, Level, Officer, Region, State
from ..selectors.assessment import eligible_assessors
from ..services import applications, assessment, documents, naming, notice, workflow
from .people import DEMO_PASSWORD


def _blank_pdf():
    """One blank A4 page, standing in for scanned licences and commitment letters (uploads are read with pypdf)."""
    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


DEMO_PDF = _blank_pdf()
CITY_UNITS = [  # (county, sector) of the ten city-level units
    ("商州区", "retail"), ("商州区", "telecom"), ("商州区", "medical"), ("洛南县", "finance"), ("丹凤县", "tourism"),
    ("商南县", "tourism"), ("山阳县", "insurance"), ("镇安县", "transport"), ("柞水县", "tourism"),
    ("柞水县", "finance"),
]
COUNTY_NAMED = 164


@contextmanager
def clock(day, hour=10):
    """Run the services as if it were `day` (the demo's 2020 history). Demo data only."""
    moment = timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))
    with mock.patch("django.utils.timezone.now", return_value=moment):
        yield


def digest(text, modulo):
    return int(hashlib.sha256(text.encode()).hexdigest(), 16) % modulo


def owner_for(business, password_hash):
    """A demo account for a business that has none (login = "qy" + its id)."""
    if business.owner_id:
        return business.owner
    User = get_user_model()
    username = f"qy{business.pk}"
    user = User.objects.filter(username=username).first() or User.objects.create(
        username=username, email=f"{username}@demo.shangluo.example", password=password_hash,
        first_name=f"{business.name[:20]} 申报专员",
    )
    EmailAddress.objects.get_or_create(user=user, email=user.email, defaults={"verified": True, "primary": True})
    business.owner = user
    business.save(update_fields=["owner"])
    return user


def score_sheet(criteria, target, seed):
    """A plausible score sheet totalling `target`: points are taken off a few indicators, with comments."""
    sheet = {i["code"]: {"points": i["max_points"], "comment": "", "veto": False} for i in criteria.indicators()}
    scored = [i for i in criteria.indicators() if i["max_points"]]
    to_take = Decimal(100) - Decimal(target)
    n = 0
    while to_take > 0:
        indicator = scored[(seed + n * 7) % len(scored)]
        entry = sheet[indicator["code"]]
        step = min(Decimal("1.5"), to_take, Decimal(str(entry["points"])))
        if step > 0:
            entry["points"] = float(Decimal(str(entry["points"])) - step)
            entry["comment"] = "现场核查发现部分台账记录不完整，需进一步规范。"
            to_take -= step
        n += 1
    return sheet


def prepare(business, round_, level, password_hash):
    """A complete draft with self-assessment and both required documents."""
    user = owner_for(business, password_hash)
    app = applications.start_application(business, round_, level)
    criteria = live_criteria()
    applications.save_self_assessment(app, {
        i["code"]: {"points": i["max_points"], "note": "已按要求落实，详见佐证材料。"} for i in criteria.indicators()
    })
    for kind, name in (("licence", "营业执照.pdf"), ("commitment", "放心消费承诺书.pdf")):
        documents.attach(app, kind, SimpleUploadedFile(name, DEMO_PDF), user)
    return app, user


def officer_for(business):
    return Officer.objects.filter(region=business.region).select_related("user").first().user


def city_officer():
    return Officer.objects.filter(region__level=Region.Level.CITY).select_related("user").first().user


def assess(app, totals, officer):
    """Assign as many assessors as `totals` and submit their sheets."""
    chosen = eligible_assessors(app)[: len(totals)]
    assessment.assign(app, chosen, officer)
    criteria = app.criteria.as_criteria() if app.criteria else live_criteria()
    for assignment, total in zip(app.assignments.order_by("pk"), totals, strict=True):
        sheet = score_sheet(criteria, total, digest(app.business.name + str(assignment.pk), 97))
        assessment.save_scores(assignment, sheet, assignment.assessor.user, submit=True)
    app.refresh_from_db()
    return app


def through_assessment(business, round_, level, totals, password_hash):
    app, user = prepare(business, round_, level, password_hash)
    workflow.perform(app, "submit", user)
    officer = officer_for(business)
    workflow.perform(app, "accept", officer, comment="材料齐全，予以受理。")
    return assess(app, totals, officer)


def pick_2020_units():
    programme = Industry.objects.filter(named_in_programme=True)
    businesses = list(Business.objects.filter(industry__in=programme).select_related("region", "industry")
                      .order_by("region__code", "industry__sort_order", "pk"))
    city, county = [], []
    for county_name, sector in CITY_UNITS:
        options = [b for b in businesses if b.region.name == county_name and b.industry.code == sector
                   and b not in city]
        # the programme's own example of a named supermarket is one of the city-level units
        city.append(next((b for b in options if b.name == "商洛市华润万家超市有限公司"), options[0]))
    by_county, rank = {}, {}
    for b in businesses:
        if b not in city and b.name != "柞水秦岭人家大酒店":
            key = (b.region_id, b.industry_id)
            rank[b.pk] = rank.get(key, 0)
            rank[key] = rank[b.pk] + 1
            by_county.setdefault(b.region_id, []).append(b)
    for queue in by_county.values():  # within a county, alternate the sectors
        queue.sort(key=lambda b: (rank[b.pk], b.industry.sort_order))
    county = []  # round-robin over the counties, so that every county has its share
    while len(county) < COUNTY_NAMED:
        for queue in by_county.values():
            if queue and len(county) < COUNTY_NAMED:
                county.append(queue.pop(0))
    return city, county


@transaction.atomic
def build_2020_round(round_):
    if round_.applications.filter(state=State.NAMED).exists():
        return 0
    password_hash = make_password(DEMO_PASSWORD)
    city_units, county_units = pick_2020_units()
    assessed = []
    with clock(datetime.date(2020, 6, 10)):
        for business in city_units + county_units:
            level = Level.CITY if business in city_units else Level.COUNTY
            base = 91 if level == Level.CITY else 81
            first = base + digest(business.name, 8)
            assessed.append(through_assessment(business, round_, level, [first, min(first + 2, 100)],
                                               password_hash))
    with clock(datetime.date(2020, 11, 16)):
        by_officer = {}
        for app in assessed:
            officer = city_officer() if app.level == Level.CITY else officer_for(app.business)
            by_officer.setdefault(officer, []).append(app)
        for officer, apps in by_officer.items():
            notice.open_notice(apps, officer)
    with clock(datetime.date(2020, 12, 1)):
        for officer, apps in by_officer.items():
            naming.name_units(apps, officer)
    return len(assessed)


@transaction.atomic
def build_current_round(round_):
    """One or two applications in each waiting state, mostly in 柞水县 so the demo officer sees them."""
    if round_.applications.exclude(business__name="柞水秦岭人家大酒店").exists():
        return 0
    password_hash = make_password(DEMO_PASSWORD)
    named_2020 = set(Application.objects.filter(round__year=2020).values_list("business", flat=True))
    pool = sorted(Business.objects.exclude(pk__in=named_2020).exclude(name="柞水秦岭人家大酒店")
                  .select_related("region"), key=lambda b: (b.region.name != "柞水县", b.pk))
    take = iter(pool)
    today = timezone.localdate()

    # 柞水秦岭人家大酒店 (login qiye): a draft to finish and submit.
    own = Business.objects.get(name="柞水秦岭人家大酒店")
    if not own.applications.filter(round=round_).exists():
        draft = applications.start_application(own, round_, Level.COUNTY)
        applications.save_self_assessment(draft, {"A1": {"points": 6, "note": "消防设施每年检测，检测报告见附件。"}})

    for _ in range(2):
        app, user = prepare(next(take), round_, Level.COUNTY, password_hash)
        workflow.perform(app, "submit", user)
    app, user = prepare(next(take), round_, Level.COUNTY, password_hash)
    workflow.perform(app, "submit", user)
    workflow.perform(app, "return_for_correction", officer_for(app.business),
                     comment="放心消费承诺书未加盖公章，请补正后重新提交。")
    app, user = prepare(next(take), round_, Level.COUNTY, password_hash)
    workflow.perform(app, "submit", user)
    workflow.perform(app, "refuse", officer_for(app.business), comment="该单位近两年有未办结的重大消费投诉。")
    app, user = prepare(next(take), round_, Level.COUNTY, password_hash)
    workflow.perform(app, "withdraw", user, comment="经营场所装修，明年再申报。")

    waiting = next(take)  # accepted, waiting for assessors
    app, user = prepare(waiting, round_, Level.COUNTY, password_hash)
    workflow.perform(app, "submit", user)
    workflow.perform(app, "accept", officer_for(waiting), comment="材料齐全，予以受理。")
    half = next(take)  # one assessor scored, one still to score
    app, user = prepare(half, round_, Level.COUNTY, password_hash)
    workflow.perform(app, "submit", user)
    workflow.perform(app, "accept", officer_for(half))
    assessment.assign(app, eligible_assessors(app)[:2], officer_for(half))
    first = app.assignments.order_by("pk").first()
    assessment.save_scores(first, score_sheet(app.criteria.as_criteria(), 88, 3), first.assessor.user, submit=True)

    through_assessment(next(take), round_, Level.COUNTY, [86, 89], password_hash)   # passes: ready for notice
    through_assessment(next(take), round_, Level.COUNTY, [95, 78], password_hash)   # spread of 17: flagged
    through_assessment(next(take), round_, Level.CITY, [86, 87], password_hash)     # city asked, county mark only
    failed = through_assessment(next(take), round_, Level.COUNTY, [72, 75], password_hash)  # below the pass mark
    workflow.perform(failed, "reject", officer_for(failed.business), comment="评审得分未达到县区级合格分80分。")

    objected = through_assessment(next(take), round_, Level.COUNTY, [90, 92], password_hash)
    notice.open_notice([objected], officer_for(objected.business))
    notice.submit_objection(objected.pk, "李女士", "13909140000",
                            "今年9月在该店购买的商品标价与结算价不一致，多收了12元，至今未退。")
    with clock(today - datetime.timedelta(days=10)):
        over = through_assessment(next(take), round_, Level.COUNTY, [91, 93], password_hash)
        notice.open_notice([over], officer_for(over.business))
    return Application.objects.filter(round=round_).count()
