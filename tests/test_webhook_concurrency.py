"""Two webhook workers at once never send one delivery twice (FOR UPDATE SKIP LOCKED), on PostgreSQL."""

import pytest
from django.db import connection

from certification.models import WebhookDelivery, WebhookSubscription
from certification.services import webhooks, workflow

from .api import issued_key, title
from .concurrency import twice
from .webhook_receiver import Receiver

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="concurrent workers need PostgreSQL row locks"),
]


def test_two_workers_send_each_delivery_exactly_once(published_site, county_officer, settings):
    settings.WEBHOOK_ALLOW_PRIVATE_ADDRESSES = True
    receiver = Receiver()
    try:
        key, _ = issued_key()
        for n in range(3):
            WebhookSubscription.objects.create(key=key, url=f"{receiver.url}?s={n}", all_titles=True)
        for serial in range(1, 5):
            workflow.perform(title("valid", serial).application, "revoke", county_officer, comment="撤销。")
        assert not any(isinstance(o, Exception) for o in twice(webhooks.deliver_due))
        sent = [(h["X-Fangxin-Event-Id"], path) for path, h, _ in receiver.received]
        assert len(sent) == len(set(sent)) == 12
        assert set(WebhookDelivery.objects.values_list("status", flat=True)) == {"sent"}
    finally:
        receiver.stop()
