"""Cache for the anonymous public pages: the Wagtail pages (home, criteria, assurances, notices, about),
the directory, the unit page, statistics and open data.

`@public_cache` stores the whole response of an anonymous GET for settings.PUBLIC_CACHE_SECONDS; Wagtail's
page view is wrapped with it in config/urls.py (the CMS itself does not know about the cache).
`PublicCacheMiddleware`, early in MIDDLEWARE, answers a visitor who has no session and no message cookie
(so is certainly anonymous, with nothing pending for them) straight from the cache, before the session,
authentication, CSRF and URL routing run: what a surge of first-time visitors from a news link hits.

Every stored page carries the *generation* number kept in the cache when it was rendered; a change to
what these pages show bumps the generation, so every cached public page is dropped at once (a page of an
older generation is a miss, and is overwritten or expires). A lookup reads the page and the generation
in one round trip (get_many):

* an Application makes a transition whose declaration says it changes what the public sees
  (`Step.public` in models/workflow.py), or that puts a candidate on public notice or takes it off (the
  home page counts them, the notices list them) — django-fsm's post_transition;
* a Certificate row is saved or deleted (e.g. revoked_on set, validity changed);
* a Business is saved (its name or address may show on the pages);
* a Complaint is received or closed (the statistics, the unit page's and the open data's counts);
* a Wagtail page is published, unpublished, moved or deleted, or a Site changes.

The key also carries today's date, so a certificate whose validity ends drops out at midnight even
before the `expire` transition runs. Signed-in users always get a fresh page, and a page is never stored
when it is someone's: a signed-in user's, one with a CSRF token or a cookie, one shown with a pending
message, one whose Cache-Control says private or no-store (Wagtail's pages under a view restriction).
"""

import functools
import hashlib

from django.conf import settings
from django.contrib.messages import get_messages
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.http import HttpResponse
from django.utils import timezone, translation
from django.utils.cache import get_max_age
from django_fsm.signals import post_transition
from wagtail.models import Page, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from .models import Application, Business, Certificate, Complaint, State
from .public_data import GENERATION_KEY, bump_generation, generation, invalidate  # noqa: F401 (re-exported)

# The headers a cached page keeps; the ones the outer middleware adds (CSP, security) are added again.
KEPT_HEADERS = ("Content-Type", "Content-Disposition", "Access-Control-Allow-Origin", "Content-Language",
                "Vary", "X-Frame-Options")


def _cacheable_method(request):
    return request.method in ("GET", "HEAD") and settings.PUBLIC_CACHE_SECONDS > 0


def _cacheable_request(request):
    if not _cacheable_method(request):
        return False
    if request.user.is_authenticated:
        return False
    # A pending message ("已提交…") belongs to one visitor: never serve or store a page around it.
    return not len(get_messages(request))


def _certainly_anonymous(request):
    """No session (so no user, no message kept in the session) and no message cookie: nothing on the
    page can be this visitor's, and nothing needs to be loaded to know it."""
    return settings.SESSION_COOKIE_NAME not in request.COOKIES and CookieStorage.cookie_name not in request.COOKIES


def _key(request):
    # The host and scheme too: the JSON's next/previous links are absolute. The language as
    # LocaleMiddleware chooses it, so that the middleware (before it) and the view (after) agree.
    url = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
    digest = hashlib.sha256(url.encode("utf-8", "surrogatepass")).hexdigest()
    language = getattr(request, "LANGUAGE_CODE", None) or translation.get_language_from_request(request)
    return f"public-cache:page:{timezone.localdate().isoformat()}:{language}:{digest}"


def _lookup(request):
    """(slot, cached response or None). One round trip to the cache: the page and the generation together;
    a page stored under an older generation is a miss. The slot (key, generation read now) is where the
    fresh page goes: if the generation moves while the view runs, the page is stored already stale."""
    key = _key(request)
    found = cache.get_many([GENERATION_KEY, key])
    current = found.get(GENERATION_KEY) or generation()
    stored = found.get(key)
    if stored is None or stored.get("generation") != current:
        return (key, current), None
    response = HttpResponse(stored["content"])
    for name, value in stored["headers"].items():
        response[name] = value
    response["X-Public-Cache"] = "hit"
    return (key, current), response


def _private(response):
    cache_control = response.get("Cache-Control", "").lower()
    return any(word in cache_control for word in ("private", "no-store", "no-cache")) or get_max_age(response) == 0


def _store(request, slot, response):
    if response.status_code != 200 or response.streaming or response.cookies or _private(response):
        return
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):  # the page holds a CSRF token: it is this visitor's
        return
    if request.user.is_authenticated:  # signed in while the view ran
        return
    if len(get_messages(request)):  # a message added while the view ran is shown on this page
        return
    key, page_generation = slot
    headers = {name: response[name] for name in KEPT_HEADERS if response.has_header(name)}
    cache.set(key, {"generation": page_generation, "content": response.content, "headers": headers},
              settings.PUBLIC_CACHE_SECONDS)


def public_cache(view):
    """Cache an anonymous GET view's response; marks responses with X-Public-Cache: hit|miss.

    The view looks the page up (unless PublicCacheMiddleware already has) and marks a fresh response for
    the middleware, which stores it on its way out, once the inner middleware has added its headers
    (language, Vary, X-Frame-Options) and any cookie that would make it this visitor's."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        if not _cacheable_request(request):
            return view(request, *args, **kwargs)
        slot = getattr(request, "public_cache_missed", None)  # where the middleware found nothing
        if slot is None:
            slot, cached = _lookup(request)
            if cached is not None:
                return cached
        response = view(request, *args, **kwargs)
        if hasattr(response, "render") and callable(response.render):
            response = response.render()
        response.public_cache_slot = slot
        response["X-Public-Cache"] = "miss"
        return response

    return wrapper


class PublicCacheMiddleware:
    """Answers a certainly anonymous visitor's GET from the cache before the rest of the middleware runs
    (only pages that a `@public_cache` view stored are found; on a miss the request goes on as usual),
    and stores the pages a `@public_cache` view marked. Placed after the security and CSP middleware,
    which add their headers to cached pages too, and before the session middleware."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if _cacheable_method(request) and _certainly_anonymous(request):
            slot, cached = _lookup(request)
            if cached is not None:
                return cached
            request.public_cache_missed = slot
        response = self.get_response(request)
        slot = getattr(response, "public_cache_slot", None)
        if slot is not None:
            _store(request, slot, response)
        return response


# --- invalidation ----------------------------------------------------------------------------


@receiver(post_transition, sender=Application, dispatch_uid="public_cache_application_transition")
def application_transitioned(sender, instance, name, source, target, **kwargs):
    # The home page counts the candidates on notice, and the notices list them.
    if Application.step(name).public or State.IN_NOTICE in (source, target):
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


@receiver(page_published, dispatch_uid="public_cache_page_published")
@receiver(page_unpublished, dispatch_uid="public_cache_page_unpublished")
@receiver(post_page_move, dispatch_uid="public_cache_page_moved")
def page_changed(sender, instance, **kwargs):
    invalidate()


@receiver(post_delete, dispatch_uid="public_cache_page_deleted")
def page_deleted(sender, instance, **kwargs):
    if isinstance(instance, Page):  # Wagtail deletes a page's specific row and its Page row
        invalidate()


@receiver(post_save, sender=Site, dispatch_uid="public_cache_site_saved")
@receiver(post_delete, sender=Site, dispatch_uid="public_cache_site_deleted")
def site_changed(sender, instance, **kwargs):
    invalidate()
