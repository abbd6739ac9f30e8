"""Helpers for the complaint tests: a named unit in a county, a complaint about it, a case taken through
the five quicks by an officer (through the service, as the desk does)."""

import itertools

from certification.models import ProgrammeSettings
from certification.services import complaints

from .factories import CertificateFactory, county

NUMBERS = itertools.count(1)
STEPS = ("contact", "handle", "answer", "revisit")
PUBLIC = {"category": "price", "text": "收银台多收了我五元钱，要求退还。", "amount_in_dispute": "5",
          "complainant_name": "李群众", "complainant_phone": "13800000000", "website": ""}


def set_programme(**values):
    """Change the programme's settings (as the city bureau does in the admin); returns the row."""
    programme = ProgrammeSettings.current()
    for name, value in values.items():
        setattr(programme, name, value)
    programme.save()
    return programme


def unit_in(county_name="柞水县", **kwargs):
    return CertificateFactory(application__business__region=county(county_name), **kwargs).application


def complaint_about(unit, **kwargs):
    """A new complaint each time (numbered, so the same words sent twice are not taken for one repeated)."""
    fields = {"category": "price", "text": f"结账时多收费，要求退还差价。（{next(NUMBERS)}）",
              "complainant_name": "王先生", "complainant_phone": "13912345678", **kwargs}
    complaint, _secret = complaints.receive(unit, **fields)
    return complaint


def to_revisit(complaint, officer):
    for step in STEPS:
        complaints.advance(complaint, step, officer, f"{step} 已完成")
    return complaint


def closed(complaint, officer, substantiated=True, result="compensated", money="100", veto=""):
    to_revisit(complaint, officer)
    complaints.advance(complaint, "archive", officer, "已归档", substantiated=substantiated, result=result,
                       money_recovered=complaints.parse_money(money), veto_indicator=veto)
    complaint.refresh_from_db()
    return complaint
