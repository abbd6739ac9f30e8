"""Finding the API key a request presents (only its SHA-256 is stored)."""

from ..models import ApiKey
from ..models.api import KEY_PREFIX, hash_key

MAX_KEY_LENGTH = 100


def active_key(raw):
    """The active key with this value, or None (a revoked key is refused like an unknown one)."""
    raw = (raw or "").strip()
    if not raw.startswith(KEY_PREFIX) or len(raw) > MAX_KEY_LENGTH:
        return None
    return ApiKey.objects.filter(key_hash=hash_key(raw), active=True).first()
