"""Shared fixtures: the published site (criteria) and named personas for access tests.

Personas (as in healthchecks' BaseTestCase): applicant A and B (two businesses of 柞水县),
an assessor, the 柞水县 officer ("same county"), the 商州区 officer ("other county"), a city officer.
"""

import pytest
from django.core import mail

from certification.models import Industry, Region
from certification.reference_data import load_reference_data
from certification.roles import sync_role_groups
from cms.site_tree import build_site

from .factories import AssessorFactory, BusinessFactory, OfficerFactory, UserFactory, city, county

# The longest modules run first, so that `pytest -n 2 --dist loadfile` does not end with one worker on the
# demo seed while the other waits (with --no-loadscope-reorder the scheduler hands out modules in
# collection order; see the Makefile).
LONGEST_FIRST = ("test_seed_demo.py", "test_expiry_reminders.py")


def pytest_collection_modifyitems(items):
    items.sort(key=lambda item: LONGEST_FIRST.index(item.path.name) if item.path.name in LONGEST_FIRST
               else len(LONGEST_FIRST))  # stable: the other modules keep their order


@pytest.fixture(scope="session", autouse=True)
def _fast_password_hasher():
    """MD5 for the whole session, module-scoped worlds and the session set-up included: the default
    hasher costs about half a second of CPU a user (`_isolated` sets the same again for each test)."""
    from django.test.utils import override_settings

    with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]):
        yield


@pytest.fixture(scope="session", autouse=True)
def _no_wagtail_reference_index():
    """Wagtail keeps a reference index (what its admin's "usage" pages list) up to date on every save of
    a page or snippet: a sixth of the time of any test that publishes a notice, and no test reads it.
    It is off for the session; `wagtail_reference_index` turns it on for a test that wants it."""
    from wagtail.signal_handlers import reference_index_auto_update_disabled

    reference_index_auto_update_disabled.value = True
    yield
    del reference_index_auto_update_disabled.value


@pytest.fixture
def wagtail_reference_index():
    """Wagtail's reference index kept up to date on every save, as in production."""
    from wagtail.signal_handlers import reference_index_auto_update_disabled

    reference_index_auto_update_disabled.value = False
    yield
    reference_index_auto_update_disabled.value = True


@pytest.fixture(scope="session")
def django_db_setup(_fast_password_hasher, _no_wagtail_reference_index, django_db_setup, django_db_blocker):
    """Once for the whole session: the reference data, the role groups and the Wagtail tree with the
    five assurances. The test database is built from the models (--nomigrations, see pyproject.toml),
    so what the data migrations would load is loaded here; `.ci/run` migrates a scratch database."""
    with django_db_blocker.unblock():
        load_reference_data(Region, Industry)
        build_site()
        sync_role_groups()  # after the tree: page permissions hang on its root


@pytest.fixture
def published_site(transactional_db):
    """For transactional tests (the flush after each one removes the session data)."""
    load_reference_data(Region, Industry)
    sync_role_groups()
    return build_site()


@pytest.fixture(autouse=True)
def _isolated(settings, tmp_path):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # fast personas
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    settings.MEDIA_ROOT = tmp_path / "media"
    # As in production: mail is queued in the outbox; the worker (`sent_mail`) delivers it to locmem.
    settings.EMAIL_BACKEND = "post_office.EmailBackend"
    settings.POST_OFFICE = {
        **settings.POST_OFFICE, "BACKENDS": {"default": "django.core.mail.backends.locmem.EmailBackend"}
    }
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    from django.core.cache import cache

    cache.clear()
    mail.outbox = []


@pytest.fixture
def sent_mail():
    """A round of the outbox worker; returns what reached the mail server (django.core.mail.outbox)."""
    from certification import outbox

    def deliver():
        outbox.deliver()
        return mail.outbox

    return deliver


@pytest.fixture
def applicant_a(db):
    user = UserFactory(username="applicant_a")
    BusinessFactory(name="柞水甲商贸有限公司", owner=user)
    return user


@pytest.fixture
def applicant_b(db):
    user = UserFactory(username="applicant_b")
    BusinessFactory(name="柞水乙商贸有限公司", owner=user)
    return user


@pytest.fixture
def assessor(db):
    return AssessorFactory(user=UserFactory(username="assessor")).user


@pytest.fixture
def county_officer(db):
    return OfficerFactory(user=UserFactory(username="zhashui_officer"), region=county("柞水县")).user


@pytest.fixture
def other_county_officer(db):
    return OfficerFactory(user=UserFactory(username="shangzhou_officer"), region=county("商州区")).user


@pytest.fixture
def city_officer(db):
    return OfficerFactory(user=UserFactory(username="city_officer"), region=city()).user


@pytest.fixture
def personas(applicant_a, applicant_b, assessor, county_officer, other_county_officer, city_officer):
    return {
        "anonymous": None,
        "applicant_a": applicant_a,
        "applicant_b": applicant_b,
        "assessor": assessor,
        "county_officer": county_officer,
        "other_county_officer": other_county_officer,
        "city_officer": city_officer,
    }
