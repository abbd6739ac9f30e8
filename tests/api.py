"""Shared helpers of the API tests: titles in every status and keys."""

import datetime

from django.utils import timezone

from certification.models import Rectification, State
from certification.services import api_keys

from .factories import CertificateFactory, RoundFactory, UserFactory

API = "/api/v1"


def title(status, serial, name=None):
    """A certificate of the 2020 round (county level, number 商洛放心〔2020〕县字第<serial>号) in `status`."""
    round_ = RoundFactory(year=2020)
    kwargs = {"application__round": round_, "serial": serial}
    if name:
        kwargs["application__business__name"] = name
    today = timezone.localdate()
    if status == "under_review":
        kwargs["application__state"] = State.UNDER_REVIEW
    elif status == "under_rectification":
        kwargs["application__state"] = State.UNDER_RECTIFICATION
    elif status == "revoked":
        kwargs.update(application__state=State.REVOKED, revoked_on=datetime.date(2021, 6, 1),
                      revoked_reason="经核查存在价格欺诈行为，撤销称号。")
    elif status == "expired":
        kwargs.update(application__state=State.EXPIRED, issued_on=datetime.date(2018, 1, 1),
                      valid_until=datetime.date(2019, 12, 31))
    certificate = CertificateFactory(**kwargs)
    if status == "under_rectification":
        Rectification.objects.create(application=certificate.application, problems="价签不全。",
                                     due_on=today + datetime.timedelta(days=30), opened_by=UserFactory())
    return certificate


def issued_key(rate_limit=120, organisation="某外卖平台"):
    return api_keys.issue(organisation, "李工 13800000000", rate_limit=rate_limit)


def with_key(raw):
    return {"HTTP_X_API_KEY": raw}
