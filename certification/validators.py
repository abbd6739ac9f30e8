"""统一社会信用代码 (unified social credit identifier) per GB 32100-2015.

18 characters: registration authority (1), entity type (1), administrative division (6),
organisation code (9), check character (1). The alphabet is the digits and the capital letters
except I, O, Z, S, V; the check character is computed from the first 17 with fixed weights.
"""

import ipaddress

from django.core.exceptions import ValidationError

ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


def uscc_check_character(first17: str) -> str:
    total = sum(ALPHABET.index(ch) * w for ch, w in zip(first17, WEIGHTS, strict=True))
    return ALPHABET[(31 - total % 31) % 31]


def uscc_problem(value: str) -> str | None:
    """Why `value` is not a valid code, in Chinese, or None when it is valid."""
    if len(value) != 18:
        return f"统一社会信用代码应为18位，当前为{len(value)}位。"
    illegal = sorted({ch for ch in value if ch not in ALPHABET})
    if illegal:
        return f"统一社会信用代码含有不允许的字符：{'、'.join(illegal)}（不使用 I、O、Z、S、V 及小写字母）。"
    if not value[2:8].isdigit():
        return "统一社会信用代码第3至8位应为行政区划代码（数字）。"
    if uscc_check_character(value[:17]) != value[17]:
        return "统一社会信用代码校验位不正确，请核对后重新输入。"
    return None


def normalise_uscc(value: str) -> str:
    return (value or "").strip().upper()


def validate_uscc(value: str) -> None:
    problem = uscc_problem(value)
    if problem:
        raise ValidationError(problem, code="invalid_uscc")


def validate_single_line(value: str) -> None:
    """Names and addresses are one line of text: no line breaks or other control characters."""
    if any(ord(ch) < 32 or ord(ch) == 127 for ch in value or ""):
        raise ValidationError("不能包含换行符或其他控制字符。", code="control_characters")


NAT64 = (ipaddress.ip_network("64:ff9b::/96"), ipaddress.ip_network("64:ff9b:1::/48"))


def _embedded_ipv4(ip):
    """The IPv4 address an IPv6 address carries to a gateway (mapped, 6to4, Teredo, NAT64), or None."""
    if ip.ipv4_mapped:
        return ip.ipv4_mapped
    if ip.sixtofour:
        return ip.sixtofour
    if ip.teredo:
        return ip.teredo[1]
    if any(ip in network for network in NAT64):
        return ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
    return None


def is_public_address(address: str) -> bool:
    """An IP address a server may be asked to connect to: global, not multicast (private, loopback,
    link-local, shared, reserved and unspecified addresses are not). An IPv6 address that carries an IPv4
    one to a gateway (IPv4-mapped, 6to4, Teredo, NAT64) is judged by that IPv4 address too."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if ip.version == 6 and (inner := _embedded_ipv4(ip)) is not None:
        if not (inner.is_global and not inner.is_multicast):
            return False
        if ip.ipv4_mapped:
            ip = inner
    return ip.is_global and not ip.is_multicast
