import pytest

from certification.models import Industry, Region

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
