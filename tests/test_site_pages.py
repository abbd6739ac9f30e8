import re

import pytest
from django.utils import timezone

from certification.models import Level

from .factories import ApplicationFactory, CertificateFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def production_errors(settings):
    settings.DEBUG = False


def test_home_page_answers_in_chinese(client):
    response = client.get("/")
    assert response.status_code == 200
    assert "商洛市放心消费示范单位" in response.content.decode()
    assert 'lang="zh-Hans"' in response.content.decode()


def home_figures(client):
    """The home page's figures, by their label: {"市级放心消费示范单位": "2", …}."""
    html = client.get("/").content.decode()
    return dict((label, number) for number, label in
                re.findall(r'<div class="num">(\d+)</div>([^<]+)</div>', html))


def test_home_page_shows_live_counts_of_named_units(client):
    CertificateFactory.create_batch(2, application__level_requested=Level.CITY)
    CertificateFactory.create_batch(3)
    CertificateFactory(revoked_on=timezone.localdate(), revoked_reason="价格欺诈")  # no longer in force
    ApplicationFactory(in_notice=True)
    assert home_figures(client) == {"市级放心消费示范单位": "2", "县区级放心消费示范单位": "3",
                                   "正在公示的候选单位": "1"}


def test_home_page_counts_a_newly_named_unit_at_once(client):
    before = home_figures(client)["县区级放心消费示范单位"]
    CertificateFactory()
    assert (before, home_figures(client)["县区级放心消费示范单位"]) == ("0", "1")


def test_about_page_answers(client):
    assert client.get("/about/").status_code == 200


def test_notices_index_answers(client):
    assert client.get("/notices/").status_code == 200


def test_an_unknown_url_gives_a_chinese_404_page(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "页面不存在" in response.content.decode()


def test_admin_login_page_is_in_chinese(client):
    response = client.get("/admin/login/", follow=True)  # everyone signs in on the site's own page
    assert response.status_code == 200
    assert "登录" in response.content.decode()


@pytest.fixture
def city_staff(client, city_officer):
    from django.contrib.auth.models import Group

    city_officer.groups.add(Group.objects.get(name="市局工作人员"))
    client.force_login(city_officer)
    return client


def test_admin_dashboard_answers_for_a_city_officer_in_chinese(city_staff):
    response = city_staff.get("/admin/")
    assert response.status_code == 200
    assert 'lang="zh-hans"' in response.content.decode()


@pytest.mark.parametrize("url", ["/admin/round/", "/admin/business/", "/admin/region/", "/admin/industry/"])
def test_city_officers_manage_reference_data_in_the_admin_in_chinese(city_staff, url):
    response = city_staff.get(url)
    assert response.status_code == 200
    assert any(word in response.content.decode() for word in ["创建批次", "经营主体", "行政区", "行业"])


def test_pages_use_only_static_files_served_by_the_site(client):
    html = client.get("/").content.decode()
    assert "http://" not in html.replace("http://testserver", "")
    assert "https://" not in html
