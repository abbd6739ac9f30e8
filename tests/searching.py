"""Helpers of the search tests: named units with a given name, address, county and level, and the
names a search lists, in order (through the public page /units/?q=…)."""

import re
from html import unescape

from certification.models import Level

from .factories import CertificateFactory, county

_NAME = re.compile(r'<a class="unit-name" href="/units/\d+/">(.*?)</a>')


def named_unit(name, address="人民路1号", county_name="柞水县", level=Level.COUNTY):
    """A unit in force; the address holds no place name unless given one."""
    return CertificateFactory(
        application__business__name=name,
        application__business__address=address,
        application__business__region=county(county_name),
        application__level=level,
        application__level_requested=level,
    ).application


def listed(client, term, extra=None):
    """The unit names /units/?q=term shows, in order."""
    response = client.get("/units/", {"q": term, **(extra or {})})
    assert response.status_code == 200, response.status_code
    return [unescape(name) for name in _NAME.findall(response.content.decode())]
