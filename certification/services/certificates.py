"""Issuing certificates on naming: number, validity, issuers. (Rendering the PDF: certification.pdf.)"""

import datetime

from ..models import Certificate
from ..models.certificates import certificate_number
from . import renewals


def add_years(day, years):
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def validity_end(issued_on, years):
    """The last day the certificate is valid: `years` after issue, less one day."""
    return add_years(issued_on, years) - datetime.timedelta(days=1)


def issue_on_naming(application, log):
    """The `after` effect of name_unit, in the naming's transaction: the certificate, and the title it
    replaces (the one a renewal renews) is superseded by it."""
    certificate = issue(application)
    renewals.replace_previous_title(application, certificate, log)
    return certificate


def issue(application):
    """Create the certificate of a just-named application. Call inside the naming transaction,
    which holds the round's row lock, so serial numbers are consecutive and unique."""
    existing = Certificate.objects.filter(application=application).first()
    if existing:
        return existing
    round_ = application.round
    serial = Certificate.objects.next_serial(round_, application.level)
    issued_on = application.named_on
    return Certificate.objects.create(
        application=application, round=round_, level=application.level, serial=serial,
        number=certificate_number(round_.year, application.level, serial),
        issued_on=issued_on, valid_until=validity_end(issued_on, round_.certificate_validity_years),
    )
