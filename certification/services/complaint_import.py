"""Importing the 12315 platform's export (CSV, or XLSX read with openpyxl): read, preview, import.

Every row ends in exactly one outcome, shown in the preview and kept in the import's report
(ComplaintImport.report), so no row is ever dropped silently:

* ready / imported — matched to a named unit in the officer's scope, by 统一社会信用代码, else by exact name;
* unmatched — no unit in force with that code or name (or the name is shared by several units);
* out_of_scope — the unit is another county's (a county officer imports only their own county's rows);
* duplicate — the 工单编号 appears earlier in the same file;
* already — a complaint with this 工单编号 was imported before (so importing a file twice adds nothing;
  the unique Complaint.external_id holds even when two imports race);
* invalid — a required value is missing or malformed (the reason says which).
"""

import csv
import datetime
import hashlib
import io
import zipfile

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from .. import permissions
from ..models import Complaint
from ..models.complaints import Category, Channel, ComplaintImport
from ..selectors import complaints as sel
from ..validators import normalise_uscc
from . import complaints

MAX_ROWS = 5000
COLUMNS = {  # our field: the headers the platform's exports have used for it
    "external_id": ("工单编号", "投诉编号", "登记编号", "工单号"),
    "received": ("登记时间", "登记日期", "受理时间", "受理日期", "投诉时间"),
    "name": ("被投诉单位名称", "被投诉主体名称", "经营者名称", "被投诉方"),
    "uscc": ("统一社会信用代码", "被投诉单位统一社会信用代码", "经营者统一社会信用代码"),
    "category": ("问题类别", "投诉问题类别", "问题分类"),
    "text": ("投诉内容", "诉求内容", "反映内容", "投诉诉求"),
    "amount": ("争议金额", "涉案金额", "争议金额（元）"),
    "complainant_name": ("投诉人", "投诉人姓名"),
    "complainant_phone": ("联系电话", "投诉人电话", "投诉人联系电话"),
}
REQUIRED = ("external_id", "name", "text")
CATEGORY_WORDS = [  # the platform's categories, read into the five assurances (first match wins)
    (("安全", "过期", "变质", "有毒"), Category.SAFETY),
    (("质量", "假冒", "伪劣", "以次充好"), Category.QUALITY),
    (("价格", "收费", "计量", "明码标价"), Category.PRICE),
    (("维权", "退换", "退货", "售后", "预付", "三包"), Category.REDRESS),
]
OUTCOME_LABELS = {
    "ready": "可导入", "imported": "已导入", "unmatched": "未匹配到示范单位", "out_of_scope": "不在您的辖区",
    "duplicate": "文件内工单编号重复", "already": "此前已导入", "invalid": "数据不完整",
}


# --- reading ------------------------------------------------------------------------------------------


def read(uploaded_file):
    """The file's rows as dicts of our field names (strings), or a ValidationError in Chinese."""
    if uploaded_file.size > settings.UPLOAD_MAX_BYTES:
        raise ValidationError(f"文件不能超过 {settings.UPLOAD_MAX_BYTES // (1024 * 1024)} MB。")
    uploaded_file.seek(0)
    content = uploaded_file.read()
    if not content:
        raise ValidationError("文件是空的。")
    table = _xlsx_rows(content) if content[:4] == b"PK\x03\x04" else _csv_rows(content)
    header, *body = table or [[]]
    fields = _map_header(header)
    rows = []
    for number, values in enumerate(body, start=2):
        if not any(str(v or "").strip() for v in values):
            continue
        row = {field: _text(values[index]) if index < len(values) else "" for field, index in fields.items()}
        row["line"] = number
        rows.append(row)
        if len(rows) > MAX_ROWS:
            raise ValidationError(f"一次最多导入 {MAX_ROWS} 行，请分批导出后导入。")
    if not rows:
        raise ValidationError("文件中没有数据行。")
    return rows, hashlib.sha256(content).hexdigest()


def _text(value):
    if isinstance(value, datetime.datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return " ".join(str(value if value is not None else "").replace("\x00", "").split())


def _xlsx_rows(content):
    # openpyxl (~0.2 s to import) is loaded only when a spreadsheet is actually read, not by every
    # process that imports the staff views; no import cycle is involved.
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        book = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        try:
            sheet = book.worksheets[0]
            return [list(row) for _, row in zip(range(MAX_ROWS + 2), sheet.iter_rows(values_only=True), strict=False)]
        finally:
            book.close()
    except (InvalidFileException, zipfile.BadZipFile, KeyError, ValueError, TypeError, OSError, IndexError) as exc:
        raise ValidationError("无法读取该 XLSX 文件，请从12315平台重新导出后上传。") from exc


def _csv_rows(content):
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = content.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise ValidationError("无法识别文件编码，请导出为 UTF-8 或 GBK 编码的 CSV 文件，或 XLSX 文件。")
    if "\x00" in text:
        raise ValidationError("文件不是 CSV 或 XLSX 格式。")
    try:
        return [row for _, row in zip(range(MAX_ROWS + 2), csv.reader(io.StringIO(text)), strict=False)]
    except csv.Error as exc:
        raise ValidationError("CSV 文件格式不正确，请从12315平台重新导出后上传。") from exc


def _map_header(header):
    names = [_text(h) for h in header]
    fields = {}
    for field, aliases in COLUMNS.items():
        for alias in aliases:
            if alias in names:
                fields[field] = names.index(alias)
                break
    missing = [COLUMNS[f][0] for f in REQUIRED if f not in fields]
    if missing:
        raise ValidationError(f"文件缺少必需的列：{'、'.join(missing)}（第一行应为列名）。")
    return fields


# --- preview ------------------------------------------------------------------------------------------


def category_of(text):
    for words, category in CATEGORY_WORDS:
        if any(word in text for word in words):
            return category
    return Category.SERVICE


EARLIEST_RECEIVED = datetime.datetime(2000, 1, 1)  # before the platform (and the programme) existed: a typo


def _received(value, now=None):
    """The registration time, local; between 2000 and now (a far-off year is a typo, and its deadlines
    would not fit in a date)."""
    value = (value or "").strip()
    if not value:
        return None
    for fmt in ("%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%d", "%Y/%m/%d %H:%M:%S", "%Y/%m/%d %H:%M",
                "%Y/%m/%d", "%Y年%m月%d日"):
        try:
            parsed = datetime.datetime.strptime(value, fmt)
        except ValueError:
            continue
        now = timezone.localtime(now)
        if parsed < EARLIEST_RECEIVED or parsed > now.replace(tzinfo=None):
            raise ValidationError(f"登记时间“{value[:20]}”不在合理范围内（应在2000年之后，且不晚于现在）。")
        return timezone.make_aware(parsed)
    raise ValidationError(f"登记时间“{value[:20]}”无法识别（应为 2020-05-01 或 2020-05-01 10:30）。")


def preview(rows, user):
    """Each row with its outcome, reason and (when matched) unit: [dict]. Reads only."""
    units = sel.units_for_import([r.get("uscc", "") for r in rows], [r.get("name", "") for r in rows])
    known = sel.imported_external_ids([r.get("external_id", "") for r in rows])
    seen = set()
    checked = []
    for row in rows:
        row = dict(row)
        row.update(outcome="", reason="", unit_id=None, unit_name="")
        checked.append(row)
        external_id = row.get("external_id", "")
        try:
            if not external_id or not row.get("text") or not row.get("name"):
                raise ValidationError("工单编号、被投诉单位名称和投诉内容不能为空。")
            if len(external_id) > 40:
                raise ValidationError("工单编号过长。")
            row["received_at"] = (_received(row.get("received")) or timezone.now()).isoformat()
            row["amount_value"] = str(complaints.parse_money(row.get("amount"), "争议金额") or "")
        except ValidationError as exc:
            row.update(outcome="invalid", reason=" ".join(exc.messages))
            continue
        if external_id in seen:
            row.update(outcome="duplicate", reason=f"工单编号 {external_id} 在文件中已出现。")
            continue
        seen.add(external_id)
        if external_id in known:
            row.update(outcome="already", reason=f"工单编号 {external_id} 已于此前导入。")
            continue
        unit, how = _match(units, normalise_uscc(row.get("uscc", "")), row["name"])
        if unit is None:
            row.update(outcome="unmatched", reason=how)
            continue
        row.update(unit_id=unit.pk, unit_name=unit.business.name, match=how)
        if not permissions.officer_covers(user, unit.business.region_id):
            row.update(outcome="out_of_scope", reason=f"{unit.business.name}属{unit.business.region.name}，"
                                                      "不在您的辖区，请由该县区导入。")
            continue
        row["outcome"] = "ready"
    for row in checked:
        row["outcome_label"] = OUTCOME_LABELS[row["outcome"]]
    return checked


def _match(units, uscc, name):
    by_uscc, by_name = units
    if uscc and uscc in by_uscc:
        return by_uscc[uscc], "统一社会信用代码"
    candidates = by_name.get(" ".join(name.split()), [])
    if len(candidates) == 1:
        return candidates[0], "单位名称"
    if len(candidates) > 1:
        return None, f"名称“{name}”对应多个示范单位，请在文件中补充统一社会信用代码。"
    if uscc:
        return None, f"统一社会信用代码 {uscc} 和名称“{name}”均未匹配到有效的示范单位。"
    return None, f"名称“{name}”未匹配到有效的示范单位（文件未提供统一社会信用代码）。"


def summary(rows):
    counts = {key: 0 for key in OUTCOME_LABELS}
    for row in rows:
        counts[row["outcome"]] += 1
    return counts


# --- import -------------------------------------------------------------------------------------------


def run(rows, user, file_name, sha256):
    """Import the rows that are ready now (the preview is made again, so a second run adds nothing) and
    keep the report of every row. Returns the ComplaintImport."""
    checked = preview(rows, user)
    applications = {a.pk: a for a in sel.applications_by_ids([r["unit_id"] for r in checked if r["unit_id"]])}
    for row in checked:
        if row["outcome"] != "ready":
            continue
        try:
            with transaction.atomic():
                complaints.receive(
                    applications[row["unit_id"]], category=category_of(row.get("category", "") + row["text"]),
                    text=row["text"][:2000], channel=Channel.PLATFORM,
                    amount_in_dispute=complaints.parse_money(row["amount_value"]),
                    complainant_name=row.get("complainant_name", "")[:50],
                    complainant_phone=row.get("complainant_phone", "")[:100], by=user,
                    received_at=datetime.datetime.fromisoformat(row["received_at"]),
                    external_id=row["external_id"], notify=False,
                )
        except IntegrityError:  # imported meanwhile by someone else: the unique external id holds
            row.update(outcome="already", reason=f"工单编号 {row['external_id']} 已于此前导入。")
        else:
            row["outcome"] = "imported"
        row["outcome_label"] = OUTCOME_LABELS[row["outcome"]]
    report = [{k: row.get(k, "") for k in ("line", "external_id", "name", "uscc", "outcome", "outcome_label",
                                            "reason", "unit_name")} for row in checked]
    counts = summary(checked)
    return ComplaintImport.objects.create(
        file_name=file_name[:200], sha256=sha256, imported_by=user, imported=counts["imported"],
        not_imported=len(checked) - counts["imported"], report=report,
    )


def matched_complaints(complaint_import):
    return Complaint.objects.filter(external_id__in=[r["external_id"] for r in complaint_import.report
                                                     if r["outcome"] == "imported"])
