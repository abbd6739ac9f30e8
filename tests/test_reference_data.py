import pytest
from django.core.management import call_command

from certification.models import Business, Industry, Officer, Region, Round
from cms.models import AssurancePage, HomePage

pytestmark = pytest.mark.django_db

REGIONS = {
    "611000": "商洛市", "611002": "商州区", "611021": "洛南县", "611022": "丹凤县",
    "611023": "商南县", "611024": "山阳县", "611025": "镇安县", "611026": "柞水县",
}


def test_the_eight_regions_load_with_their_codes():
    assert dict(Region.objects.values_list("code", "name")) == REGIONS


def test_the_seven_counties_belong_to_the_city():
    city = Region.objects.get(code="611000")
    assert city.level == "city"
    assert set(Region.objects.filter(parent=city).values_list("code", flat=True)) == set(REGIONS) - {"611000"}


def test_the_programme_sectors_and_catering_load():
    assert Industry.objects.count() == 8
    assert Industry.objects.filter(named_in_programme=True).count() == 7
    assert Industry.objects.get(code="catering").name == "餐饮服务"


def counts():
    return {
        "businesses": Business.objects.count(), "rounds": Round.objects.count(), "officers": Officer.objects.count(),
        "home": HomePage.objects.count(), "assurances": AssurancePage.objects.count(),
    }


def test_seed_demo_twice_gives_the_same_data_not_double():
    call_command("seed_demo", stdout=open("/dev/null", "w"))
    first = counts()
    call_command("seed_demo", stdout=open("/dev/null", "w"))
    assert counts() == first


def test_seed_demo_covers_all_counties_and_all_sectors():
    call_command("seed_demo", stdout=open("/dev/null", "w"))
    assert Business.objects.values("region").distinct().count() == 7
    assert Business.objects.values("industry").distinct().count() == 8


def test_seed_demo_creates_a_2020_round():
    call_command("seed_demo", stdout=open("/dev/null", "w"))
    assert Round.objects.filter(year=2020).exists()
