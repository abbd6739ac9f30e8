"""A complaint sent twice at once (a double click on 提交) is recorded once (PostgreSQL)."""

import threading

import pytest
from django.db import connection, connections

from certification.models import Complaint
from certification.services import complaints

from .complaints import unit_in

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="concurrent writers need PostgreSQL"),
]


def test_a_double_click_on_send_records_one_complaint(published_site):
    unit = unit_in("柞水县")
    barrier = threading.Barrier(2)
    results = []

    def worker():
        try:
            barrier.wait()
            results.append(complaints.receive(unit, category="price", text="收银台多收了我五元钱，要求退还。",
                                              complainant_phone="13800000000")[0].pk)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert len(results) == 2 and len(set(results)) == 1
    assert Complaint.objects.count() == 1
