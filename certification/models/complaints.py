"""投诉: a complaint about a named unit, handled by the "five quicks" (快速联系、办理、反馈、回访、归档).

A complaint belongs to the unit's Application (and so to its business and county). It moves through
its steps by django-fsm transitions declared here (each with a `ComplaintStep`: its label and what the
step records); services/complaints.py makes them inside a locked transaction and writes one append-only
ComplaintLog row per step. Deadlines count working days (weekends skipped) as the programme's settings
say when the complaint is received (ProgrammeSettings, edited by the city bureau in the Wagtail admin); a
complaint keeps the due dates it was given.

The complainant's name and phone are seen only by the officers handling the case
(permissions.complaint_scope); public pages, the tracking page, exports and assessors never read them.
"""

import datetime
import secrets
from dataclasses import dataclass

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac
from django_fsm import ConcurrentTransitionMixin, FSMField, transition

from .. import permissions as perm
from .programme import ProgrammeSettings
from .records import AppendOnlyQuerySet, GeneratedName, private_storage

TRACKING_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"  # no 0/O, 1/I: read out over the phone
SECRET_LENGTH = 6


def add_working_days(start, days):
    """The date `days` working days (Monday to Friday) after `start`."""
    current = start
    while days > 0:
        current += datetime.timedelta(days=1)
        if current.weekday() < 5:
            days -= 1
    return current


def working_days_between(start, end):
    """Working days after `start` up to and including `end` (0 when end <= start)."""
    count, current = 0, start
    while current < end:
        current += datetime.timedelta(days=1)
        if current.weekday() < 5:
            count += 1
    return count


def new_tracking_number():
    return "TS" + "".join(secrets.choice(TRACKING_ALPHABET) for _ in range(10))


def new_secret():
    return "".join(secrets.choice("23456789") for _ in range(SECRET_LENGTH))


def hash_secret(reference, secret):
    """HMAC of the secret under the site key, bound to the tracking number (never stored in clear)."""
    return salted_hmac("complaint-secret", f"{reference}:{secret}", algorithm="sha256").hexdigest()


@dataclass(frozen=True)
class ComplaintStep:
    label: str  # the button and the log say this
    dated: str  # the field that records when the step was made
    style: str = "primary"


class Channel(models.TextChoices):
    UNIT_PAGE = "unit_page", "单位页面/二维码"
    HOTLINE = "hotline", "12315热线"
    WALK_IN = "walk_in", "来访"
    LETTER = "letter", "来信"
    PLATFORM = "platform", "12315平台转办"


class Category(models.TextChoices):
    """The five assurances (the slugs of the criteria's AssurancePages)."""

    SAFETY = "safety", "安全放心"
    QUALITY = "quality", "质量放心"
    PRICE = "price", "价格放心"
    SERVICE = "service", "服务放心"
    REDRESS = "redress", "维权放心"


class Result(models.TextChoices):
    MEDIATED = "mediated", "调解成功"
    NOT_MEDIATED = "not_mediated", "调解不成功"
    RETURNED = "returned", "退货"
    COMPENSATED = "compensated", "赔偿"
    REFUNDED = "refunded", "退款"
    EXCHANGED = "exchanged", "换货"
    EXPLAINED = "explained", "解释说明，不予支持"
    REFERRED = "referred", "移交其他部门"


class ComplaintState(models.TextChoices):
    RECEIVED = "received", "已受理，待联系"
    CONTACTED = "contacted", "已联系，办理中"
    HANDLED = "handled", "已办理，待反馈"
    ANSWERED = "answered", "已反馈，待回访"
    REVISITED = "revisited", "已回访，待归档"
    ARCHIVED = "archived", "已归档"


OPEN_STATES = tuple(s for s in ComplaintState.values if s != ComplaintState.ARCHIVED)


class ComplaintQuerySet(models.QuerySet):
    def open(self):
        return self.exclude(state=ComplaintState.ARCHIVED)

    def overdue(self, today=None):
        """Open cases past a deadline: not contacted by the contact deadline, or not archived by the close one."""
        today = today or timezone.localdate()
        late_contact = models.Q(state=ComplaintState.RECEIVED, contact_due_on__lt=today)
        return self.open().filter(late_contact | models.Q(close_due_on__lt=today))

    def substantiated(self):
        return self.filter(state=ComplaintState.ARCHIVED, substantiated=True)


class Complaint(ConcurrentTransitionMixin, models.Model):
    application = models.ForeignKey("certification.Application", verbose_name="被投诉示范单位",
                                    on_delete=models.PROTECT, related_name="complaints")
    reference = models.CharField("投诉编号", max_length=20, unique=True)
    secret_hash = models.CharField(max_length=64, blank=True, editable=False)
    external_id = models.CharField("12315工单号", max_length=40, null=True, blank=True, unique=True)
    # A random value the public form carries from the page it was shown on: a page sent twice (a double click,
    # a resend) carries the same one, two people writing the same words do not.
    submission = models.CharField("表单标识", max_length=32, blank=True, editable=False)
    channel = models.CharField("来源渠道", max_length=12, choices=Channel.choices, default=Channel.UNIT_PAGE,
                               db_index=True)
    category = models.CharField("问题类别", max_length=12, choices=Category.choices)
    text = models.TextField("投诉内容")
    amount_in_dispute = models.DecimalField("争议金额（元）", max_digits=12, decimal_places=2, null=True, blank=True)
    complainant_name = models.CharField("投诉人姓名", max_length=50, blank=True)
    complainant_phone = models.CharField("投诉人联系电话", max_length=100, blank=True)

    state = FSMField("办理状态", default=ComplaintState.RECEIVED, choices=ComplaintState.choices, db_index=True)
    received_at = models.DateTimeField("受理时间", default=timezone.now, db_index=True)
    # Kept beside the complaint so that the statistics group one table, whatever the number of complaints:
    # the local year received (from received_at), and the county and sector of the unit's business (kept
    # equal to the business's by signals.business_identity_changed).
    received_year = models.PositiveSmallIntegerField("受理年度", editable=False)
    region = models.ForeignKey("certification.Region", verbose_name="所在县区", on_delete=models.PROTECT,
                               editable=False, related_name="+")
    industry = models.ForeignKey("certification.Industry", verbose_name="行业", on_delete=models.PROTECT,
                                 editable=False, related_name="+")
    contact_due_on = models.DateField("联系期限")
    close_due_on = models.DateField("办结期限")
    contacted_at = models.DateTimeField("联系时间", null=True, blank=True)
    handled_at = models.DateTimeField("办理时间", null=True, blank=True)
    answered_at = models.DateTimeField("反馈时间", null=True, blank=True)
    revisited_at = models.DateTimeField("回访时间", null=True, blank=True)
    archived_at = models.DateTimeField("归档时间", null=True, blank=True)
    days_to_close = models.PositiveIntegerField("办结用时（天）", null=True, blank=True, editable=False)

    substantiated = models.BooleanField("投诉是否属实", null=True, blank=True)
    result = models.CharField("处理结果", max_length=16, choices=Result.choices, blank=True)
    money_recovered = models.DecimalField("挽回经济损失（元）", max_digits=12, decimal_places=2, default=0)
    veto_indicator = models.CharField("涉及一票否决项", max_length=20, blank=True,
                                      help_text="属实且涉及评价标准中一票否决项时填写指标代码。")
    review = models.ForeignKey("certification.TransitionLog", verbose_name="据此启动的复核", null=True, blank=True,
                               on_delete=models.PROTECT, related_name="complaints")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")

    objects = ComplaintQuerySet.as_manager()

    class Meta:
        ordering = ["-received_at", "-pk"]
        verbose_name = "投诉"
        verbose_name_plural = "投诉"
        indexes = [
            models.Index(fields=["application", "state", "substantiated"], name="complaint_unit_outcome"),
            models.Index(fields=["state", "close_due_on"], name="complaint_deadlines"),
        ]

    def __str__(self):
        return self.reference

    def save(self, *args, **kwargs):
        if not self.reference:
            self.reference = new_tracking_number()
        if not (self.region_id and self.industry_id):
            self.region_id = self.application.business.region_id
            self.industry_id = self.application.business.industry_id
        self.set_deadlines()
        super().save(*args, **kwargs)

    def set_deadlines(self, programme=None):
        """The deadlines (unless set: a complaint keeps the ones it was given) and the year received, from
        received_at and the programme's settings now (bulk_create: call it first, passing the settings read
        once)."""
        received_on = timezone.localdate(self.received_at)
        self.received_year = received_on.year
        if self.contact_due_on and self.close_due_on:
            return
        programme = programme or ProgrammeSettings.current()
        if not self.contact_due_on:
            self.contact_due_on = add_working_days(received_on, programme.complaint_contact_working_days)
        if not self.close_due_on:
            self.close_due_on = add_working_days(received_on, programme.complaint_close_working_days)

    # --- the secret the consumer keeps ------------------------------------------------------------

    def issue_secret(self):
        """A new short secret for the tracking page: returned once, only its HMAC is kept."""
        secret = new_secret()
        self.secret_hash = hash_secret(self.reference, secret)
        return secret

    def secret_matches(self, secret):
        if not self.secret_hash:
            return False
        return constant_time_compare(self.secret_hash, hash_secret(self.reference, str(secret or "")))

    # --- facts ---------------------------------------------------------------------------------------

    @property
    def is_open(self):
        return self.state != ComplaintState.ARCHIVED

    def overdue_reason(self, today=None):
        """Chinese words for the deadline missed, or ''."""
        today = today or timezone.localdate()
        if not self.is_open:
            return ""
        if self.state == ComplaintState.RECEIVED and self.contact_due_on < today:
            return f"超期未联系（应于 {self.contact_due_on:%Y-%m-%d} 前联系）"
        if self.close_due_on < today:
            return f"超期未办结（应于 {self.close_due_on:%Y-%m-%d} 前办结）"
        return ""

    def public_dates(self):
        """[(step label, date or None)] for the tracking page: when each step was made, nothing else."""
        return [(step.label, getattr(self, step.dated)) for step in self.steps().values()]

    # --- the five quicks ---------------------------------------------------------------------------

    @transition(field="state", source=ComplaintState.RECEIVED, target=ComplaintState.CONTACTED,
                permission=perm.handles_complaint, custom=ComplaintStep("快速联系", "contacted_at"))
    def contact(self, by=None, note=""):
        self.contacted_at = timezone.now()

    @transition(field="state", source=ComplaintState.CONTACTED, target=ComplaintState.HANDLED,
                permission=perm.handles_complaint, custom=ComplaintStep("快速办理", "handled_at"))
    def handle(self, by=None, note=""):
        self.handled_at = timezone.now()

    @transition(field="state", source=ComplaintState.HANDLED, target=ComplaintState.ANSWERED,
                permission=perm.handles_complaint, custom=ComplaintStep("快速反馈", "answered_at"))
    def answer(self, by=None, note=""):
        self.answered_at = timezone.now()

    @transition(field="state", source=ComplaintState.ANSWERED, target=ComplaintState.REVISITED,
                permission=perm.handles_complaint, custom=ComplaintStep("快速回访", "revisited_at"))
    def revisit(self, by=None, note=""):
        self.revisited_at = timezone.now()

    @transition(field="state", source=ComplaintState.REVISITED, target=ComplaintState.ARCHIVED,
                permission=perm.handles_complaint, custom=ComplaintStep("快速归档", "archived_at"))
    def archive(self, by=None, note=""):
        """The outcome (substantiated, result, money recovered) is set by the service before this."""
        self.archived_at = timezone.now()
        self.days_to_close = max(0, (timezone.localdate(self.archived_at) - timezone.localdate(self.received_at)).days)

    @classmethod
    def steps(cls):
        """{transition name: ComplaintStep}, in the order of the five quicks."""
        order = ("contact", "handle", "answer", "revisit", "archive")
        return {name: next(iter(getattr(cls, name)._django_fsm.transitions.values())).custom for name in order}

    @classmethod
    def step(cls, name):
        return cls.steps().get(name)

    def next_step(self):
        """(name, ComplaintStep) of the step to make now, or None when archived."""
        for name, step in self.steps().items():
            if getattr(type(self), name)._django_fsm.has_transition(self.state):
                return name, step
        return None


class ComplaintLog(models.Model):
    """One row per step of a complaint: who, when, from, to, what was done. Append-only."""

    complaint = models.ForeignKey(Complaint, on_delete=models.PROTECT, related_name="log")
    step = models.CharField("步骤", max_length=20)
    source = models.CharField("原状态", max_length=20)
    target = models.CharField("新状态", max_length=20)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="操作人", null=True, blank=True,
                              on_delete=models.PROTECT, related_name="+")
    note = models.TextField("办理情况", blank=True)
    created_at = models.DateTimeField("时间", default=timezone.now, db_index=True)

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = "投诉办理记录"
        verbose_name_plural = "投诉办理记录"

    def __str__(self):
        return f"{self.complaint_id}: {self.source} → {self.target}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise TypeError("办理记录只能追加，不能修改。")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise TypeError("办理记录只能追加，不能删除。")

    @property
    def step_label(self):
        step = Complaint.step(self.step)
        return step.label if step else self.step

    @property
    def target_label(self):
        return ComplaintState(self.target).label if self.target in ComplaintState.values else self.target


class ComplaintEvidence(models.Model):
    """A file given with a complaint: checked by content like applications' documents (services.documents),
    stored privately, served only to the officers handling the case."""

    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="evidence")
    file = models.FileField(storage=private_storage, upload_to=GeneratedName("complaints"), max_length=200)
    original_name = models.CharField("文件名", max_length=200)
    content_type = models.CharField(max_length=50)
    size = models.PositiveIntegerField()
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["uploaded_at", "pk"]
        verbose_name = "投诉证据"
        verbose_name_plural = "投诉证据"

    def __str__(self):
        return self.original_name


class ComplaintImport(models.Model):
    """One import of the 12315 platform's export: who, when, which file, and the outcome of every row
    (services.complaint_import), so rows that were not imported stay on record with their reason."""

    file_name = models.CharField("文件名", max_length=200)
    sha256 = models.CharField(max_length=64, db_index=True)
    imported_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="导入人", null=True,
                                    on_delete=models.SET_NULL, related_name="+")
    imported_at = models.DateTimeField("导入时间", auto_now_add=True)
    imported = models.PositiveIntegerField("导入件数", default=0)
    not_imported = models.PositiveIntegerField("未导入行数", default=0)
    report = models.JSONField("逐行结果", default=list)

    class Meta:
        ordering = ["-imported_at", "-pk"]
        verbose_name = "12315数据导入"
        verbose_name_plural = "12315数据导入"

    def __str__(self):
        return f"{self.file_name}（{self.imported_at:%Y-%m-%d %H:%M}）"


__all__ = ["Category", "Channel", "Complaint", "ComplaintEvidence", "ComplaintImport", "ComplaintLog",
           "ComplaintState", "Result", "add_working_days", "working_days_between"]
