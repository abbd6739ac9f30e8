"""The Wagtail admin the city bureau works in is Chinese throughout, for an English browser too: Wagtail 8's own
zh_Hans catalogs lack some 420 of its strings, which locale/zh_Hans/ translates (tools/wagtail_zh_catalog.py)."""

import importlib
import json
import re
from pathlib import Path

import pytest
from django.apps import apps as django_apps
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from wagtail.models import Page, Workflow

from certification.roles import CITY_OFFICERS
from tools.wagtail_zh_catalog import has_letters, read_po, site_catalog, wagtail_english_catalogs, wagtail_root

from .english import english_words
from .factories import AssessorFactory, BusinessFactory, OfficerFactory, RoundFactory, UserFactory, city
from .matrix import built_once

pytestmark = pytest.mark.django_db

ENGLISH_BROWSER = {"HTTP_ACCEPT_LANGUAGE": "en-US,en;q=0.9"}
UPGRADE = ("Wagtail has strings without Chinese: run tools/wagtail_zh_catalog.py --write, translate the new "
           "entries of locale/zh_Hans/LC_MESSAGES/ and compile them with msgfmt (see the tool's docstring)")


def english_entries(domain):
    """(entry, app folder) of Wagtail's English source catalogs of this domain, for the entries a person reads."""
    for app, catalog_domain, path in wagtail_english_catalogs():
        if catalog_domain == domain:
            yield from ((entry, app) for entry in read_po(path) if has_letters(entry["msgid"]))


def test_every_string_of_wagtails_templates_and_code_has_chinese():
    """Every msgid of Wagtail's English catalogs (django domain, all its apps) reads other than itself under
    zh-hans: as the site runs for the installed apps; for the others (wagtail.contrib.forms...), as they would
    once installed (their own zh_Hans under ours). This fails when a Wagtail upgrade adds strings its zh_Hans
    catalogs lack: that is its purpose."""
    untranslated = []
    for entry, app in english_entries("django"):
        catalog = site_catalog("django", app)
        if entry["msgid_plural"] is None:
            read = [catalog.gettext(entry["msgid"])]
        else:
            read = [catalog.ngettext(entry["msgid"], entry["msgid_plural"], count) for count in (1, 2)]
        if entry["msgid"] in read or entry["msgid_plural"] in read:
            untranslated.append(entry["msgid"])
    assert untranslated == [], UPGRADE


def test_every_string_of_wagtails_javascript_has_chinese_in_the_admins_catalog(client):
    """Wagtail's JavaScript reads its strings from /admin/jsi18n/ (Django's JavaScriptCatalog for wagtail.admin,
    which merges LOCALE_PATHS too). Fails, as the test above, when a Wagtail upgrade adds strings."""
    script = client.get("/admin/jsi18n/", **ENGLISH_BROWSER).content.decode()
    catalog = json.loads(re.search(r"const newcatalog = (\{.*?\});\n", script, re.S).group(1))
    untranslated = [entry["msgid"] for entry, _app in english_entries("djangojs")
                    if catalog.get(entry["msgid"], entry["msgid"]) in (entry["msgid"], [entry["msgid"]])]
    assert untranslated == [], UPGRADE


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    def build():
        officer = OfficerFactory(user=UserFactory(username="admin_zh_city"), region=city()).user
        officer.groups.add(Group.objects.get(name=CITY_OFFICERS))
        BusinessFactory(name="柞水县放心超市")
        RoundFactory()
        AssessorFactory(user=UserFactory(username="admin_zh_assessor"))
        return {"officer": officer, "home": Page.objects.get(depth=2), "about": Page.objects.get(slug="about")}

    with built_once(django_db_blocker, build) as built:
        yield built


def read_as_a_person(html, *own):
    """The English words on an admin page, leaving out the Latin that belongs there: keys as printed on a keyboard
    (<kbd>Ctrl</kbd>), the name JavaScript (in <noscript>), the user names and code names the page shows, and
    the side panels' hidden counters (Wagtail writes None there; its script puts a number in before showing it)."""
    html = re.sub(r"<kbd>.*?</kbd>", " ", html, flags=re.S)
    html = re.sub(r"(<div data-side-panel-toggle-counter[^>]*hidden>)\s*None\s*(</div>)", r"\1\2", html)
    return [word for word in english_words(html, own=own) if word != "JavaScript"]


@pytest.mark.parametrize("path", [
    "/admin/", "/admin/pages/", "/admin/pages/{home}/", "/admin/pages/{about}/edit/", "/admin/pages/{about}/history/",
    "/admin/business/", "/admin/round/", "/admin/officer/", "/admin/assessor/", "/admin/account/",
    "/admin/settings/certification/programmesettings/",
    "/admin/reports/site-history/", "/admin/reports/aging-pages/", "/admin/reports/workflow/",
    "/admin/reports/workflow_tasks/",
])
def test_the_admin_pages_a_city_officer_uses_have_no_english_word(client, world, path):
    client.force_login(world["officer"])
    response = client.get(path.format(home=world["home"].pk, about=world["about"].pk), follow=True,
                          **ENGLISH_BROWSER)
    assert response.status_code == 200
    assert read_as_a_person(response.content.decode(), world["officer"].get_username(), "admin_zh_assessor") == []


def test_the_page_types_report_has_no_english_word_but_the_models_code_names(client, world):
    client.force_login(world["officer"])
    html = client.get("/admin/reports/page-types-usage/", **ENGLISH_BROWSER).content.decode()
    code_names = [f"{kind.app_label}.{kind.model}" for kind in ContentType.objects.filter(app_label="cms")]
    assert read_as_a_person(html, world["officer"].get_username(), *code_names) == []


def test_the_users_list_an_administrator_manages_has_no_english_word_but_user_names(client, world):
    administrator = UserFactory(username="admin_zh_root", is_superuser=True, is_staff=True)
    client.force_login(administrator)
    html = client.get("/admin/users/", **ENGLISH_BROWSER).content.decode()
    names = re.findall(r'<td class="username[^"]*"[^>]*>\s*([^<\s]+)', html)
    assert "admin_zh_root" in names
    assert read_as_a_person(html, *names) == []


def test_wagtails_default_names_are_renamed_in_chinese_by_migration():
    migration = importlib.import_module("cms.migrations.0003_chinese_names_for_wagtail_defaults")
    Group.objects.create(name="Moderators")
    Workflow.objects.create(name="Moderators approval")
    migration.rename(django_apps, None)
    assert Group.objects.filter(name="审核人员").exists() and not Group.objects.filter(name="Moderators").exists()
    assert Workflow.objects.filter(name="审核人员审批").exists()
    assert Page.objects.get(depth=1).title == "根页面"


def test_a_page_the_admin_refuses_to_save_is_explained_in_chinese(client, world):
    client.force_login(world["officer"])
    response = client.post(f"/admin/pages/{world['about'].pk}/edit/", {"title": "", "slug": ""}, **ENGLISH_BROWSER)
    html = response.content.decode()
    assert "存在验证错误，无法保存页面。" in html and "转到第一个错误" in html
    assert read_as_a_person(html, world["officer"].get_username()) == []


SEARCH = ('<input type="submit" value="Search" class="button" />',
          '<input type="submit" value="{% trans \'Search\' %}" class="button" />')
OUR_COPIES = {  # Wagtail 8 writes these words in English, whatever the language: our copies say them in Chinese
    "wagtailadmin/home.html": [SEARCH],
    "wagtailadmin/shared/header.html": [SEARCH],
    "wagtailadmin/shared/headers/_actions.html": [('<nav aria-label="Actions"',
                                                   '<nav aria-label="{% trans \'Actions\' %}"')],
    "wagtailadmin/tables/boolean_cell.html": [  # yes/no icons titled True/False for screen readers
        ("{% icon title=value|stringformat:'s' name=\"help\"", '{% icon title="未知" name="help"'),
        ("{% icon title=value|stringformat:'s' name=\"check\"", '{% icon title="是" name="check"'),
        ("{% icon title=value|stringformat:'s' name=\"cross\"", '{% icon title="否" name="cross"')],
    "wagtailadmin/shared/user_avatar.html": [  # a page published by no one (the initial tree): 系统, not None
        ("{% if not username %}{{ user }}{% else %}{{ username }}{% endif %}",
         '{% if username %}{{ username }}{% elif user %}{{ user }}{% else %}{% trans "System" %}{% endif %}')],
}


@pytest.mark.parametrize("name", OUR_COPIES)
def test_our_copies_of_wagtail_templates_differ_from_wagtails_only_by_their_chinese(name):
    """When a Wagtail upgrade changes one of these templates, this fails: copy it again and redo the change."""
    text = (wagtail_root() / "admin" / "templates" / name).read_text()
    for english, chinese in OUR_COPIES[name]:
        text = text.replace(english, chinese)
    ours = (Path(__file__).resolve().parent.parent / "templates" / name).read_text()
    explanation, ours = ours.split("\n", 1)
    assert explanation.startswith("{#") and ours.removeprefix("{% load i18n %}") == text
