import pytest

from cms.models import AssurancePage

ASSURANCES = ["安全放心", "质量放心", "价格放心", "服务放心", "维权放心"]

pytestmark = pytest.mark.django_db


def test_criteria_index_lists_all_five_assurances_for_an_anonymous_visitor(client):
    response = client.get("/criteria/")
    assert response.status_code == 200
    html = response.content.decode()
    for title in ASSURANCES:
        assert title in html


def test_criteria_index_shows_every_published_indicator(client):
    html = client.get("/criteria/").content.decode()
    for page in AssurancePage.objects.live():
        for indicator in page.indicators.all():
            assert indicator.text in html


def test_an_assurance_page_shows_its_indicators_and_veto_items(client):
    response = client.get("/criteria/safety/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "经营场所、消防设施和特种设备符合安全要求" in html
    assert "一票否决" in html


def test_default_criteria_total_100_points_with_20_per_assurance(client):
    pages = AssurancePage.objects.live().order_by("path")
    assert [p.title for p in pages] == ASSURANCES
    assert [p.max_points for p in pages] == [20] * 5


def test_each_assurance_has_at_least_three_scored_indicators():
    for page in AssurancePage.objects.live():
        assert page.indicators.filter(veto=False).count() >= 3


def test_default_criteria_have_veto_items():
    from cms.models import Indicator

    assert Indicator.objects.filter(veto=True).count() >= 3
