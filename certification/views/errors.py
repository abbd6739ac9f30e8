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


def ratelimited(request, exception=None):
    return render(request, "429.html", status=429)
