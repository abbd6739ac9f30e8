"""What the access matrices share: the personas, a world built once per module, and the check of one case.

A matrix row is a URL with, for each persona, what must happen:

- a status (200, 403, 404, …): that answer, and nothing changed;
- ``LOGIN``: anonymous, sent to the login page with the URL as ``next``, and nothing changed;
- ``Changed(to)``: allowed, redirected to ``to(world)``, and the world changed;
- ``Unchanged(to)``: let in, but the request was turned down with a message: redirected to ``to(world)``
  and nothing changed (a refused state, an invalid form).

"Nothing changed" compares a snapshot of the rows the matrix cares about (states, logs, counts) taken
before and after the request.
"""

import contextlib
from collections.abc import Callable
from dataclasses import dataclass

from django.db import transaction
from django.http import QueryDict
from django.urls import reverse

from .factories import AssessorFactory, BusinessFactory, OfficerFactory, UserFactory, city, county

PERSONAS = ["anonymous", "applicant_a", "applicant_b", "assessor", "county_officer", "other_county_officer",
            "city_officer"]
LOGIN = "login"


@dataclass(frozen=True)
class Changed:
    to: Callable[[dict], str]


@dataclass(frozen=True)
class Unchanged:
    to: Callable[[dict], str]


def people(prefix):
    """The six signed-in personas (usernames start with `prefix`, so two matrices never share a user).
    Applicants A and B each own a business of 柞水县."""
    found = {
        "applicant_a": UserFactory(username=f"{prefix}_applicant_a"),
        "applicant_b": UserFactory(username=f"{prefix}_applicant_b"),
        "assessor": AssessorFactory(user=UserFactory(username=f"{prefix}_assessor")).user,
        "county_officer": OfficerFactory(user=UserFactory(username=f"{prefix}_zhashui"), region=county("柞水县")).user,
        "other_county_officer": OfficerFactory(user=UserFactory(username=f"{prefix}_shangzhou"),
                                               region=county("商州区")).user,
        "city_officer": OfficerFactory(user=UserFactory(username=f"{prefix}_city"), region=city()).user,
    }
    BusinessFactory(name=f"柞水甲商贸有限公司{prefix}", owner=found["applicant_a"])
    BusinessFactory(name=f"柞水乙商贸有限公司{prefix}", owner=found["applicant_b"])
    return found


def login_url(url):
    """Where an anonymous visitor of `url` is sent: the login page, coming back to `url` after."""
    query = QueryDict(mutable=True)
    query["next"] = url
    return f"{reverse('account_login')}?{query.urlencode(safe='/')}"


@contextlib.contextmanager
def built_once(django_db_blocker, build):
    """Build the world for a module inside a transaction rolled back when the module is done; each test
    runs in its own savepoint inside it (pytest-django's `db`), so what one case changes the next never
    sees."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield build()
        transaction.set_rollback(True)


def check(client, world, snapshot, method, url, data, persona, expected):
    """Make the request as `persona` and check the answer, where it leads, and what it changed."""
    if persona != "anonymous":
        client.force_login(world["people"][persona])
    before = snapshot(world)
    response = client.post(url, data or {}) if method == "post" else client.get(url)
    if expected == LOGIN:
        assert (response.status_code, response.get("Location")) == (302, login_url(url))
    elif isinstance(expected, Changed | Unchanged):
        assert (response.status_code, response.get("Location")) == (302, expected.to(world))
    else:
        assert response.status_code == expected
    if isinstance(expected, Changed):
        assert snapshot(world) != before, "an allowed request changed nothing"
    else:
        assert snapshot(world) == before, "a refused or read-only request changed something"
    return response
