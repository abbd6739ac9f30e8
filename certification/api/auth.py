"""Who is asking the API, and how often they may: an organisation's key (header X-API-Key) at its own
rate per minute, or anyone at a low rate (API_ANON_RATELIMIT, by client address) for the single
lookups. Over the rate: 429 with a JSON body and Retry-After, never a 500. Each request with a key is
counted for the key and the day (ApiUsage, incremented with F())."""

from django.conf import settings
from django_ratelimit.core import is_ratelimited
from ninja.security import APIKeyHeader

from ..http import client_ip
from ..selectors.api_keys import active_key
from ..services import api_keys

HEADER = "X-API-Key"


class ApiProblem(Exception):
    """An answer with a status and a Chinese message (rendered as JSON by the API's handler)."""

    status = 400

    def __init__(self, message, status=None, headers=None):
        super().__init__(message)
        self.message = message
        self.status = status or self.status
        self.headers = headers or {}


def too_many():
    return ApiProblem("请求过于频繁，请稍后再试（每分钟请求次数超过上限）。", 429, {"Retry-After": "60"})


class Anonymous:
    """request.auth when no key was sent (truthy, so django-ninja accepts it)."""

    key = None

    def __bool__(self):
        return True


ANONYMOUS = Anonymous()


def _key_rate(group, request):
    return f"{request.api_key.rate_limit}/m"


def _key_id(group, request):
    return str(request.api_key.pk)


def _anon_rate(group, request):
    return getattr(settings, "API_ANON_RATELIMIT", "20/m")


class KeyAuth(APIKeyHeader):
    """An organisation's key. A key that is sent but unknown or revoked is refused (401), never read
    as anonymous use."""

    param_name = HEADER

    def authenticate(self, request, key):
        if key is None:
            return None
        found = active_key(key)
        if found is None:
            raise ApiProblem("接口密钥无效或已被撤销。", 401)
        request.api_key = found
        if is_ratelimited(request, group="api-key", key=_key_id, rate=_key_rate, increment=True):
            api_keys.count_use(found, limited=True)
            raise too_many()
        api_keys.count_use(found)
        return found


def anonymous(request):
    """Use without a key, at the anonymous rate per client address."""
    if request.headers.get(HEADER) is not None:
        return None
    if is_ratelimited(request, group="api-anonymous", key=lambda g, r: client_ip(r), rate=_anon_rate,
                      increment=True):
        raise too_many()
    return ANONYMOUS


key_required = [KeyAuth()]
key_or_anonymous = [KeyAuth(), anonymous]
