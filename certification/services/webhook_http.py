"""Posting a webhook without server-side request forgery.

Only http(s) URLs. The host is resolved here, and every address it resolves to must be public: private,
loopback, link-local, shared (100.64/10), reserved, multicast and unspecified addresses are refused
(Python's `ipaddress`; IPv4-mapped IPv6 addresses are judged as IPv4), unless
WEBHOOK_ALLOW_PRIVATE_ADDRESSES is on (tests with a local receiver). The request then goes to the
address that was checked — not to a second resolution, which DNS rebinding could point elsewhere —
with the URL's host name for the Host header, TLS SNI and certificate check. Redirects are never
followed; connect and read time out (WEBHOOK_TIMEOUT); at most 64 KB of the answer is read.
"""

import socket
from dataclasses import dataclass
from urllib.parse import urlsplit

import urllib3
from django.conf import settings

from ..validators import is_public_address

MAX_ANSWER_BYTES = 64 * 1024


class AddressRefused(Exception):
    """The URL may not be posted to (its scheme or the addresses its host resolves to)."""


@dataclass(frozen=True)
class Target:
    scheme: str
    host: str
    port: int
    path: str
    address: str


def resolve(url):
    """The Target of `url` with a checked address; raises AddressRefused."""
    try:
        parts = urlsplit(url)
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError as exc:
        raise AddressRefused(f"地址无效：{exc}") from None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise AddressRefused("只能向 http 或 https 地址发送。")
    try:
        infos = socket.getaddrinfo(parts.hostname, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise AddressRefused(f"无法解析主机名 {parts.hostname}：{exc}") from None
    addresses = [info[4][0] for info in infos]
    allow_private = getattr(settings, "WEBHOOK_ALLOW_PRIVATE_ADDRESSES", False)
    if not addresses or (not allow_private and not all(is_public_address(a) for a in addresses)):
        raise AddressRefused(f"{parts.hostname} 解析到内网、本机或保留地址，拒绝发送。")
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    return Target(parts.scheme, parts.hostname, port, path, addresses[0])


def post(url, body, headers):
    """POST `body` to `url`; returns the status code. Raises AddressRefused, or urllib3/OS errors."""
    target = resolve(url)
    timeout = urllib3.Timeout(connect=settings.WEBHOOK_TIMEOUT, read=settings.WEBHOOK_TIMEOUT)
    host_header = target.host if target.port in (80, 443) else f"{target.host}:{target.port}"
    if target.scheme == "https":
        pool = urllib3.HTTPSConnectionPool(target.address, target.port, timeout=timeout, retries=False,
                                           server_hostname=target.host, assert_hostname=target.host,
                                           cert_reqs="CERT_REQUIRED")
    else:
        pool = urllib3.HTTPConnectionPool(target.address, target.port, timeout=timeout, retries=False)
    try:
        response = pool.urlopen("POST", target.path, body=body, headers={**headers, "Host": host_header},
                                redirect=False, retries=False, preload_content=False, assert_same_host=False)
        response.read(MAX_ANSWER_BYTES)
        response.release_conn()
        return response.status
    finally:
        pool.close()
