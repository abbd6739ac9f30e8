"""Every public page a visitor can reach from the home page, crawled in the browser: no serious or
critical axe-core violation, and nothing wider than a 390 px phone."""

from urllib.parse import urldefrag, urlsplit

import pytest

from certification.models import Level
from certification.services import naming

from .. import flows
from ..factories import BusinessFactory, OfficerFactory, UserFactory, county

pytestmark = pytest.mark.browser

SKIP = ("/admin", "/cms-documents/", "/documents/", "/accounts/logout", "/static/", "/media/")
DOWNLOADS = (".csv", ".json", ".pdf", ".xlsx", "/pdf/")
LIMIT = 60


@pytest.fixture
def world(county_officer, city_officer):
    """Named units in two counties and at city level, a 公示 open for objections, and the naming
    announcements: what the public pages show."""
    named = [
        flows.on_notice(county_officer, days_ago=9),
        flows.on_notice(city_officer, totals=(95, 96), level=Level.CITY, days_ago=9),
    ]
    danfeng = OfficerFactory(user=UserFactory(username="danfeng_officer"), region=county("丹凤县")).user
    named.append(flows.on_notice(danfeng, days_ago=9, business=BusinessFactory(
        name="丹凤放心酒店有限公司", region=county("丹凤县"), owner=UserFactory())))
    for app, officer in zip(named, (county_officer, city_officer, danfeng), strict=True):
        naming.name_units([app], officer)
        app.refresh_from_db()
    flows.on_notice(county_officer)  # on notice now: its 公示 takes objections
    return named


def is_page(url, origin):
    parts = urlsplit(url)
    if f"{parts.scheme}://{parts.netloc}" != origin:
        return False
    return not parts.path.startswith(SKIP) and not parts.path.endswith(DOWNLOADS) and "/pdf" not in parts.path


def test_every_public_page_passes_axe_and_fits_a_phone(desktop, site, audit, world):
    page = desktop
    origin = site.url
    queue = ["/", "/accounts/login/", "/accounts/signup/", "/accounts/password/reset/", "/no-such-page/",
             f"/verify/?number={world[0].certificate.number}", "/verify/?number=不存在的编号"]
    seen = set()
    while queue and len(seen) < LIMIT:
        path = queue.pop(0)
        if path in seen:
            continue
        seen.add(path)
        page.goto(origin + path)
        audit.check(page, path)
        for href in page.eval_on_selector_all("a[href]", "links => links.map(a => a.href)"):
            url = urldefrag(href).url
            if is_page(url, origin):
                relative = url[len(origin):] or "/"
                if relative not in seen and relative not in queue:
                    queue.append(relative)

    assert len(seen) >= 20, sorted(seen)
    assert not audit.problems, audit.report()
