"""Finding certificates: by the number people type, by the QR code's token, and for download.

A number is forgiven its brackets, spaces, full-width characters and leading zeros; a token is
checked for shape before the database is asked.
"""

import re
import unicodedata

from .. import permissions
from ..models import Certificate

RELATED = ("application__business__region", "application__business__industry", "round")
MAX_NUMBER_LENGTH = 60
_TOKEN = re.compile(r"[A-Za-z0-9_-]{1,64}")
# 商洛放心〔2020〕市字第001号, with the prefix, brackets, 字, 第 and 号 optional (after NFKC and
# with spaces removed): "商洛放心[2020]市字第1号", "（2020）县字001", "2020市001" all parse.
_NUMBER = re.compile(
    r"(?:商洛放心)?[(\[【〔〖{<]?(?P<year>\d{4})[)\]】〕〗}>]?"
    r"(?P<level>市|县区|县)(?:级)?字?第?0*(?P<serial>[1-9]\d{0,5})号?"
)
_INVISIBLE = re.compile(r"[\s\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff\x00-\x1f\x7f]+")


def with_related(queryset=None):
    """Certificates with everything a certificate shows and the pages read, in one query."""
    return (Certificate.objects if queryset is None else queryset).select_related(*RELATED)


def downloadable_by(user):
    """Certificates `user` may download from the signed-in area (permissions.certificate_scope)."""
    return with_related(Certificate.objects.filter(permissions.certificate_scope(user)))


def downloadable_or_none(user, pk):
    return downloadable_by(user).filter(pk=pk).first()


def clean_number(text):
    """The typed number in a comparable form: NFKC (full-width digits and brackets become
    half-width), no spaces or invisible characters."""
    return _INVISIBLE.sub("", unicodedata.normalize("NFKC", str(text or "")))[:MAX_NUMBER_LENGTH * 2]


def parse_number(text):
    """(year, level, serial) of a certificate number as people type it, or None."""
    match = _NUMBER.fullmatch(clean_number(text))
    if not match:
        return None
    level = "city" if match["level"] == "市" else "county"
    return int(match["year"]), level, int(match["serial"])


def find_by_number(text, queryset=None):
    """The certificate with this number, however the brackets, spaces and zeros were typed (from
    `queryset`, e.g. one that reads more, else with_related())."""
    cleaned = clean_number(text)
    if not cleaned or len(cleaned) > MAX_NUMBER_LENGTH:
        return None
    base = with_related(queryset)
    found = base.filter(number=cleaned).first()
    if found is None and (parsed := parse_number(cleaned)):
        year, level, serial = parsed
        found = base.filter(round__year=year, level=level, serial=serial).first()
    return found


def find_by_token(token, queryset=None):
    if not _TOKEN.fullmatch(token or ""):
        return None
    return with_related(queryset).filter(token=token).first()
