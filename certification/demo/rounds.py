"""Demo rounds: the 2020 round of the programme text, and the current year's open round."""

import datetime

from django.utils import timezone

from ..models import Round


def create_demo_rounds():
    round_2020, _ = Round.objects.get_or_create(
        year=2020,
        defaults={
            "title": "2020年度放心消费示范单位创建",
            "application_opens": datetime.date(2020, 3, 15),
            "application_closes": datetime.date(2020, 9, 30),
            "quota_city": 10,
            "quota_county": 170,
            # The demo's 2020 units must still be in force today so that the public pages show them;
            # new rounds default to 2 years.
            "certificate_validity_years": 10,
        },
    )
    today = timezone.localdate()
    current, _ = Round.objects.get_or_create(
        year=today.year,
        defaults={
            "title": f"{today.year}年度放心消费示范单位创建",
            # open a month before the demo's earliest event of this round, even early in January
            "application_opens": min(datetime.date(today.year, 1, 1), today - datetime.timedelta(days=30)),
            "application_closes": datetime.date(today.year, 12, 31),
            "quota_city": 10,
            "quota_county": 170,
        },
    )
    return round_2020, current
