"""Status-change notices (webhooks) for the verification API's subscribers: a durable outbox.

`queue()` runs inside the transition's transaction (services.workflow.perform, for every Step with an
`event`): it writes the WebhookEvent — its JSON body is fixed then: the event's id, type and time, the
published reason of a revocation (`comment`, empty for the other events) and the title's answer as the
API gives it — and one WebhookDelivery per active subscription that wants
the unit (all titles, or the credit codes it listed). A rolled-back change leaves no event; a
committed one never loses its notices.

`deliver_due()` is one round of `manage.py webhook_worker`: it takes the due deliveries one by one,
each locked with SELECT … FOR UPDATE SKIP LOCKED (two workers never send the same row), POSTs the body
signed with the subscription's secret (`signature`), and marks it sent, or schedules the next try:
1, 2, 4 … minutes after a failure, at most WEBHOOK_RETRY_MAX apart, until WEBHOOK_RETRY_FOR (a day)
after the event; then it is given up (visible to the city bureau in the admin). A delivery is unique
per event and subscription, so an event is never sent twice to one subscriber once it has answered
2xx; a receiver de-duplicates on the X-Fangxin-Event-Id header should a worker die mid-send.
"""

import hashlib
import hmac
import json
import logging
import time
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from ..models import WebhookDelivery, WebhookEvent, WebhookSubscription
from ..selectors.verification import answer_for_application
from . import webhook_http

logger = logging.getLogger(__name__)
USER_AGENT = "shangluo-fangxin-webhook/1"


def queue(application, log, event_type):
    """Write the event and its deliveries (call inside the change's transaction). Returns the event."""
    answer = answer_for_application(application)
    if answer is None:  # no certificate: nothing a platform could have verified
        return None
    event = WebhookEvent(type=event_type, application=application, created_at=log.created_at)
    event.payload = {"id": str(event.id), "type": event_type, "created_at": event.created_at.isoformat(),
                     "comment": published_comment(log, event_type), "data": answer}
    event.save()
    uscc = answer["unit"]["uscc"]
    subscribers = [s for s in WebhookSubscription.objects.filter(active=True, key__active=True) if s.wants(uscc)]
    WebhookDelivery.objects.bulk_create(
        [WebhookDelivery(event=event, subscription=s, next_attempt_at=event.created_at) for s in subscribers],
        ignore_conflicts=True,
    )
    return event


def published_comment(log, event_type):
    """What platforms may read of the transition's comment: a revocation's reason, which is published (the
    verification page and the API show it). Every other comment is the staff's own note — a review opened
    "for complaints TS…", an officer's reason naming a complainant, a rectification's problems — which the
    public pages never show, so it is not sent outside either."""
    return log.comment if event_type == WebhookEvent.Type.REVOKED else ""


def body_of(event):
    """The bytes sent for `event`: the same for every try and every subscriber."""
    return json.dumps(event.payload, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()


def signature(secret, timestamp, body):
    """hex HMAC-SHA256, keyed with the subscription's secret, of "<timestamp>.<body>"."""
    return hmac.new(secret.encode(), str(timestamp).encode() + b"." + body, hashlib.sha256).hexdigest()


def headers_for(delivery, body, timestamp=None):
    timestamp = int(time.time()) if timestamp is None else timestamp
    return {
        "Content-Type": "application/json; charset=utf-8",
        "User-Agent": USER_AGENT,
        "X-Fangxin-Event": delivery.event.type,
        "X-Fangxin-Event-Id": str(delivery.event_id),
        "X-Fangxin-Timestamp": str(timestamp),
        "X-Fangxin-Signature": "sha256=" + signature(delivery.subscription.secret, timestamp, body),
    }


def retry_delay(attempts):
    """How long after its `attempts`-th failure a delivery is tried again."""
    return min(settings.WEBHOOK_RETRY_INTERVAL * 2 ** (attempts - 1), settings.WEBHOOK_RETRY_MAX)


@dataclass
class Round:
    sent: int = 0
    retrying: int = 0
    failed: int = 0


def due():
    return WebhookDelivery.objects.filter(status=WebhookDelivery.Status.PENDING, next_attempt_at__lte=timezone.now())


def deliver_due(max_deliveries=500):
    """Send what is due now, one locked row at a time. Returns the counts."""
    done = Round()
    for _ in range(max_deliveries):
        with transaction.atomic():
            delivery = (due().select_for_update(skip_locked=True, of=("self",))
                        .select_related("event", "subscription__key").order_by("next_attempt_at", "pk").first())
            if delivery is None:
                break
            outcome = attempt(delivery)
        setattr(done, outcome, getattr(done, outcome) + 1)
    return done


def attempt(delivery):
    """Try `delivery` once (the caller holds its row lock); returns "sent", "retrying" or "failed"."""
    now = timezone.now()
    delivery.attempts += 1
    delivery.last_attempt_at = now
    delivery.last_status_code = None
    subscription = delivery.subscription
    error, final = "", False
    if not (subscription.active and subscription.key.active):
        error, final = "订阅已停用或接口密钥已撤销，不再发送。", True
    else:
        body = body_of(delivery.event)
        try:
            status = webhook_http.post(subscription.url, body, headers_for(delivery, body))
            delivery.last_status_code = status
            if not 200 <= status < 300:
                error = f"对方返回 HTTP {status}" + ("（不跟随重定向）" if 300 <= status < 400 else "")
        except webhook_http.AddressRefused as exc:
            error, final = str(exc), True
        except Exception as exc:  # noqa: BLE001 - any network failure is a failed try, retried later
            error = f"{type(exc).__name__}: {exc}"
    delivery.last_error = error[:300]
    if not error:
        delivery.status, delivery.sent_at = WebhookDelivery.Status.SENT, now
        outcome = "sent"
    else:
        next_at = now + retry_delay(delivery.attempts)
        if final or next_at > delivery.event.created_at + settings.WEBHOOK_RETRY_FOR:
            delivery.status = WebhookDelivery.Status.FAILED
            outcome = "failed"
        else:
            delivery.next_attempt_at = next_at
            outcome = "retrying"
        logger.warning("webhook %s to %s: %s", delivery.event_id, subscription.url, error)
    delivery.save()
    return outcome
