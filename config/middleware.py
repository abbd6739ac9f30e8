"""Site-wide middleware that is not about the domain: the Content-Security-Policy per area and the load
balancer's health check."""

import logging
import uuid

from csp.middleware import CSPMiddleware
from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse

logger = logging.getLogger(__name__)


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware: CONTENT_SECURITY_POLICY everywhere, except under the Wagtail admin
    (ADMIN_CSP_PATH_PREFIX), which gets ADMIN_CONTENT_SECURITY_POLICY (see settings for why)."""

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if not report_only and parts.config is None and request.path_info.startswith(settings.ADMIN_CSP_PATH_PREFIX):
            parts.config = settings.ADMIN_CONTENT_SECURITY_POLICY["DIRECTIVES"]
        return parts


class HealthCheckMiddleware:
    """`GET /healthz` for the load balancer: 200 when the database and the cache answer, else 503, with a
    small JSON body ({"status", "database", "cache"}). First in MIDDLEWARE, so the probe needs no host name
    from ALLOWED_HOSTS, no HTTPS redirect and no session."""

    path = "/healthz"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info.rstrip("/") != self.path:
            return self.get_response(request)
        checks = {"database": _check(_database_answers), "cache": _check(_cache_answers)}
        healthy = all(result == "ok" for result in checks.values())
        body = {"status": "ok" if healthy else "unavailable", **checks}
        response = JsonResponse(body, status=200 if healthy else 503)
        response["Cache-Control"] = "no-store"
        return response


def _check(probe):
    try:
        probe()
    except Exception as exc:  # whatever the backend raises, the probe answers 503
        logger.warning("health check failed: %s: %s", type(exc).__name__, exc)
        return "error"
    return "ok"


def _database_answers():
    # A broken connection is closed at the end of the request (request_finished), and with
    # CONN_HEALTH_CHECKS the next request checks it before use: the probe recovers on its own.
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


def _cache_answers():
    key = f"healthz:{uuid.uuid4().hex}"
    cache.set(key, "1", 10)
    if cache.get(key) != "1":
        raise RuntimeError("the cache did not keep a value")
    cache.delete(key)


class ContentLanguageMiddleware:
    """Every page says it is Chinese (Content-Language: LANGUAGE_CODE). Django's LocaleMiddleware is not used:
    it would follow the browser's Accept-Language and add Vary on it, and the site is Chinese for everyone."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", settings.LANGUAGE_CODE)
        return response
