"""A complaint sent twice at once (a double click on 提交) is recorded once (PostgreSQL)."""

import pytest
from django.db import connection

from certification.models import Complaint
from certification.services import complaints

from .complaints import unit_in
from .concurrency import twice

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="concurrent writers need PostgreSQL"),
]


def test_a_double_click_on_send_records_one_complaint(published_site):
    unit = unit_in("柞水县")
    results = twice(lambda: complaints.receive(unit, category="price", text="收银台多收了我五元钱，要求退还。",
                                               complainant_phone="13800000000",
                                               submission="one-page-sent-twice")[0].pk)
    assert all(isinstance(pk, int) for pk in results) and len(set(results)) == 1
    assert Complaint.objects.count() == 1
