"""The e-mail outbox (django-post-office): queued in the transaction, delivered by the worker with backoff."""

import datetime
import email
import email.policy
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from django.core import mail
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone
from post_office.models import STATUS, Email

from certification import outbox
from certification.models import State
from certification.services import naming, workflow

from . import flows
from .factories import ApplicationFactory

pytestmark = pytest.mark.django_db


class Inbox:
    """An aiosmtpd handler that keeps what it receives."""

    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(email.message_from_bytes(envelope.content, policy=email.policy.default))
        return "250 OK"


def refused_port():
    """A local TCP port nobody listens on: connecting to it is refused, like a mail server that is down."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def smtp(settings):
    """Mail goes to a real SMTP server on 127.0.0.1, which is down until the test starts it."""
    settings.POST_OFFICE = {
        **settings.POST_OFFICE, "BACKENDS": {"default": "django.core.mail.backends.smtp.EmailBackend"}
    }
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", refused_port()
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_TIMEOUT = 5
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=settings.EMAIL_PORT)
    inbox.start = controller.start
    yield inbox
    if controller._thread is not None:
        controller.stop()


@pytest.fixture
def later(monkeypatch):
    """Move the clock forward (the outbox schedules retries by timezone.now)."""
    real_now = timezone.now
    offset = datetime.timedelta()

    def advance(**delta):
        nonlocal offset
        offset += datetime.timedelta(**delta)
        monkeypatch.setattr(timezone, "now", lambda: real_now() + offset)

    return advance


def test_a_transition_queues_the_applicants_email_instead_of_sending_it(applicant_a):
    app = ApplicationFactory(business=applicant_a.business, complete=True, documents=True)
    workflow.perform(app, "submit", applicant_a)
    assert mail.outbox == []
    assert list(outbox.waiting().values_list("to", flat=True)) == [[applicant_a.email]]


def test_a_change_that_is_rolled_back_leaves_no_email(applicant_a):
    app = ApplicationFactory(business=applicant_a.business, complete=True, documents=True)
    with pytest.raises(RuntimeError), transaction.atomic():
        workflow.perform(app, "submit", applicant_a)
        raise RuntimeError("the request failed after the transition")
    assert not Email.objects.exists()


def test_the_worker_delivers_what_the_outbox_holds(applicant_a, sent_mail):
    app = ApplicationFactory(business=applicant_a.business, complete=True, documents=True)
    workflow.perform(app, "submit", applicant_a)
    assert [m.to for m in sent_mail()] == [[applicant_a.email]]
    assert not outbox.waiting().exists()


def test_the_mail_worker_command_sends_one_round_with_once(applicant_a):
    app = ApplicationFactory(business=applicant_a.business, complete=True, documents=True)
    workflow.perform(app, "submit", applicant_a)
    call_command("mail_worker", "--once", stdout=open(os.devnull, "w"))
    assert len(mail.outbox) == 1


def test_a_signup_confirmation_goes_through_the_outbox(client):
    client.post("/accounts/signup/", {"email": "shop@example.com", "password1": "Qinling-2020-shop",
                                      "password2": "Qinling-2020-shop"})
    assert mail.outbox == []
    assert list(outbox.waiting().values_list("to", flat=True)) == [["shop@example.com"]]


def test_each_failure_doubles_the_wait_before_the_next_try(applicant_a, smtp, later):
    app = ApplicationFactory(business=applicant_a.business, complete=True, documents=True)
    workflow.perform(app, "submit", applicant_a)
    waits = []
    for _ in range(3):
        outbox.deliver()
        message = Email.objects.get()
        waits.append(round((message.scheduled_time - message.last_updated).total_seconds()))
        later(seconds=waits[-1] + 1)
    assert waits == [60, 120, 240]


def test_a_message_is_retried_for_hours_before_it_is_given_up(settings):
    tries = settings.POST_OFFICE["MAX_RETRIES"]
    assert sum((outbox.retry_delay(n) for n in range(1, tries + 1)), datetime.timedelta()) > datetime.timedelta(hours=3)


def test_a_naming_batch_during_a_mail_server_outage_loses_no_email(county_officer, smtp, later):
    candidates = [flows.on_notice(county_officer, days_ago=9) for _ in range(3)]
    Email.objects.all().delete()  # what the earlier steps queued

    named, refused, _ = naming.name_units(candidates, county_officer)  # the mail server is down
    assert [app.state for app in named] == [State.NAMED] * 3 and refused == []
    assert outbox.waiting().count() == 3

    for _ in range(60):  # the worker keeps trying, once a minute, for an hour
        outbox.deliver()
        later(minutes=1)
    assert smtp.messages == []
    assert outbox.waiting().count() == 3
    assert not Email.objects.filter(status=STATUS.failed).exists()

    smtp.start()  # the mail server comes back
    later(hours=1)
    outbox.deliver()
    owners = sorted(app.business.owner.email for app in candidates)
    assert sorted(m["To"] for m in smtp.messages) == owners
    assert all("命名" in m["Subject"] for m in smtp.messages)
    assert not outbox.waiting().exists()


def test_a_message_that_never_goes_through_is_kept_as_failed_not_deleted(applicant_a, smtp, later, settings):
    settings.POST_OFFICE = {**settings.POST_OFFICE, "MAX_RETRIES": 2}
    app = ApplicationFactory(business=applicant_a.business, complete=True, documents=True)
    workflow.perform(app, "submit", applicant_a)
    for _ in range(3):
        outbox.deliver()
        later(hours=1)
    assert Email.objects.get().status == STATUS.failed


def test_the_delivery_backend_and_smtp_server_come_from_the_environment():
    env = {**os.environ, "EMAIL_BACKEND": "smtp", "EMAIL_HOST": "mail.example.org", "EMAIL_PORT": "2525",
           "DJANGO_SETTINGS_MODULE": "config.settings"}
    code = ("from django.conf import settings as s; "
            "print(s.POST_OFFICE['BACKENDS']['default'], s.EMAIL_HOST, s.EMAIL_PORT, s.EMAIL_BACKEND)")
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True,
                         cwd=Path(__file__).resolve().parent.parent).stdout.split()
    assert out == [
        "django.core.mail.backends.smtp.EmailBackend", "mail.example.org", "2525", "post_office.EmailBackend"
    ]


def test_without_an_smtp_host_mail_is_printed_on_the_console():
    env = {k: v for k, v in os.environ.items() if not k.startswith("EMAIL_")}
    code = "from django.conf import settings as s; print(s.POST_OFFICE['BACKENDS']['default'])"
    out = subprocess.run([sys.executable, "-c", code], env={**env, "DJANGO_SETTINGS_MODULE": "config.settings"},
                         capture_output=True, text=True, check=True, cwd=Path(__file__).resolve().parent.parent)
    assert out.stdout.strip() == "django.core.mail.backends.console.EmailBackend"
