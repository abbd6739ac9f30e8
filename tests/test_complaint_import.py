"""12315 import: the sample export in docs/ (CSV and XLSX) — rows matched by 统一社会信用代码, else by exact
name; unmatched, duplicate and incomplete rows reported, never dropped; the same file twice adds nothing."""

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from certification.models import Complaint, ComplaintState

from .complaints import unit_in
from .factories import OfficerFactory, county

pytestmark = pytest.mark.django_db

DOCS = Path(__file__).resolve().parent.parent / "docs"
UNITS = [("商州区", "商洛市华润万家超市有限公司"), ("柞水县", "柞水百货大楼有限公司"), ("柞水县", "柞水宏达宾馆"),
         ("商州区", "中国移动通信集团陕西有限公司商州区分公司")]


@pytest.fixture
def units(db):
    return {name: unit_in(county_name, application__business__name=name) for county_name, name in UNITS}


def sample(kind="csv"):
    path = DOCS / f"12315-sample.{kind}"
    return SimpleUploadedFile(path.name, path.read_bytes())


def preview(client, kind="csv"):
    return client.post("/staff/complaints/import/", {"file": sample(kind)})


def import_sample(client, kind="csv"):
    response = preview(client, kind)
    token = response.context["token"]
    return client.post("/staff/complaints/import/confirm/", {"token": token})


def outcomes(response):
    return {row["line"]: row["outcome"] for row in response.context["rows"]}


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_the_preview_gives_every_row_an_outcome(client, city_officer, units, kind):
    client.force_login(city_officer)
    assert outcomes(preview(client, kind)) == {
        2: "ready", 3: "ready", 4: "ready", 5: "ready", 6: "unmatched", 7: "unmatched", 8: "duplicate", 9: "invalid",
    }


def test_the_preview_imports_nothing(client, city_officer, units):
    client.force_login(city_officer)
    preview(client)
    assert not Complaint.objects.exists()


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_importing_creates_the_matched_complaints_by_code_and_by_name(client, city_officer, units, kind):
    client.force_login(city_officer)
    import_sample(client, kind)
    imported = dict(Complaint.objects.values_list("external_id", "application__business__name"))
    assert imported == {
        "SL20261105000123": "商洛市华润万家超市有限公司", "SL20261106000456": "柞水百货大楼有限公司",
        "SL20261107000789": "柞水宏达宾馆", "SL20261108000111": "中国移动通信集团陕西有限公司商州区分公司",
    }


def test_imported_complaints_come_from_the_platform_with_their_date_amount_and_category(client, city_officer,
                                                                                       units):
    client.force_login(city_officer)
    import_sample(client)
    c = Complaint.objects.get(external_id="SL20261106000456")
    assert (c.channel, c.category, str(c.amount_in_dispute), c.state) == (
        "platform", "safety", "268.00", ComplaintState.RECEIVED)
    assert timezone.localtime(c.received_at).strftime("%Y-%m-%d %H:%M") == "2026-11-06 14:30"


def test_the_report_keeps_every_row_not_imported_with_its_reason(client, city_officer, units):
    client.force_login(city_officer)
    report = client.get(import_sample(client)["Location"])
    page = report.content.decode()
    assert "商洛市某某不存在商贸有限公司" in page and "商州街头无名小店" in page
    assert "未匹配到示范单位" in page and "文件内工单编号重复" in page and "数据不完整" in page
    assert len(report.context["rows"]) == 8


def test_importing_the_same_file_twice_adds_nothing(client, city_officer, units):
    client.force_login(city_officer)
    import_sample(client)
    import_sample(client, "xlsx")  # the same export, as XLSX
    assert Complaint.objects.count() == 4


def test_the_second_import_reports_the_rows_as_already_imported(client, city_officer, units):
    client.force_login(city_officer)
    import_sample(client)
    assert list(outcomes(preview(client)).values()).count("already") == 4


def test_a_county_officer_imports_only_their_countys_rows_and_the_rest_are_reported(client, county_officer, units):
    client.force_login(county_officer)
    response = preview(client)
    assert [outcomes(response)[line] for line in (2, 3, 4, 5)] == ["out_of_scope", "ready", "ready", "out_of_scope"]
    client.post("/staff/complaints/import/confirm/", {"token": response.context["token"]})
    assert set(Complaint.objects.values_list("application__business__region__name", flat=True)) == {"柞水县"}


def test_a_stale_confirmation_imports_nothing(client, city_officer, units):
    client.force_login(city_officer)
    preview(client)
    client.post("/staff/complaints/import/confirm/", {"token": "forged"})
    assert not Complaint.objects.exists()


@pytest.mark.parametrize("content", [b"", b"\x89PNG\r\n\x1a\n" + b"\x00" * 50, b"PK\x03\x04broken zip",
                                     "名称,内容\n甲,乙\n".encode(), b"\xff\xfe\xfa\xfb" * 20],
                         ids=["empty", "png", "broken xlsx", "missing columns", "undecodable"])
def test_a_bad_file_gets_a_chinese_error_never_a_server_error(client, city_officer, content):
    client.force_login(city_officer)
    response = client.post("/staff/complaints/import/", {"file": SimpleUploadedFile("x.csv", content)})
    assert response.status_code == 200
    assert "errorlist" in response.content.decode()
    assert not Complaint.objects.exists()


def test_applicants_cannot_import(client, applicant_a, units):
    client.force_login(applicant_a)
    assert client.post("/staff/complaints/import/", {"file": sample()}).status_code == 403
    assert not Complaint.objects.exists()


def test_an_officer_of_another_county_cannot_read_the_report(client, county_officer, other_county_officer, units):
    client.force_login(county_officer)
    location = import_sample(client)["Location"]
    client.force_login(other_county_officer)
    assert client.get(location).status_code == 404


def test_an_import_by_an_officer_whose_account_was_deleted_still_lists_and_opens(client, city_officer, units):
    leaver = OfficerFactory(region=county("柞水县")).user
    client.force_login(leaver)
    location = import_sample(client)["Location"]
    leaver.delete()  # ComplaintImport.imported_by is SET_NULL: the import stays on record
    client.force_login(city_officer)
    assert client.get("/staff/complaints/import/").status_code == 200
    assert client.get(location).status_code == 200


def csv_rows(*rows):
    head = "工单编号,登记时间,被投诉单位名称,问题类别,投诉内容\n"
    return SimpleUploadedFile("x.csv", (head + "\n".join(rows)).encode())


@pytest.mark.parametrize("received", ["9999-12-31", "0001-01-01", "2999-01-01"])
def test_a_registration_date_out_of_range_is_reported_and_the_file_still_imports(client, city_officer, units,
                                                                                 received):
    client.force_login(city_officer)
    response = client.post("/staff/complaints/import/", {"file": csv_rows(
        "GD-OK-1,2026-01-05,柞水宏达宾馆,价格,结账时多收费，要求退还。",
        f"GD-BAD-1,{received},柞水宏达宾馆,价格,结账时多收费，要求退还。",
    )})
    assert [row["outcome"] for row in response.context["rows"]] == ["ready", "invalid"]
    confirmed = client.post("/staff/complaints/import/confirm/", {"token": response.context["token"]})
    assert confirmed.status_code == 302
    assert list(Complaint.objects.values_list("external_id", flat=True)) == ["GD-OK-1"]
