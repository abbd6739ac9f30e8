"""Issuing and revoking the verification API's keys, and counting their use per day.

The city bureau issues keys in the Wagtail admin (wagtail_hooks.py, city officers only): the key is
shown once on the page that follows, and only its SHA-256 is kept.
"""

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from ..models import ApiKey, ApiUsage


def issue(organisation, contact, rate_limit=120, by=None):
    """A new key; returns (ApiKey, the key's value to show once)."""
    key = ApiKey(organisation=organisation, contact=contact, rate_limit=rate_limit, created_by=by)
    raw = key.set_new_key()
    key.save()
    return key, raw


def prepare(key, by=None):
    """Give an unsaved key (the admin's form) its value; returns the value to show once."""
    key.created_by = by
    return key.set_new_key()


def record_active_flag(key):
    """The admin's 有效 box: unticking it revokes the key (once), ticking it again reinstates it."""
    if not key.active and key.revoked_at is None:
        key.revoked_at = timezone.now()
    elif key.active:
        key.revoked_at = None


def revoke(key):
    ApiKey.objects.filter(pk=key.pk, active=True).update(active=False, revoked_at=timezone.now())
    key.refresh_from_db()


def count_use(key, limited=False, day=None):
    """Add one request (or one refused for its rate) to the key's row for the day, atomically."""
    day = day or timezone.localdate()
    field = "limited" if limited else "requests"
    if ApiUsage.objects.filter(key=key, day=day).update(**{field: F(field) + 1}):
        return
    try:
        with transaction.atomic():
            ApiUsage.objects.create(key=key, day=day, **{field: 1})
    except IntegrityError:  # another request created the day's row first
        ApiUsage.objects.filter(key=key, day=day).update(**{field: F(field) + 1})
