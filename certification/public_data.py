"""The generation of what the public pages show: a counter in the cache, bumped whenever a change reaches
those pages (public_cache.py lists the changes and bumps it). Anything kept for the public pages — whole
pages (public_cache), the directory's filter choices (selectors/public.py) — is keyed by it, so a single
bump drops all of it at once."""

import time

from django.core.cache import cache
from django.db import transaction
from django.utils import timezone

GENERATION_KEY = "public-cache:generation"


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
    """Drop everything kept for the public pages now, and again once the current transaction commits (so
    a request that read the old data between the change and the commit does not keep it)."""
    bump_generation()
    transaction.on_commit(bump_generation)


def kept(name, compute, seconds=3600):
    """compute(), read once and kept in the cache until the public data change (the generation) or the day
    turns (titles lapse at midnight): for figures every visitor of a public page sees alike."""
    key = f"public-data:{name}:{generation()}:{timezone.localdate():%Y%m%d}"
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, seconds)
    return value
