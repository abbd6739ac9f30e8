"""Publishing notice pages (公示 and naming announcements) in the CMS, listing the units concerned."""

import secrets

from django.core.exceptions import ImproperlyConfigured
from django.utils import timezone

from cms.models import NoticeEntry, NoticeIndexPage, NoticePage

from ..permissions import officer_of

CITY_BUREAU = "商洛市市场监督管理局"
# The 文号's word for each kind: 公 (公示), 命 (命名), 发 (anything else).
DOCUMENT_WORD = {"notice": "公", "naming": "命"}


def issuer_of(by):
    """The bureau that issues what `by` publishes: the officer's organisation, else the city bureau."""
    officer = officer_of(by) if by is not None else None
    return (officer.organisation_name, officer.region.name) if officer else (CITY_BUREAU, "商洛市")


def next_reference_number(region_name, kind, year):
    """柞水市监公〔2026〕3号: the region's name without 县/区/市, then the kind's word and the year's count."""
    prefix = f"{region_name.rstrip('县区市')}市监{DOCUMENT_WORD.get(kind, '发')}〔{year}〕"
    issued = NoticePage.objects.filter(reference_number__startswith=prefix).count()
    return f"{prefix}{issued + 1}号"


def publish(title, kind, round, applications, by=None, ends_on=None, body=""):
    index = NoticeIndexPage.objects.live().first()
    if index is None:
        raise ImproperlyConfigured("网站还没有“公示公告”栏目，请先在内容管理中建立。")
    today = timezone.localdate()
    issuer, region_name = issuer_of(by)
    page = NoticePage(
        title=title, slug=f"{kind}-{today:%Y%m%d}-{secrets.token_hex(3)}", kind=kind, date=today,
        ends_on=ends_on, round=round, body=body, issuer=issuer,
        reference_number=next_reference_number(region_name, kind, today.year),
        entries=[NoticeEntry(application=app, sort_order=i) for i, app in enumerate(applications)],
    )
    index.add_child(instance=page)
    # Published on behalf of the workflow: the officer may open a notice without CMS publishing rights.
    page.save_revision(user=by).publish(user=by, skip_permission_checks=True)
    return page
