"""Error pages in Chinese. They render without the database so they work when it is down."""

import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.shortcuts import render
from django.template import loader

# The database restarting or unreachable: the request is answered 503 (try again), not 500.
DATABASE_UNAVAILABLE = (OperationalError, InterfaceError)


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    """handler500: rendered without the request (its context processors would read the session)."""
    if isinstance(sys.exc_info()[1], DATABASE_UNAVAILABLE):
        return service_unavailable(request)
    return HttpResponse(loader.render_to_string("500.html"), status=500)


def service_unavailable(request, exception=None):
    response = HttpResponse(loader.render_to_string("503.html"), status=503)
    response["Retry-After"] = "30"
    response["Cache-Control"] = "no-store"
    return response


def permission_denied(request, exception=None):
    return render(request, "403.html", {"reason": str(exception or "")}, status=403)


# A form sent without a valid CSRF token: most often a page left open for hours (the session ended)
# or cookies blocked. Tell the person what to do, in Chinese, inside the site's own page.
CSRF_REASON = (
    "页面已过期或无法确认表单来自本站，您填写的内容没有提交。"
    "请返回上一页，刷新后重新提交；如仍不行，请确认浏览器允许本站使用 Cookie。"
)


def csrf_failure(request, reason=""):
    return render(request, "403.html", {"reason": CSRF_REASON}, status=403)


def ratelimited(request, exception=None):
    return render(request, "429.html", status=429)
