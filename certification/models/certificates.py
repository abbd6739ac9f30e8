import secrets

from django.db import models
from django.utils import timezone

from .records import GeneratedName, private_storage
from .rounds import Level
from .states import title_in_force


def new_token():
    return secrets.token_urlsafe(24)


def certificate_number(year, level, serial):
    """商洛放心〔2020〕市字第001号 / …县字第001号: a number per round and level."""
    return f"商洛放心〔{year}〕{'市' if level == Level.CITY else '县'}字第{serial:03d}号"


def issuing_bodies(level, region):
    """Who issues (and alone may revoke) a title: the city bureau and the consumer association for
    city level, the county's bureau for county level."""
    if level == Level.CITY:
        return ("商洛市市场监督管理局", "商洛市消费者协会")
    return (region.bureau_name,)


class CertificateQuerySet(models.QuerySet):
    def next_serial(self, round_, level):
        """The serial the next certificate of this round and level gets (consecutive; read it under the
        round's row lock when issuing)."""
        return (self.filter(round=round_, level=level).aggregate(m=models.Max("serial"))["m"] or 0) + 1

    def in_force(self, today=None):
        return self.filter(title_in_force(today, application="application__", certificate=""))


class Certificate(models.Model):
    """The certificate issued on naming. Its status is derived live, never stored."""

    class Status(models.TextChoices):
        VALID = "valid", "有效"
        EXPIRED = "expired", "已到期"
        REVOKED = "revoked", "已撤销"
        SUPERSEDED = "superseded", "已换发新证"

    application = models.OneToOneField("certification.Application", on_delete=models.PROTECT,
                                       related_name="certificate")
    round = models.ForeignKey("certification.Round", on_delete=models.PROTECT, related_name="certificates")
    level = models.CharField("级别", max_length=10, choices=Level.choices)
    serial = models.PositiveIntegerField("序号")
    number = models.CharField("证书编号", max_length=40, unique=True)
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    issued_on = models.DateField("发证日期")
    valid_until = models.DateField("有效期至", db_index=True)
    revoked_on = models.DateField("撤销日期", null=True, blank=True)
    revoked_reason = models.TextField("撤销原因", blank=True)
    superseded_by = models.OneToOneField("self", verbose_name="换发的新证书", null=True, blank=True,
                                         on_delete=models.PROTECT, related_name="supersedes")
    pdf = models.FileField(storage=private_storage, upload_to=GeneratedName("certificates"), blank=True,
                           max_length=200)
    pdf_fingerprint = models.CharField(max_length=64, blank=True, editable=False)

    objects = CertificateQuerySet.as_manager()

    class Meta:
        ordering = ["round", "level", "serial"]
        verbose_name = "证书"
        verbose_name_plural = "证书"
        constraints = [models.UniqueConstraint(fields=["round", "level", "serial"], name="one_serial_per_round_level")]
        indexes = [models.Index(fields=["application", "revoked_on", "valid_until"], name="certificate_in_force")]

    def __str__(self):
        return self.number

    def status(self, today=None):
        today = today or timezone.localdate()
        if self.revoked_on:
            return self.Status.REVOKED
        if self.superseded_by_id:
            return self.Status.SUPERSEDED
        if self.valid_until < today:
            return self.Status.EXPIRED
        return self.Status.VALID
