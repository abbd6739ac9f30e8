"""Reads of the verification API (/api/v1/) and the payloads of its webhooks.

Every answer about a title is `title_answer(certificate)`: the certificate, the unit, its live status
(selectors.titles.title_status: valid, under_review, under_rectification, revoked with date and
reason, expired, superseded) and the URLs of the unit's page and the verification page. Numbers are
read as the verification page reads them (selectors.certificates: any bracket style), credit codes as
the search reads them (search.uscc_typed).

A bulk lookup of up to 100 numbers or codes is answered in two queries whatever their number: the
certificates (one OR of the numbers, parsed numbers and codes, with everything the answer shows) and
the open rectifications of those titles (whose deadline the status states).
"""

import base64
import binascii
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Prefetch, Q

from .. import search
from ..models import Application, Certificate, Rectification, Round
from ..validators import uscc_problem
from . import certificates as certs
from .public import verify_url
from .titles import title_status

ANSWER_RELATED = (*certs.RELATED, "superseded_by")
UNITS_RELATED = ("business__region", "business__industry", "round", "certificate__round")
MAX_BULK = 100
MAX_PAGE_SIZE = 100


def _with_open_rectifications(queryset):
    return queryset.select_related(*ANSWER_RELATED).prefetch_related(
        Prefetch("application__rectifications", queryset=Rectification.objects.open().order_by("pk"),
                 to_attr="open_rectifications")
    )


def unit_url(application):
    return f"{settings.SITE_URL}/units/{application.pk}/"


def title_answer(certificate, today=None):
    """The answer about one title, as a dict of JSON types (the API's TitleOut)."""
    application = certificate.application
    business = application.business
    status = title_status(application, certificate, today)
    revoked = status.code == "revoked"
    successor = certificate.superseded_by if certificate.superseded_by_id else None
    return {
        "certificate_number": certificate.number,
        "level": certificate.level,
        "level_name": certificate.get_level_display(),
        "year": certificate.round.year,
        "issued_on": certificate.issued_on.isoformat(),
        "valid_until": certificate.valid_until.isoformat(),
        "status": status.code,
        "status_label": status.label,
        "status_explain": status.explain,
        "in_force": status.in_force,
        "revoked_on": certificate.revoked_on.isoformat() if revoked and certificate.revoked_on else None,
        "revoked_reason": certificate.revoked_reason if revoked else None,
        "superseded_by": successor.number if successor else None,
        "unit": {
            "name": business.name,
            "uscc": business.uscc,
            "address": business.address,
            "county": business.region.name,
            "county_code": business.region.code,
            "sector": business.industry.name,
            "sector_code": business.industry.code,
        },
        "unit_url": unit_url(application) if status.in_force else None,
        "verify_url": verify_url(certificate.number),
    }


def answer_for_application(application):
    """The answer about the title `application` holds (or held), or None when it has no certificate."""
    certificate = _with_open_rectifications(Certificate.objects.filter(application=application)).first()
    return title_answer(certificate) if certificate else None


# --- one lookup ----------------------------------------------------------------------------------


def by_number(text):
    """The certificate with this number, however typed (as the verification page reads it), or None."""
    return certs.find_by_number(text, _with_open_rectifications(Certificate.objects.all()))


def by_token(token):
    return certs.find_by_token(token, _with_open_rectifications(Certificate.objects.all()))


def _best(certificates):
    """Of a business's certificates, the title that speaks for it: one in force, else the newest."""
    ranked = sorted(certificates, key=lambda c: (title_status(c.application, c).in_force, c.issued_on, c.pk))
    return ranked[-1] if ranked else None


def by_uscc(code):
    return _best(_with_open_rectifications(Certificate.objects.filter(application__business__uscc=code)))


# --- bulk ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Identifier:
    text: str  # as sent
    kind: str  # "uscc", "number" or "invalid"
    value: object = None  # the code, or (cleaned number, parsed number or None)
    problem: str = ""


def read_identifier(text):
    """What one identifier of a bulk request is: a credit code, a certificate number, or neither."""
    text = str(text)
    if code := search.uscc_typed(text):
        problem = uscc_problem(code)
        return Identifier(text, "invalid", problem=problem) if problem else Identifier(text, "uscc", code)
    cleaned = certs.clean_number(text)
    parsed = certs.parse_number(cleaned)
    if not cleaned or len(cleaned) > certs.MAX_NUMBER_LENGTH or parsed is None:
        return Identifier(text, "invalid", problem="既不是证书编号，也不是18位统一社会信用代码。")
    return Identifier(text, "number", (cleaned, parsed))


def bulk_lookup(texts, today=None):
    """[(Identifier, certificate or None)] for each text, in order, in two queries."""
    ids = [read_identifier(text) for text in texts]
    codes = [item.value for item in ids if item.kind == "uscc"]
    numbers = [item.value[0] for item in ids if item.kind == "number"]
    parts = [item.value[1] for item in ids if item.kind == "number"]
    # One indexed lookup per kind of id, joined by UNION (an OR across the joined tables would make
    # the database join every certificate first): the number as typed; a superset of the parsed
    # (year, level, serial), matched exactly below; the certificates of the businesses with the codes.
    by_typed = Certificate.objects.filter(number__in=numbers).order_by().values("pk")
    by_parts = Certificate.objects.filter(
        round__in=Round.objects.filter(year__in={p[0] for p in parts}).values("pk"),
        level__in={p[1] for p in parts}, serial__in={p[2] for p in parts},
    ).order_by().values("pk")
    by_code = Certificate.objects.filter(application__business__uscc__in=codes).order_by().values("pk")
    wanted = Q(pk__in=by_typed.union(by_parts, by_code))
    found = list(_with_open_rectifications(Certificate.objects.filter(wanted))) if codes or numbers else []
    by_code, by_number_, by_parts = {}, {}, {}
    for certificate in found:
        by_code.setdefault(certificate.application.business.uscc, []).append(certificate)
        by_number_[certificate.number] = certificate
        by_parts[(certificate.round.year, certificate.level, certificate.serial)] = certificate
    results = []
    for item in ids:
        certificate = None
        if item.kind == "uscc":
            certificate = _best(by_code.get(item.value, []))
        elif item.kind == "number":
            cleaned, parsed = item.value
            certificate = by_number_.get(cleaned) or by_parts.get(parsed)
        results.append((item, certificate))
    return results


# --- the named units (the open-data set), with a cursor --------------------------------------------


class BadCursor(ValueError):
    pass


def encode_cursor(pk):
    return base64.urlsafe_b64encode(f"a{pk}".encode()).decode().rstrip("=")


def decode_cursor(cursor):
    try:
        text = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
    except (binascii.Error, UnicodeDecodeError, ValueError):
        raise BadCursor(cursor) from None
    if not text.startswith("a") or not text[1:].isdigit() or len(text) > 20:
        raise BadCursor(cursor)
    return int(text[1:])


def units_page(county="", sector="", level="", year=None, after=0, size=MAX_PAGE_SIZE):
    """(units, next pk or None): named units in force, filtered, in id order after `after`, in two queries
    (the units, and their open rectifications)."""
    queryset = (
        Application.objects.holding_title().select_related(*UNITS_RELATED).defer("self_assessment")
        .prefetch_related(Prefetch("rectifications", queryset=Rectification.objects.open().order_by("pk"),
                                   to_attr="open_rectifications"))
    )
    if county:
        queryset = queryset.filter(business__region__code=county)
    if sector:
        queryset = queryset.filter(business__industry__code=sector)
    if level:
        queryset = queryset.filter(level=level)
    if year:
        queryset = queryset.filter(round__year=year)
    rows = list(queryset.filter(pk__gt=after).order_by("pk")[: size + 1])
    more = len(rows) > size
    rows = rows[:size]
    return rows, (rows[-1].pk if more else None)


def unit_row(unit, today=None):
    """A named unit in force as the list shows it: its certificate's answer."""
    certificate = unit.certificate
    certificate.application = unit
    return title_answer(certificate, today)
