"""Where each person lands: after signing in, and when they open an area that is not theirs.

Officers work in /staff/, assessors in /assess/, businesses (and new accounts that have not yet
filled their business profile) in /portal/; only users with Wagtail's `access_admin` permission (the
city bureau, superusers) use /admin/. Everyone signs in on allauth's Chinese sign-in page: Wagtail's
own login form is never shown.
"""

from urllib.parse import urlencode

from django.shortcuts import redirect
from django.urls import reverse

from .http import AccountAdapter as _ClientAddressAdapter
from .permissions import assessor_of, is_superuser, officer_of

ADMIN_PREFIX = "/admin/"


def home_url(user):
    """The page a signed-in user starts from, by role."""
    if officer_of(user) is not None:
        return reverse("staff:worklist")
    if assessor_of(user) is not None:
        return reverse("assess:list")
    if is_superuser(user):
        return reverse("wagtailadmin_home")
    return reverse("portal:dashboard")


class AccountAdapter(_ClientAddressAdapter):
    """allauth: after signing in (with no `next`), each role lands on its own home."""

    def get_login_redirect_url(self, request):
        return home_url(request.user)


class AdminGateMiddleware:
    """/admin/ is the city bureau's. A signed-in user without access is sent to their own home instead of
    Wagtail's login form with "no permission"; a visitor who is not signed in gets allauth's sign-in page
    (with `next`), not Wagtail's."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        path = request.path_info
        if not path.startswith(ADMIN_PREFIX) or request.headers.get("x-requested-with") == "XMLHttpRequest":
            return self.get_response(request)
        user = request.user
        login_path = reverse("wagtailadmin_login")
        if user.is_authenticated:
            if not user.has_perm("wagtailadmin.access_admin"):
                return redirect(home_url(user))
            return self.get_response(request)
        if path == login_path:
            target = request.GET.get("next") or ADMIN_PREFIX
            return redirect(f"{reverse('account_login')}?{urlencode({'next': target})}")
        return self.get_response(request)
