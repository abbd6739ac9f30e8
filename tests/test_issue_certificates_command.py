"""manage.py issue_certificates --round YEAR [--level city|county] [--force]."""

import datetime
import io

import pytest
from django.core.management import CommandError, call_command

from certification.models import Certificate, Level

from .factories import ApplicationFactory, CertificateFactory, RoundFactory


@pytest.fixture
def round_2020(db):
    return RoundFactory(year=2020)


def issue(*args):
    out = io.StringIO()
    call_command("issue_certificates", "--round", "2020", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def test_named_units_without_a_certificate_get_one_numbered_in_turn(round_2020):
    ApplicationFactory(round=round_2020, named=True)
    ApplicationFactory(round=round_2020, named=True)
    issue()
    assert sorted(Certificate.objects.values_list("number", flat=True)) == [
        "商洛放心〔2020〕县字第001号", "商洛放心〔2020〕县字第002号"]


def test_units_that_are_not_named_get_no_certificate(round_2020):
    ApplicationFactory(round=round_2020, in_notice=True)
    issue()
    assert not Certificate.objects.exists()


def test_every_certificate_of_the_round_gets_its_pdf_stored(round_2020):
    CertificateFactory(application__round=round_2020)
    CertificateFactory(application__round=round_2020, revoked_on=datetime.date(2021, 1, 1), revoked_reason="撤销。")
    issue()
    assert all(c.pdf.name and c.pdf_fingerprint for c in Certificate.objects.all())


def test_certificates_of_other_rounds_are_left_alone(round_2020):
    other = CertificateFactory(application__round=RoundFactory(year=2021))
    issue()
    other.refresh_from_db()
    assert not other.pdf.name


def test_level_limits_the_run_to_that_level(round_2020):
    city = CertificateFactory(application__round=round_2020, application__level_requested=Level.CITY)
    county = CertificateFactory(application__round=round_2020)
    issue("--level", "city")
    city.refresh_from_db()
    county.refresh_from_db()
    assert city.pdf.name and not county.pdf.name


def test_a_second_run_skips_pdfs_that_are_up_to_date(round_2020):
    certificate = CertificateFactory(application__round=round_2020)
    issue()
    first = Certificate.objects.get(pk=certificate.pk).pdf.name
    output = issue()
    assert "生成 PDF 0 份" in output
    assert Certificate.objects.get(pk=certificate.pk).pdf.name == first


def test_force_renders_every_pdf_again(round_2020):
    certificate = CertificateFactory(application__round=round_2020)
    issue()
    first = Certificate.objects.get(pk=certificate.pk).pdf.name
    output = issue("--force")
    assert "生成 PDF 1 份" in output
    assert Certificate.objects.get(pk=certificate.pk).pdf.name != first


def test_the_summary_gives_the_counts_and_the_time_taken(round_2020):
    ApplicationFactory(round=round_2020, named=True)
    output = issue()
    assert "证书 1 张（新发 1 张）" in output
    assert "用时" in output and "秒" in output


def test_an_unknown_round_is_a_clear_error(db):
    with pytest.raises(CommandError, match="没有 1999 年度的创建批次"):
        call_command("issue_certificates", "--round", "1999", stdout=io.StringIO())
