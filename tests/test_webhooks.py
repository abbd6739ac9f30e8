"""Status-change notices (webhooks): queued with the change, signed, retried, sent once, never to
private addresses."""

import datetime
import hashlib
import hmac
import json

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from certification.models import Certificate, WebhookDelivery, WebhookEvent, WebhookSubscription
from certification.services import complaints, naming, rectifications, webhooks, workflow
from certification.services.webhook_http import AddressRefused, resolve

from . import flows
from .api import issued_key, title
from .complaints import closed, complaint_about, unit_in
from .webhook_receiver import Receiver

pytestmark = pytest.mark.django_db


@pytest.fixture
def receiver(settings):
    settings.WEBHOOK_ALLOW_PRIVATE_ADDRESSES = True
    settings.WEBHOOK_TIMEOUT = 5
    running = Receiver()
    yield running
    running.stop()


def subscribe(url="https://hooks.example.com/fangxin", all_titles=True, codes=""):
    key, _ = issued_key()
    return WebhookSubscription.objects.create(key=key, url=url, all_titles=all_titles, uscc_codes=codes)


def revoke(certificate, officer):
    return workflow.perform(certificate.application, "revoke", officer, comment="群众投诉属实，撤销称号。")


# --- queued with the change ----------------------------------------------------------------------


def test_a_revocation_queues_its_event_and_delivery(county_officer):
    subscription = subscribe()
    certificate = title("valid", 1)
    revoke(certificate, county_officer)
    event = WebhookEvent.objects.get()
    assert event.type == "title.revoked"
    assert event.payload["data"]["status"] == "revoked"
    assert event.payload["data"]["revoked_reason"] == "群众投诉属实，撤销称号。"
    assert WebhookDelivery.objects.get().subscription == subscription


def test_a_change_rolled_back_leaves_no_event(county_officer):
    subscribe()
    certificate = title("valid", 1)
    with pytest.raises(RuntimeError), transaction.atomic():
        revoke(certificate, county_officer)
        assert WebhookEvent.objects.exists()  # written in the change's own transaction
        raise RuntimeError("the change fails after the event was written")
    assert not WebhookEvent.objects.exists() and not WebhookDelivery.objects.exists()


def test_naming_queues_a_named_event(county_officer):
    subscribe()
    app = flows.on_notice(county_officer, days_ago=9)
    naming.name_units([app], county_officer)
    event = WebhookEvent.objects.get()
    assert (event.type, event.payload["data"]["status"]) == ("title.named", "valid")


def test_opening_a_review_queues_an_under_review_event(county_officer):
    subscribe()
    certificate = title("valid", 1)
    workflow.perform(certificate.application, "open_review", county_officer, comment="群众投诉较多。")
    assert WebhookEvent.objects.get().payload["data"]["status"] == "under_review"


def test_a_review_opened_by_complaints_tells_platforms_the_status_not_the_complaints(county_officer):
    subscribe()
    unit = unit_in("柞水县")
    complaint = closed(complaint_about(unit), county_officer, veto=next(iter(complaints.veto_codes(unit))))
    event = WebhookEvent.objects.get(type="title.under_review")
    assert event.payload["data"]["status"] == "under_review"
    assert complaint.reference not in webhooks.body_of(event).decode()


@pytest.mark.parametrize("name", ["open_review", "order_rectification"])
def test_an_officers_internal_reason_is_not_sent_to_platforms(county_officer, name):
    subscribe()
    certificate = title("valid", 1)
    reason = "消费者王先生（13912345678）投诉价格欺诈属实。"
    if name == "open_review":
        workflow.perform(certificate.application, "open_review", county_officer, comment=reason)
    else:
        rectifications.order(certificate.application, reason, timezone.localdate() + datetime.timedelta(days=20),
                             county_officer)
    body = webhooks.body_of(WebhookEvent.objects.get()).decode()
    assert "13912345678" not in body and "王先生" not in body


def test_a_revocation_sends_its_published_reason_as_the_comment(county_officer):
    subscribe()
    revoke(title("valid", 1), county_officer)
    assert WebhookEvent.objects.get().payload["comment"] == "群众投诉属实，撤销称号。"


def test_ordering_a_rectification_queues_an_under_rectification_event(county_officer):
    subscribe()
    certificate = title("valid", 1)
    rectifications.order(certificate.application, "价签不全。", timezone.localdate() + datetime.timedelta(days=20),
                         county_officer)
    event = WebhookEvent.objects.get()
    assert (event.type, event.payload["data"]["status"]) == ("title.under_rectification", "under_rectification")


def test_expiry_queues_an_expired_event():
    subscribe()
    certificate = title("valid", 1)
    Certificate.objects.filter(pk=certificate.pk).update(valid_until=timezone.localdate() - datetime.timedelta(days=1))
    naming.expire_due()
    event = WebhookEvent.objects.get()
    assert (event.type, event.payload["data"]["status"]) == ("title.expired", "expired")


def test_a_renewal_queues_a_superseded_event_naming_the_new_certificate(applicant_a, county_officer):
    from . import renewals

    subscribe()
    old = renewals.title(applicant_a.business)
    new = renewals.named(renewals.renew(old), county_officer)
    superseded = WebhookEvent.objects.get(type="title.superseded")
    assert superseded.payload["data"]["status"] == "superseded"
    assert superseded.payload["data"]["superseded_by"] == new.certificate.number


def test_a_subscription_to_listed_codes_hears_only_of_those_units(county_officer):
    watched, other = title("valid", 1), title("valid", 2)
    subscription = subscribe(all_titles=False, codes=watched.application.business.uscc)
    revoke(watched, county_officer)
    revoke(other, county_officer)
    assert WebhookEvent.objects.count() == 2
    assert list(WebhookDelivery.objects.values_list("subscription", "event__application")) == [
        (subscription.pk, watched.application_id)]


def test_a_revoked_keys_subscription_is_not_told(county_officer):
    subscription = subscribe()
    subscription.key.active = False
    subscription.key.save()
    revoke(title("valid", 1), county_officer)
    assert not WebhookDelivery.objects.exists()


# --- sent, signed, retried, once ------------------------------------------------------------------


def test_a_delivery_is_posted_signed_with_the_subscriptions_secret(receiver, county_officer):
    subscription = subscribe(url=receiver.url)
    revoke(title("valid", 1), county_officer)
    assert webhooks.deliver_due().sent == 1
    path, headers, body = receiver.received[0]
    event = WebhookEvent.objects.get()
    signed = headers["X-Fangxin-Timestamp"].encode() + b"." + body
    expected = hmac.new(subscription.secret.encode(), signed, hashlib.sha256).hexdigest()
    assert headers["X-Fangxin-Signature"] == f"sha256={expected}"
    assert headers["X-Fangxin-Event-Id"] == str(event.id)
    assert json.loads(body)["data"]["status"] == "revoked"


def test_a_failed_delivery_is_retried_later_with_backoff(receiver, county_officer):
    subscribe(url=receiver.url)
    revoke(title("valid", 1), county_officer)
    receiver.status = 500
    assert webhooks.deliver_due().retrying == 1
    delivery = WebhookDelivery.objects.get()
    assert delivery.status == "pending" and delivery.attempts == 1 and delivery.last_status_code == 500
    assert delivery.next_attempt_at > timezone.now() + datetime.timedelta(seconds=50)
    assert webhooks.deliver_due().sent == 0  # not due yet


def test_a_retried_delivery_succeeds_when_the_receiver_is_back(receiver, county_officer):
    subscribe(url=receiver.url)
    revoke(title("valid", 1), county_officer)
    receiver.status = 503
    webhooks.deliver_due()
    WebhookDelivery.objects.update(next_attempt_at=timezone.now())
    receiver.status = 200
    assert webhooks.deliver_due().sent == 1
    assert WebhookDelivery.objects.get().status == "sent"
    assert len({h["X-Fangxin-Event-Id"] for _, h, _ in receiver.received}) == 1


def test_the_retry_waits_double_each_time_up_to_an_hour(settings):
    assert [webhooks.retry_delay(n).total_seconds() for n in (1, 2, 3, 7, 8, 20)] == [60, 120, 240, 3600, 3600, 3600]


def test_a_delivery_failing_for_a_day_is_given_up(receiver, county_officer):
    subscribe(url=receiver.url)
    revoke(title("valid", 1), county_officer)
    WebhookEvent.objects.update(created_at=timezone.now() - datetime.timedelta(hours=24))
    receiver.status = 500
    assert webhooks.deliver_due().failed == 1
    assert WebhookDelivery.objects.get().status == "failed"


def test_a_delivered_event_is_never_sent_again(receiver, county_officer):
    subscribe(url=receiver.url)
    revoke(title("valid", 1), county_officer)
    webhooks.deliver_due()
    WebhookDelivery.objects.update(next_attempt_at=timezone.now() - datetime.timedelta(hours=1))
    webhooks.deliver_due()
    assert len(receiver.received) == 1


def test_one_event_has_one_delivery_per_subscriber(county_officer):
    subscription = subscribe()
    revoke(title("valid", 1), county_officer)
    with pytest.raises(IntegrityError), transaction.atomic():
        WebhookDelivery.objects.create(event=WebhookEvent.objects.get(), subscription=subscription)


def test_a_redirect_is_not_followed(receiver, county_officer):
    subscribe(url=receiver.url)
    revoke(title("valid", 1), county_officer)
    receiver.status, receiver.location = 302, receiver.url.replace("/hooks/fangxin", "/elsewhere")
    assert webhooks.deliver_due().retrying == 1
    assert [method for _, _, method in receiver.received if method == b"GET"] == []
    assert "重定向" in WebhookDelivery.objects.get().last_error


# --- no server-side request forgery ---------------------------------------------------------------


def test_a_private_receiver_is_refused_and_never_contacted(receiver, settings, county_officer):
    subscribe(url=receiver.url)
    revoke(title("valid", 1), county_officer)
    settings.WEBHOOK_ALLOW_PRIVATE_ADDRESSES = False
    assert webhooks.deliver_due().failed == 1
    assert receiver.received == []
    assert "内网" in WebhookDelivery.objects.get().last_error


@pytest.mark.parametrize("url", [
    "http://127.0.0.1/", "http://localhost:8080/", "http://10.0.0.5/", "http://192.168.1.1/", "http://172.16.0.1/",
    "http://169.254.169.254/latest/meta-data/", "http://[::1]/", "http://[::ffff:127.0.0.1]/", "http://0.0.0.0/",
    "http://100.64.0.1/", "http://[fe80::1]/", "http://224.0.0.1/", "ftp://93.184.216.34/", "file:///etc/passwd",
    "http://[64:ff9b::a9fe:a9fe]/", "http://[64:ff9b:1::a00:1]/", "http://[2002:a9fe:a9fe::]/",
])
def test_private_loopback_link_local_and_reserved_addresses_are_refused(url):
    with pytest.raises(AddressRefused):
        resolve(url)


def test_a_public_address_is_allowed():
    assert resolve("https://93.184.216.34:8443/hook?x=1").path == "/hook?x=1"


def test_the_admin_refuses_a_subscription_to_an_internal_address():
    key, _ = issued_key()
    with pytest.raises(ValidationError) as refused:
        WebhookSubscription(key=key, url="http://192.168.0.10/hook", all_titles=True).full_clean()
    assert "url" in refused.value.message_dict


def test_the_admin_refuses_invalid_credit_codes_in_a_subscription():
    key, _ = issued_key()
    with pytest.raises(ValidationError) as refused:
        WebhookSubscription(key=key, url="https://hooks.example.com/", uscc_codes="12345").full_clean()
    assert "uscc_codes" in refused.value.message_dict


# --- visible to the city bureau ---------------------------------------------------------------------


def test_a_city_officer_sees_the_failed_deliveries_and_why(client, city_officer, receiver, settings, county_officer):
    subscribe(url=receiver.url)
    revoke(title("valid", 1), county_officer)
    settings.WEBHOOK_ALLOW_PRIVATE_ADDRESSES = False
    webhooks.deliver_due()
    city_officer.groups.add(Group.objects.get(name="市局工作人员"))
    client.force_login(city_officer)
    page = client.get("/admin/webhookdelivery/").content.decode()
    assert "已放弃" in page and "内网" in page


def test_the_worker_command_sends_what_is_due(receiver, county_officer):
    from io import StringIO

    from django.core.management import call_command

    subscribe(url=receiver.url)
    revoke(title("valid", 1), county_officer)
    out = StringIO()
    call_command("webhook_worker", "--once", stdout=out)
    assert "1 sent" in out.getvalue() and len(receiver.received) == 1


def test_the_signature_check_in_the_integrators_guide_accepts_a_real_delivery(receiver, county_officer):
    import re
    from pathlib import Path

    guide = (Path(__file__).resolve().parent.parent / "docs" / "api.md").read_text()
    code = re.search(r"```python\n(.*?)```", guide, re.S).group(1)
    namespace = {}
    exec(code, namespace)  # noqa: S102 - the guide's own example
    subscription = subscribe(url=receiver.url)
    revoke(title("valid", 1), county_officer)
    webhooks.deliver_due()
    _, headers, body = receiver.received[0]
    assert namespace["verify"](subscription.secret, headers, body)
    assert not namespace["verify"](subscription.secret, headers, body + b" ")


def test_a_subscriptions_secret_is_shown_once_after_saving_it_in_the_admin(client, city_officer):
    key, _ = issued_key()
    city_officer.groups.add(Group.objects.get(name="市局工作人员"))
    client.force_login(city_officer)
    response = client.post("/admin/webhooksubscription/new/", {
        "key": key.pk, "url": "https://hooks.example.com/fangxin", "all_titles": "on", "uscc_codes": "",
        "active": "on"})
    subscription = WebhookSubscription.objects.get()
    assert subscription.secret in response.content.decode()
    assert subscription.secret not in client.get(f"/admin/webhooksubscription/edit/{subscription.pk}/").content.decode()
