"""Permission matrix for the assessment, notice, naming and complaint URLs × every persona.

Application X (柞水县, applicant A) is under assessment with the `assessor` persona assigned; Y
(柞水县) is on notice with an open objection; a complaint about a named 柞水县 unit is open.
"""

import pytest
from django.urls import reverse

from certification.models import Assignment
from certification.services import assessment, complaints, notice

from . import flows
from .factories import CertificateFactory

pytestmark = pytest.mark.django_db

PERSONAS = ["anonymous", "applicant_a", "applicant_b", "assessor", "county_officer", "other_county_officer",
            "city_officer"]

MATRIX = {
    ("get", "assess:list", ()):                       (302, 403, 403, 200, 403, 403, 403),
    ("get", "assess:assignment", ("task",)):          (302, 403, 403, 200, 403, 403, 403),
    ("post", "assess:decline", ("task",)):            (302, 403, 403, 302, 403, 403, 403),
    ("post", "staff:assign", ("app",)):               (302, 403, 403, 403, 302, 404, 302),
    ("post", "staff:resolve_objection", ("obj",)):    (302, 403, 403, 403, 302, 404, 302),
    ("get", "staff:notice_batch", ()):                (302, 403, 403, 403, 200, 200, 200),
    ("get", "staff:naming_batch", ()):                (302, 403, 403, 403, 200, 200, 200),
    ("get", "staff:complaints", ()):                  (302, 403, 403, 403, 200, 200, 200),
    ("get", "staff:complaint", ("complaint",)):       (302, 403, 403, 403, 200, 404, 200),
    ("post", "staff:complaint_step", ("complaint", "contact")): (302, 403, 403, 403, 302, 404, 302),
}

CASES = [
    pytest.param(method, name, args, persona, statuses[i], id=f"{name}{list(args)}-{method}-{persona}")
    for (method, name, args), statuses in MATRIX.items()
    for i, persona in enumerate(PERSONAS)
]


@pytest.mark.parametrize("method,name,args,persona,expected", CASES)
def test_it_checks_access(client, personas, method, name, args, persona, expected):
    officer = personas["county_officer"]
    app = flows.accepted(officer, business=personas["applicant_a"].business)
    assessment.assign(app, [personas["assessor"].assessor], officer)
    candidate = flows.on_notice(officer)
    objection = notice.submit_objection(candidate.pk, "李群众", "13800000000", "多收费")
    unit = CertificateFactory().application
    complaint, _ = complaints.receive(unit, category="price", text="未明码标价", complainant_name="王")
    values = {"app": app.pk, "task": Assignment.objects.get(application=app).pk, "obj": objection.pk,
              "complaint": complaint.pk, "contact": "contact"}
    url = reverse(name, args=[values[arg] for arg in args])
    if personas[persona] is not None:
        client.force_login(personas[persona])
    data = {"reason": "亲属关系", "decision": "dismissed", "resolution": "不成立", "note": "已办结", "assessor": []}
    response = client.post(url, data) if method == "post" else client.get(url)
    assert response.status_code == expected
