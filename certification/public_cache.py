"""Cache for the anonymous public pages (directory, unit page, statistics, open data).

`@public_cache` stores the whole response of an anonymous GET for settings.PUBLIC_CACHE_SECONDS.
Every key carries a *generation* number kept in the cache; changing who holds a title bumps the
generation, so every cached public page is dropped at once (the old entries simply expire):

* an Application makes a transition whose declaration says it changes what the public sees
  (`Step.public` in models/workflow.py; django-fsm's post_transition);
* a Certificate row is saved or deleted (e.g. revoked_on set, validity changed);
* a Business is saved (its name or address may show on the pages);
* a Complaint is received or closed (the statistics, the unit page's and the open data's counts).

The key also carries today's date, so a certificate whose validity ends drops out at midnight even
before the `expire` transition runs. Signed-in users always get a fresh page.
"""

import functools
import hashlib
import time

from django.conf import settings
from django.contrib.messages import get_messages
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.http import HttpResponse
from django.utils import timezone
from django_fsm.signals import post_transition

from .models import Application, Business, Certificate, Complaint

GENERATION_KEY = "public-cache:generation"
KEPT_HEADERS = ("Content-Type", "Content-Disposition", "Access-Control-Allow-Origin", "Content-Language")


def generation():
    value = cache.get(GENERATION_KEY)
    if value is None:
        # Start from the clock so that a lost counter never reuses an older generation's keys.
        cache.add(GENERATION_KEY, int(time.time() * 1000), timeout=None)
        value = cache.get(GENERATION_KEY)
    return value


def bump_generation():
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:  # the counter is missing (evicted or never set)
        cache.set(GENERATION_KEY, int(time.time() * 1000), timeout=None)


def invalidate():
    """Drop every cached public page now, and again once the current transaction commits (so a
    request that cached the old data between the change and the commit does not keep it)."""
    bump_generation()
    transaction.on_commit(bump_generation)


def _cacheable_request(request):
    if request.method not in ("GET", "HEAD") or settings.PUBLIC_CACHE_SECONDS <= 0:
        return False
    if request.user.is_authenticated:
        return False
    # A pending message ("已提交…") belongs to one visitor: never serve or store a page around it.
    return not len(get_messages(request))


def _key(request):
    # The host and scheme too: the JSON's next/previous links are absolute.
    url = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
    digest = hashlib.sha256(url.encode("utf-8", "surrogatepass")).hexdigest()
    language = getattr(request, "LANGUAGE_CODE", "")
    return f"public-cache:{generation()}:{timezone.localdate().isoformat()}:{language}:{digest}"


def _store(request, key, response):
    if response.status_code != 200 or response.streaming or response.cookies:
        return
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):  # the page holds a CSRF token: it is this visitor's
        return
    headers = {name: response[name] for name in KEPT_HEADERS if response.has_header(name)}
    cache.set(key, {"content": response.content, "headers": headers}, settings.PUBLIC_CACHE_SECONDS)


def public_cache(view):
    """Cache an anonymous GET view's response; marks responses with X-Public-Cache: hit|miss."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        if not _cacheable_request(request):
            return view(request, *args, **kwargs)
        key = _key(request)
        stored = cache.get(key)
        if stored is not None:
            response = HttpResponse(stored["content"])
            for name, value in stored["headers"].items():
                response[name] = value
            response["X-Public-Cache"] = "hit"
            return response
        response = view(request, *args, **kwargs)
        if hasattr(response, "render") and callable(response.render):
            response = response.render()
        _store(request, key, response)
        response["X-Public-Cache"] = "miss"
        return response

    return wrapper


# --- invalidation ----------------------------------------------------------------------------


@receiver(post_transition, sender=Application, dispatch_uid="public_cache_application_transition")
def application_transitioned(sender, instance, name, source, target, **kwargs):
    if Application.step(name).public:
        invalidate()


@receiver(post_save, sender=Certificate, dispatch_uid="public_cache_certificate_saved")
@receiver(post_delete, sender=Certificate, dispatch_uid="public_cache_certificate_deleted")
def certificate_changed(sender, instance, **kwargs):
    invalidate()


@receiver(post_save, sender=Business, dispatch_uid="public_cache_business_saved")
def business_changed(sender, instance, created=False, **kwargs):
    if not created:  # a new business is in no public list yet
        invalidate()


@receiver(post_save, sender=Complaint, dispatch_uid="public_cache_complaint_saved")
def complaint_changed(sender, instance, created=False, **kwargs):
    if created or instance.state == "archived":
        invalidate()
