"""Permission matrix: every URL of the application workflow × every persona → what must happen.

The world is built once for the module (see tests/matrix.py); each case runs in its own savepoint.
Application X belongs to applicant A (柞水县) and is submitted, with one document; D is applicant A's
draft in another open round, complete, with one document. Applicant B has a business and no application.
"""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from certification.models import Application, Document, State, TransitionLog

from .factories import PDF_BYTES, ApplicationFactory, DocumentFactory, RoundFactory
from .matrix import LOGIN, PERSONAS, Changed, Unchanged, built_once, check, people

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory):
    media = tmp_path_factory.mktemp("private")

    def build():
        from django.test.utils import override_settings

        with override_settings(PRIVATE_MEDIA_ROOT=media):
            who = people("w")
            today = timezone.localdate()
            current = RoundFactory()
            other = RoundFactory(year=current.year + 1, application_opens=today - datetime.timedelta(days=1),
                                 application_closes=today + datetime.timedelta(days=30))
            business_a = who["applicant_a"].business
            x = ApplicationFactory(business=business_a, round=current, state=State.SUBMITTED)
            d = ApplicationFactory(business=business_a, round=other, complete=True)
            return {"people": who, "round": current, "business_b": who["applicant_b"].business, "app": x,
                    "doc": DocumentFactory(application=x), "draft": d, "draft_doc": DocumentFactory(application=d),
                    "media": media}

    with built_once(django_db_blocker, build) as built:
        yield built


@pytest.fixture(autouse=True)
def _world_files(world, settings):
    settings.PRIVATE_MEDIA_ROOT = world["media"]  # after conftest's per-test folder: the world's documents


def snapshot(w):
    """What a refused request must leave as it was."""
    return (
        list(Application.objects.order_by("pk").values_list("pk", "state", "level_requested")),
        TransitionLog.objects.count(),
        list(Document.objects.order_by("pk").values_list("pk", flat=True)),
    )


def portal_page(key):
    return lambda w: reverse("portal:application", args=[w[key].pk])


def staff_page(w):
    return reverse("staff:application", args=[w["app"].pk])


def new_draft_of_b(w):
    return reverse("portal:self_assessment", args=[Application.objects.get(business=w["business_b"]).pk])


def pdf_upload(w):
    return {"kind": "licence", "file": SimpleUploadedFile("营业执照.pdf", PDF_BYTES, "application/pdf")}


DASHBOARD = lambda w: reverse("portal:dashboard")  # noqa: E731

# name: (method, url name, args, data)
ROWS = {
    "dashboard": ("get", "portal:dashboard", (), None),
    "business": ("get", "portal:business", (), None),
    "start": ("post", "portal:start", (), lambda w: {"round": w["round"].pk, "level": "county"}),
    "application": ("get", "portal:application", ("app",), None),
    "self-assessment of X": ("get", "portal:self_assessment", ("app",), None),
    "self-assessment of D": ("get", "portal:self_assessment", ("draft",), None),
    "level of X": ("post", "portal:level", ("app",), lambda w: {"level": "city"}),
    "level of D": ("post", "portal:level", ("draft",), lambda w: {"level": "city"}),
    "upload to X": ("post", "portal:upload", ("app",), pdf_upload),
    "upload to D": ("post", "portal:upload", ("draft",), pdf_upload),
    "remove from X": ("post", "portal:remove_document", ("app", "doc"), None),
    "remove from D": ("post", "portal:remove_document", ("draft", "draft_doc"), None),
    "withdraw": ("post", "portal:transition", ("app", "withdraw"), lambda w: {"comment": "不再申报"}),
    "document": ("get", "document", ("doc",), None),
    "worklist": ("get", "staff:worklist", (), None),
    "staff application": ("get", "staff:application", ("app",), None),
    "accept": ("post", "staff:transition", ("app", "accept"), None),
    "refuse": ("post", "staff:transition", ("app", "refuse"), lambda w: {"comment": "不属于创建行业"}),
}
EXPECTED = {
    # anonymous, applicant_a, applicant_b, assessor, county_officer, other_county_officer, city_officer
    "dashboard":            (LOGIN, 200, 200, 403, 403, 403, 403),
    "business":             (LOGIN, 200, 200, 403, 403, 403, 403),
    # A already has X in this round: turned back to the dashboard; B starts a draft
    "start":                (LOGIN, Unchanged(DASHBOARD), Changed(new_draft_of_b), 403, 403, 403, 403),
    "application":          (LOGIN, 200, 404, 403, 403, 403, 403),
    "self-assessment of X": (LOGIN, Unchanged(portal_page("app")), 404, 403, 403, 403, 403),
    "self-assessment of D": (LOGIN, 200, 404, 403, 403, 403, 403),
    "level of X":           (LOGIN, Unchanged(portal_page("app")), 404, 403, 403, 403, 403),
    "level of D":           (LOGIN, Changed(portal_page("draft")), 404, 403, 403, 403, 403),
    "upload to X":          (LOGIN, Unchanged(portal_page("app")), 404, 403, 403, 403, 403),
    "upload to D":          (LOGIN, Changed(portal_page("draft")), 404, 403, 403, 403, 403),
    "remove from X":        (LOGIN, Unchanged(portal_page("app")), 404, 403, 403, 403, 403),
    "remove from D":        (LOGIN, Changed(portal_page("draft")), 404, 403, 403, 403, 403),
    "withdraw":             (LOGIN, Changed(portal_page("app")), 404, 403, 403, 403, 403),
    "document":             (LOGIN, 200, 404, 404, 200, 404, 200),
    "worklist":             (LOGIN, 403, 403, 403, 200, 200, 200),
    "staff application":    (LOGIN, 403, 403, 403, 200, 404, 200),
    "accept":               (LOGIN, 403, 403, 403, Changed(staff_page), 404, Changed(staff_page)),
    "refuse":               (LOGIN, 403, 403, 403, Changed(staff_page), 404, Changed(staff_page)),
}

CASES = [pytest.param(row, persona, EXPECTED[row][i], id=f"{row}-{persona}")
         for row in ROWS for i, persona in enumerate(PERSONAS)]


@pytest.mark.parametrize("row,persona,expected", CASES)
def test_it_checks_access(client, world, row, persona, expected):
    method, name, args, data = ROWS[row]
    url = reverse(name, args=[world[arg].pk if arg in world else arg for arg in args])
    check(client, world, snapshot, method, url, data(world) if data else None, persona, expected)


def test_a_crafted_transition_the_state_no_longer_allows_answers_409(client, county_officer, applicant_a):
    app = ApplicationFactory(business=applicant_a.business, state=State.UNDER_ASSESSMENT)
    client.force_login(county_officer)
    response = client.post(reverse("staff:transition", args=[app.pk, "accept"]))
    assert response.status_code == 409
    assert "不能进行此操作" in response.content.decode()


def test_an_unknown_transition_name_answers_404(client, county_officer, applicant_a):
    app = ApplicationFactory(business=applicant_a.business, state=State.SUBMITTED)
    client.force_login(county_officer)
    assert client.post(reverse("staff:transition", args=[app.pk, "delete"])).status_code == 404


def test_a_system_transition_posted_by_an_officer_answers_403(client, county_officer, applicant_a):
    app = ApplicationFactory(business=applicant_a.business, state=State.UNDER_ASSESSMENT)
    client.force_login(county_officer)
    assert client.post(reverse("staff:transition", args=[app.pk, "complete_assessment"])).status_code == 403


def test_get_on_a_transition_url_is_not_allowed(client, county_officer, applicant_a):
    app = ApplicationFactory(business=applicant_a.business, state=State.SUBMITTED)
    client.force_login(county_officer)
    assert client.get(reverse("staff:transition", args=[app.pk, "accept"])).status_code == 405
