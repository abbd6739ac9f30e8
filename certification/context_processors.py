import re

from django.conf import settings

from .permissions import assessor_of, business_of, officer_of


def roles(request):
    """The signed-in user's roles, looked up once per request for the navigation."""
    user = request.user
    if not user.is_authenticated:
        return {}
    return {"role": {"officer": officer_of(user), "assessor": assessor_of(user), "business": business_of(user)}}


def site_office(request):
    """The organising bureau for the footer (settings.SITE_OFFICE); `phone_digits` is for tel: links."""
    office = dict(settings.SITE_OFFICE)
    office["phone_digits"] = re.sub(r"[^\d+]", "", office.get("phone", ""))
    return {"site_office": office}
