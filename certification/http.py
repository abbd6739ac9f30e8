"""The client's address, the same for every rate limit and lockout (django-ratelimit, django-axes, allauth).

With TRUSTED_PROXY_COUNT = 0 (the default: the site is reached directly) it is REMOTE_ADDR and any
X-Forwarded-For header is ignored, so a client cannot choose its own address. Behind N reverse proxies
that each append the address they received the request from to X-Forwarded-For (nginx:
`proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;`), it is the entry the outermost trusted
proxy wrote, read from the right through django-ipware: whatever the client put in front of it is never
used. A missing, short or malformed header falls back to REMOTE_ADDR; an address is always returned, so
no limit ever fails with a 500.
"""

import logging

from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings
from ipware import get_client_ip

logger = logging.getLogger(__name__)

UNKNOWN = "0.0.0.0"  # the key for requests whose address cannot be read


def client_ip(request):
    proxies = settings.TRUSTED_PROXY_COUNT
    ip = None
    if proxies:
        # ipware counts the proxies listed in the header: the last proxy is REMOTE_ADDR, not in it.
        ip, _ = get_client_ip(request, proxy_count=proxies - 1, request_header_order=["HTTP_X_FORWARDED_FOR"],
                              strict=False)
    if ip is None:
        ip, _ = get_client_ip(request, request_header_order=["REMOTE_ADDR"])
    if ip is None:
        logger.warning("no usable client address (REMOTE_ADDR=%r)", request.META.get("REMOTE_ADDR"))
        return UNKNOWN
    return ip


class AccountAdapter(DefaultAccountAdapter):
    """allauth's rate limits key on the same client address as everything else."""

    def get_client_ip(self, request):
        return client_ip(request)
