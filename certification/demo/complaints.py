"""Demo complaints (deterministic, idempotent):

* the report's 2020 figures — 3,852 cases, 97.3 % closed, ¥1,137,000 recovered — spread over the 2020
  units (so over every county and sector) and over the channels, written with bulk_create (fast);
* current cases about 柞水县 units (the demo officer `zhashui`), one in each of the five steps, one overdue;
* one 柞水县 unit whose substantiated complaints, closed through the real service, opened a review.
"""

import datetime
import random
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from ..models import Application, Complaint, ComplaintLog, ProgrammeSettings, State
from ..models.complaints import Category, Channel, ComplaintState, Result, add_working_days, new_tracking_number
from ..services import complaints
from .applications import officer_for

CASES_2020 = 3852
CLOSED_2020 = 3748  # 97.3 %
RECOVERED_2020 = 1_137_000
CHANNELS = [(Channel.HOTLINE, 52), (Channel.PLATFORM, 26), (Channel.WALK_IN, 10), (Channel.UNIT_PAGE, 8),
            (Channel.LETTER, 4)]
TEXTS = {
    Category.SAFETY: "购买的食品已过保质期，食用后身体不适，要求赔偿。",
    Category.QUALITY: "新买的商品使用几天即出现质量问题，商家拒绝退换。",
    Category.PRICE: "结账金额高于标价，要求退还差价。",
    Category.SERVICE: "服务人员态度恶劣，未按约定提供服务。",
    Category.REDRESS: "预付卡余额无法退还，商家拖延处理。",
}
SUBSTANTIATED_RESULTS = [Result.MEDIATED, Result.RETURNED, Result.COMPENSATED, Result.REFUNDED, Result.EXCHANGED]
OTHER_RESULTS = [Result.NOT_MEDIATED, Result.EXPLAINED, Result.REFERRED]
REVIEW_UNIT = "柞水好又多购物广场有限公司"
DEMO_COMPLAINANT = "演示投诉人"


def _received_2020(rng):
    day = datetime.date(2020, 1, 1) + datetime.timedelta(days=rng.randrange(352))  # up to mid-December
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(8 + rng.randrange(10), rng.randrange(60))))


def _split(total, weights):
    """Whole yuan amounts in proportion to `weights`, summing exactly to `total`."""
    scale = sum(weights)
    amounts = [total * w // scale for w in weights]
    for i in range(total - sum(amounts)):
        amounts[i % len(amounts)] += 1
    return amounts


@transaction.atomic
def build_2020_complaints():
    """The 2020 cases, in bulk; returns how many were created (0 when they exist)."""
    if Complaint.objects.filter(received_at__year=2020).exists():
        return 0
    units = list(Application.objects.filter(round__year=2020, named_on__isnull=False).select_related("business")
                 .order_by("pk"))
    if not units:
        return 0
    rng = random.Random(2020)
    channels = [c for c, weight in CHANNELS for _ in range(weight)]
    closed_ids = set(rng.sample(range(CASES_2020), CLOSED_2020))
    substantiated_ids = {i for i in closed_ids if rng.random() < 0.62}
    paying = sorted(substantiated_ids)
    money = dict(zip(paying, _split(RECOVERED_2020, [rng.randint(20, 900) for _ in paying]), strict=True))
    programme = ProgrammeSettings.current()
    contact, close = programme.complaint_contact_working_days, programme.complaint_close_working_days
    rows = []
    for i in range(CASES_2020):
        category = rng.choice(Category.values)
        received = _received_2020(rng)
        received_on = timezone.localdate(received)
        unit = units[rng.randrange(len(units))]
        row = Complaint(
            application=unit, region_id=unit.business.region_id, industry_id=unit.business.industry_id,
            reference=new_tracking_number(),
            channel=rng.choice(channels), category=category, text=TEXTS[category],
            amount_in_dispute=Decimal(rng.randint(20, 3000)), received_at=received,
            contact_due_on=add_working_days(received_on, contact), close_due_on=add_working_days(received_on, close),
            received_year=received_on.year,
        )
        if i in closed_ids:
            days = rng.choice([1, 2, 3, 3, 4, 5, 5, 6, 7, 8, 9, 12])
            steps = [received + datetime.timedelta(hours=h) for h in (3, 24 * max(days // 3, 1), 24 * max(days // 2, 1),
                                                                      24 * max(days - 1, 1), 24 * days)]
            row.state = ComplaintState.ARCHIVED
            row.contacted_at, row.handled_at, row.answered_at, row.revisited_at, row.archived_at = steps
            row.days_to_close = (timezone.localdate(row.archived_at) - received_on).days
            row.substantiated = i in substantiated_ids
            row.result = rng.choice(SUBSTANTIATED_RESULTS if row.substantiated else OTHER_RESULTS)
            row.money_recovered = Decimal(money.get(i, 0))
        else:
            row.state = ComplaintState.HANDLED
            row.contacted_at = received + datetime.timedelta(hours=5)
            row.handled_at = received + datetime.timedelta(days=3)
        rows.append(row)
    created = Complaint.objects.bulk_create(rows, batch_size=1000)
    ComplaintLog.objects.bulk_create([
        ComplaintLog(complaint=c, step="archive", source=ComplaintState.REVISITED, target=ComplaintState.ARCHIVED,
                     note="（2020年度历史数据）", created_at=c.archived_at)
        for c in created if c.archived_at
    ], batch_size=1000)
    return len(created)


def _zhashui_units():
    return list(Application.objects.holding_title().filter(business__region__name="柞水县", state=State.NAMED)
                .exclude(business__name=REVIEW_UNIT).select_related("business__region").order_by("pk"))


STEP_NOTES = {  # what an officer writes at each of the five quicks
    "contact": "已电话联系投诉人，核实情况并约定处理时间。",
    "handle": "已约谈经营者，责令其按承诺处理。",
    "answer": "已将处理结果告知投诉人。",
    "revisit": "已回访投诉人，对处理结果表示满意。",
}


def build_current_complaints():
    """Cases now: one at each step, one overdue, and a unit whose complaints opened a review."""
    units = _zhashui_units()
    if not units or Complaint.objects.filter(complainant_name=DEMO_COMPLAINANT).exists():
        return 0
    officer = officer_for(units[0].business)
    now = timezone.now()
    made = 0
    steps = ["contact", "handle", "answer", "revisit"]
    for n in range(len(steps) + 1):  # 0..4 steps made: received … revisited
        unit = units[n % len(units)]
        case, _secret = complaints.receive(
            unit, category=Category.values[n % 5], text=TEXTS[Category.values[n % 5]],
            channel=[Channel.UNIT_PAGE, Channel.HOTLINE][n % 2], complainant_name=DEMO_COMPLAINANT,
            complainant_phone=f"1380000{n:04d}", received_at=now - datetime.timedelta(hours=2 + n),
        )
        for step in steps[:n]:
            complaints.advance(case, step, officer, STEP_NOTES[step])
        made += 1
    archived, _ = complaints.receive(units[1 % len(units)], category=Category.PRICE, text=TEXTS[Category.PRICE],
                                     channel=Channel.HOTLINE, complainant_name=DEMO_COMPLAINANT,
                                     received_at=now - datetime.timedelta(days=3))
    for step in steps:
        complaints.advance(archived, step, officer, STEP_NOTES[step])
    complaints.advance(archived, "archive", officer, "经营者退还差价，消费者满意。", substantiated=True,
                       result=Result.REFUNDED, money_recovered=Decimal("36.00"))
    complaints.receive(units[2 % len(units)], category=Category.SERVICE, text="电话无人接听，预约服务一直未上门。",
                       channel=Channel.WALK_IN, complainant_name=DEMO_COMPLAINANT,
                       received_at=now - datetime.timedelta(days=9))  # overdue
    made += 2
    review_unit = Application.objects.holding_title().filter(business__name=REVIEW_UNIT, state=State.NAMED).first()
    if review_unit is not None:
        for n in range(complaints.review_threshold() + 1):
            case, _ = complaints.receive(review_unit, category=Category.SAFETY, text=TEXTS[Category.SAFETY],
                                         channel=Channel.HOTLINE, complainant_name=DEMO_COMPLAINANT,
                                         received_at=now - datetime.timedelta(days=40 - n))
            for step in steps:
                complaints.advance(case, step, officer, STEP_NOTES[step])
            complaints.advance(case, "archive", officer, "经查属实，经营者赔偿消费者损失。", substantiated=True,
                               result=Result.COMPENSATED, money_recovered=Decimal("200.00"))
            made += 1
    return made
