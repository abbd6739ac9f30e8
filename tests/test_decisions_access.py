"""Permission matrix for the assessment, notice, naming and complaint URLs × every persona.

The world is built once for the module (see tests/matrix.py); each case runs in its own savepoint.
Application X (柞水县, applicant A) is under assessment with the `assessor` persona assigned; Y
(柞水县) is on notice with an open objection; a complaint about a named 柞水县 unit is open; a spare
assessor is free to be assigned to X.
"""

import pytest
from django.urls import reverse

from certification.models import (
    Application,
    Assignment,
    Complaint,
    ComplaintLog,
    ConflictDeclaration,
    Objection,
    TransitionLog,
)
from certification.services import assessment, complaints, notice

from . import flows
from .factories import AssessorFactory, CertificateFactory, UserFactory
from .matrix import LOGIN, PERSONAS, Changed, built_once, check, people

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    def build():
        who = people("d")
        officer = who["county_officer"]
        app = flows.accepted(officer, business=who["applicant_a"].business)
        assessment.assign(app, [who["assessor"].assessor], officer)
        candidate = flows.on_notice(officer)
        objection = notice.submit_objection(candidate.pk, "李群众", "13800000000", "多收费")
        unit = CertificateFactory().application
        complaint, _ = complaints.receive(unit, category="price", text="未明码标价", complainant_name="王")
        return {"people": who, "app": app, "task": Assignment.objects.get(application=app), "obj": objection,
                "candidate": candidate, "complaint": complaint,
                "spare": AssessorFactory(user=UserFactory(username="d_spare"))}

    with built_once(django_db_blocker, build) as built:
        yield built


def snapshot(w):
    """What a refused request must leave as it was."""
    return (
        list(Application.objects.order_by("pk").values_list("pk", "state")),
        TransitionLog.objects.count(),
        list(Assignment.objects.order_by("pk").values_list("pk", "status")),
        ConflictDeclaration.objects.count(),
        list(Objection.objects.order_by("pk").values_list("pk", "status")),
        list(Complaint.objects.order_by("pk").values_list("pk", "state")),
        ComplaintLog.objects.count(),
    )


def page(name, key=None):
    return lambda w: reverse(name, args=[w[key].pk] if key else [])


# name: (method, url name, the world's object in the URL, data)
ROWS = {
    "assignments": ("get", "assess:list", None, None),
    "assignment": ("get", "assess:assignment", "task", None),
    "decline": ("post", "assess:decline", "task", lambda w: {"reason": "亲属关系"}),
    "assign": ("post", "staff:assign", "app", lambda w: {"assessor": [w["spare"].pk]}),
    "resolve objection": ("post", "staff:resolve_objection", "obj",
                          lambda w: {"decision": "dismissed", "resolution": "不成立"}),
    "notice batch": ("get", "staff:notice_batch", None, None),
    "naming batch": ("get", "staff:naming_batch", None, None),
    "complaints": ("get", "staff:complaints", None, None),
    "complaint": ("get", "staff:complaint", "complaint", None),
    "contact": ("post", "staff:complaint_step", "complaint", lambda w: {"note": "已电话联系投诉人"}),
}
EXPECTED = {
    # anonymous, applicant_a, applicant_b, assessor, county_officer, other_county_officer, city_officer
    "assignments":       (LOGIN, 403, 403, 200, 403, 403, 403),
    "assignment":        (LOGIN, 403, 403, 200, 403, 403, 403),
    "decline":           (LOGIN, 403, 403, Changed(page("assess:list")), 403, 403, 403),
    "assign":            (LOGIN, 403, 403, 403, Changed(page("staff:application", "app")), 404,
                          Changed(page("staff:application", "app"))),
    "resolve objection": (LOGIN, 403, 403, 403, Changed(page("staff:application", "candidate")), 404,
                          Changed(page("staff:application", "candidate"))),
    "notice batch":      (LOGIN, 403, 403, 403, 200, 200, 200),
    "naming batch":      (LOGIN, 403, 403, 403, 200, 200, 200),
    "complaints":        (LOGIN, 403, 403, 403, 200, 200, 200),
    "complaint":         (LOGIN, 403, 403, 403, 200, 404, 200),
    "contact":           (LOGIN, 403, 403, 403, Changed(page("staff:complaint", "complaint")), 404,
                          Changed(page("staff:complaint", "complaint"))),
}

CASES = [pytest.param(row, persona, EXPECTED[row][i], id=f"{row}-{persona}")
         for row in ROWS for i, persona in enumerate(PERSONAS)]


@pytest.mark.parametrize("row,persona,expected", CASES)
def test_it_checks_access(client, world, row, persona, expected):
    method, name, key, data = ROWS[row]
    args = [world[key].pk] if key else []
    url = reverse(name, args=args + ["contact"] if name == "staff:complaint_step" else args)
    check(client, world, snapshot, method, url, data(world) if data else None, persona, expected)
