"""Error pages in Chinese. They render without the database so they work when it is down."""

from django.shortcuts import render


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    return render(request, "500.html", status=500)


def permission_denied(request, exception=None):
    return render(request, "403.html", {"reason": str(exception or "")}, status=403)


def ratelimited(request, exception=None):
    return render(request, "429.html", status=429)
