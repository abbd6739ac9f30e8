"""Publishing notice pages (公示 and naming announcements) in the CMS, listing the units concerned."""

import secrets

from django.core.exceptions import ImproperlyConfigured
from django.utils import timezone

from cms.models import NoticeEntry, NoticeIndexPage, NoticePage


def publish(title, kind, round, applications, by=None, ends_on=None, body=""):
    index = NoticeIndexPage.objects.live().first()
    if index is None:
        raise ImproperlyConfigured("网站还没有“公示公告”栏目，请先在内容管理中建立。")
    today = timezone.localdate()
    page = NoticePage(
        title=title, slug=f"{kind}-{today:%Y%m%d}-{secrets.token_hex(3)}", kind=kind, date=today,
        ends_on=ends_on, round=round, body=body,
        entries=[NoticeEntry(application=app, sort_order=i) for i, app in enumerate(applications)],
    )
    index.add_child(instance=page)
    # Published on behalf of the workflow: the officer may open a notice without CMS publishing rights.
    page.save_revision(user=by).publish(user=by, skip_permission_checks=True)
    return page
