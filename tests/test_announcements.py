"""Announcements read as official documents: a title naming the issuing bureau or county, a 文号,
a 落款 (bureau and date), and the named units linked to their pages."""

import pytest
from django.utils import timezone

from certification.models import Level
from certification.services import naming

from . import flows
from .factories import BusinessFactory, UserFactory, county

pytestmark = pytest.mark.django_db


def named_on_announcement(officer, **kwargs):
    app = flows.on_notice(officer, days_ago=9, **kwargs)
    _, _, page = naming.name_units([app], officer)
    return app, page


def test_the_naming_announcement_title_names_the_county_bureau(county_officer):
    _, page = named_on_announcement(county_officer)
    assert page.title.startswith("柞水县市场监督管理局关于命名")


def test_naming_announcements_of_two_counties_have_different_titles(county_officer, other_county_officer):
    _, zhashui = named_on_announcement(county_officer)
    _, shangzhou = named_on_announcement(
        other_county_officer, business=BusinessFactory(region=county("商州区"), owner=UserFactory()))
    assert zhashui.title != shangzhou.title


def test_the_notice_is_numbered_and_signed_by_the_county_bureau(county_officer):
    app = flows.on_notice(county_officer)
    page = app.notice_entries.get().page
    assert page.reference_number.startswith("柞水市监公〔") and page.issuer == "柞水县市场监督管理局"


def test_an_announcement_carries_a_reference_number_counted_per_bureau_and_year(county_officer):
    _, first = named_on_announcement(county_officer)
    _, second = named_on_announcement(county_officer)
    year = timezone.localdate().year
    assert (first.reference_number, second.reference_number) == (f"柞水市监命〔{year}〕1号", f"柞水市监命〔{year}〕2号")


def test_a_city_announcement_is_numbered_and_signed_by_the_city_bureau(city_officer):
    _, page = named_on_announcement(city_officer, totals=(95, 96), level=Level.CITY)
    assert page.reference_number.startswith("商洛市监命〔") and page.issuer == "商洛市市场监督管理局"


def test_the_announcement_page_shows_the_reference_number_and_the_signature(client, county_officer):
    _, page = named_on_announcement(county_officer)
    html = client.get(page.url).content.decode()
    assert page.reference_number in html
    assert f'<p class="document-signature">柞水县市场监督管理局<br><time datetime="{page.date:%Y-%m-%d}">' in html


def test_a_named_unit_on_the_announcement_links_to_its_unit_page(client, county_officer):
    app, page = named_on_announcement(county_officer)
    html = client.get(page.url).content.decode()
    assert f'href="/units/{app.pk}/"' in html


def test_a_candidate_on_notice_is_not_linked_before_it_is_named(client, county_officer):
    app = flows.on_notice(county_officer)
    page = app.notice_entries.get().page
    html = client.get(page.url).content.decode()
    assert app.business.name in html and f'href="/units/{app.pk}/"' not in html
