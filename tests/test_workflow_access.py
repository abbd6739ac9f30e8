"""Permission matrix: every URL of the application workflow × every persona → expected status.

Application X belongs to applicant A (柞水县) and is submitted, with one document.
"""

import pytest
from django.urls import reverse

from certification.models import State

from .factories import ApplicationFactory, DocumentFactory

pytestmark = pytest.mark.django_db

PERSONAS = ["anonymous", "applicant_a", "applicant_b", "assessor", "county_officer", "other_county_officer",
            "city_officer"]

# (method, url name, args) : expected status per persona in the order of PERSONAS
MATRIX = {
    ("get", "portal:dashboard", ()):                      (302, 200, 200, 403, 403, 403, 403),
    ("get", "portal:business", ()):                       (302, 200, 200, 403, 403, 403, 403),
    ("post", "portal:start", ()):                         (302, 302, 302, 403, 403, 403, 403),
    ("get", "portal:application", ("app",)):              (302, 200, 404, 403, 403, 403, 403),
    ("get", "portal:self_assessment", ("app",)):          (302, 302, 404, 403, 403, 403, 403),
    ("post", "portal:level", ("app",)):                   (302, 302, 404, 403, 403, 403, 403),
    ("post", "portal:upload", ("app",)):                  (302, 302, 404, 403, 403, 403, 403),
    ("post", "portal:remove_document", ("app", "doc")):   (302, 302, 404, 403, 403, 403, 403),
    ("post", "portal:transition", ("app", "withdraw")):   (302, 302, 404, 403, 403, 403, 403),
    ("get", "document", ("doc",)):                        (302, 200, 404, 404, 200, 404, 200),
    ("get", "staff:worklist", ()):                        (302, 403, 403, 403, 200, 200, 200),
    ("get", "staff:application", ("app",)):               (302, 403, 403, 403, 200, 404, 200),
    ("post", "staff:transition", ("app", "accept")):      (302, 403, 403, 403, 302, 404, 302),
    ("post", "staff:transition", ("app", "refuse")):      (302, 403, 403, 403, 302, 404, 302),
}

CASES = [
    pytest.param(method, name, args, persona, statuses[i], id=f"{name}{list(args)}-{method}-{persona}")
    for (method, name, args), statuses in MATRIX.items()
    for i, persona in enumerate(PERSONAS)
]


@pytest.mark.parametrize("method,name,args,persona,expected", CASES)
def test_it_checks_access(client, personas, method, name, args, persona, expected):
    app = ApplicationFactory(business=personas["applicant_a"].business, state=State.SUBMITTED)
    document = DocumentFactory(application=app)
    values = {"app": app.pk, "doc": document.pk}
    url = reverse(name, args=[values.get(arg, arg) for arg in args])
    if personas[persona] is not None:
        client.force_login(personas[persona])
    data = {"comment": "不属于创建行业"} if method == "post" else None
    response = getattr(client, method)(url, data) if data else getattr(client, method)(url)
    assert response.status_code == expected


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
