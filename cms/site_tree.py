"""The site tree every installation starts with: home, criteria (the five assurances), notices, about. Idempotent.

Used by the demo loader, the tests and a new installation alike; the texts are in initial_content.py.
"""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from wagtail.models import Locale, Page, Site

from cms.models import AssurancePage, CriteriaIndexPage, HomePage, Indicator, NoticeIndexPage, StandardPage

from . import initial_content as content


def _child(parent, model, slug, **fields):
    page = model.objects.child_of(parent).filter(slug=slug).first()
    if page is None:
        page = model(slug=slug, **fields)
        parent.add_child(instance=page)
        page.save_revision().publish()
    return page


@transaction.atomic
def build_site(hostname="localhost", port=8000):
    Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)
    root = Page.get_first_root_node()
    if root is None:  # a database emptied by a flush (Wagtail's migrations normally create it)
        root = Page.add_root(instance=Page(title="根页面", slug="root",  # as cms/migrations/0003 renames Wagtail's
                                           content_type=ContentType.objects.get_for_model(Page)))
    home = HomePage.objects.first()
    if home is None:
        # Wagtail's initial data holds a "Welcome" page at the site root: replace it with ours.
        welcome = Page.objects.filter(depth=2, slug="home").exclude(content_type__model="homepage").first()
        if welcome is not None:
            welcome.slug = "welcome-old"
            welcome.save()
        home = HomePage(title="商洛市放心消费示范单位", slug="home", intro=content.HOME_INTRO)
        root.add_child(instance=home)
        home.save_revision().publish()
        if welcome is not None:
            Site.objects.filter(root_page=welcome).update(root_page=home)
            welcome.delete()
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(hostname=hostname, port=port, root_page=home, is_default_site=True,
                            site_name="商洛市放心消费示范单位")
    elif site.root_page_id != home.pk or not site.site_name:
        site.root_page = home
        site.site_name = "商洛市放心消费示范单位"
        site.save()

    criteria = _child(home, CriteriaIndexPage, "criteria", title="评价标准", intro=content.CRITERIA_INTRO)
    for spec in content.ASSURANCES:
        if AssurancePage.objects.child_of(criteria).filter(slug=spec["slug"]).exists():
            continue
        page = AssurancePage(
            slug=spec["slug"], title=spec["title"], english_name=spec["english_name"],
            summary=spec["summary"], body=spec["body"],
        )
        page.indicators = [
            Indicator(code=code, text=text, max_points=points, veto=veto, evidence=evidence, sort_order=i)
            for i, (code, text, points, veto, evidence) in enumerate(spec["indicators"])
        ]
        criteria.add_child(instance=page)
        page.save_revision().publish()
    _child(home, NoticeIndexPage, "notices", title="公示公告",
           intro="<p>放心消费示范单位候选名单公示、命名公告和消费警示。</p>")
    _child(home, StandardPage, "about", title="关于创建活动", body=content.ABOUT_BODY)
    return home
