"""Content-Security-Policy (django-csp): this site's own scripts, styles and images only; no inline code."""

import re
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from wagtail.models import Page

from . import flows
from .factories import ApplicationFactory, CertificateFactory, UserFactory

pytestmark = pytest.mark.django_db

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
NOT_FOR_BROWSERS = {"certificates/certificate.html"}  # rendered to PDF by WeasyPrint
INLINE = re.compile(
    r"""\sstyle\s*=|<style[\s>]|\son[a-z]+\s*=|<script(?![^>]*\b(src|type="application/json")\b)[^>]*>""", re.IGNORECASE
)


def policy(response):
    return dict(part.strip().split(" ", 1) for part in response["Content-Security-Policy"].split(";"))


def inline_code(html):
    return [m.group(0) for m in INLINE.finditer(html)]


@pytest.fixture
def unit(db):
    return CertificateFactory()


@pytest.mark.parametrize("path", ["/", "/criteria/", "/units/", "/stats/", "/verify/", "/accounts/login/"])
def test_public_pages_allow_only_this_sites_own_resources(client, path):
    directives = policy(client.get(path))
    assert directives["default-src"] == "'self'"
    assert directives["object-src"] == "'none'"
    assert "script-src" not in directives and "style-src" not in directives


def test_the_verification_result_and_unit_page_carry_the_policy(client, unit):
    responses = [client.get(f"/v/{unit.token}/"), client.get(f"/units/{unit.application_id}/")]
    assert [policy(r)["default-src"] for r in responses] == ["'self'", "'self'"]


def test_role_pages_carry_the_strict_policy(client, county_officer, applicant_a):
    app = ApplicationFactory(business=applicant_a.business, state="submitted")
    client.force_login(county_officer)
    assert policy(client.get(f"/staff/applications/{app.pk}/"))["default-src"] == "'self'"


def test_other_sites_may_not_frame_the_pages(client):
    assert policy(client.get("/"))["frame-ancestors"] == "'self'"


@pytest.mark.parametrize("template", sorted(
    str(p.relative_to(TEMPLATES)) for p in TEMPLATES.rglob("*.html")
    if str(p.relative_to(TEMPLATES)) not in NOT_FOR_BROWSERS
))
def test_no_template_holds_inline_styles_scripts_or_event_handlers(template):
    assert inline_code((TEMPLATES / template).read_text()) == []


def test_pages_as_rendered_hold_no_inline_code(client, county_officer, unit):
    app = flows.scored(county_officer, [80, 99])  # a flagged spread: the officer's page has the most on it
    client.force_login(county_officer)
    pages = [client.get(p).content.decode() for p in (
        "/", "/stats/", f"/units/{unit.application_id}/", f"/v/{unit.token}/", f"/staff/applications/{app.pk}/",
        "/staff/", "/staff/naming/", "/staff/notice/",
    )]
    assert [inline_code(html) for html in pages] == [[]] * len(pages)


def test_the_confirmation_questions_are_data_attributes_read_by_the_sites_script(client, county_officer, applicant_a):
    app = ApplicationFactory(business=applicant_a.business, state="submitted")  # 不予受理 asks first
    client.force_login(county_officer)
    page = client.get(f"/staff/applications/{app.pk}/").content.decode()
    assert 'data-confirm="' in page and "/static/js/confirm.js" in page


def test_the_wagtail_page_editor_loads_under_the_admin_policy(client):
    client.force_login(UserFactory(username="editor", is_superuser=True, is_staff=True))
    page = Page.objects.filter(depth=3).first()
    response = client.get(f"/admin/pages/{page.pk}/edit/")
    html = response.content.decode()
    scripts = re.findall(r'<script[^>]*\ssrc="([^"]+)"', html)
    assert response.status_code == 200 and 'id="page-edit-form"' in html
    assert policy(response)["default-src"] == "'self'" and policy(response)["script-src"] == "'self' 'unsafe-inline'"
    assert all(src.startswith("/") and not src.startswith("//") for src in scripts)
    static = [src.split("?")[0].removeprefix("/static/") for src in scripts if src.startswith("/static/")]
    assert all(finders.find(path) for path in static)


def test_the_wagtail_admin_loads_no_avatar_from_gravatar(client):
    client.force_login(UserFactory(username="editor", is_superuser=True, is_staff=True, email="editor@example.com"))
    assert "gravatar" not in client.get("/admin/").content.decode()

