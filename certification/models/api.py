"""The verification API's organisations: their keys, their daily use, their webhook subscriptions and
the events and deliveries of those webhooks (the webhook outbox).

A key is shown once, when the city bureau issues it; only its SHA-256 is stored (a key is 32 random
bytes, so a fast hash is enough: nothing can be guessed from it). A webhook event is written in the
same transaction as the change it reports, with one delivery row per subscriber (unique per event
and subscription); `manage.py webhook_worker` sends the deliveries and retries failures.
"""

import hashlib
import secrets
import uuid
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, URLValidator
from django.db import models
from django.utils import timezone

from ..validators import is_public_address, uscc_problem

KEY_PREFIX = "fx_"


def hash_key(raw):
    return hashlib.sha256(str(raw).encode()).hexdigest()


def new_secret():
    return "whsec_" + secrets.token_urlsafe(32)


class ApiKey(models.Model):
    organisation = models.CharField("机构名称", max_length=100)
    contact = models.CharField("联系人及联系方式", max_length=200)
    rate_limit = models.PositiveIntegerField(
        "每分钟请求上限", default=120, validators=[MinValueValidator(1), MaxValueValidator(100_000)]
    )
    prefix = models.CharField("密钥前缀", max_length=16, editable=False, db_index=True)
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    active = models.BooleanField("有效", default=True, help_text="取消勾选即撤销该密钥，撤销后立即不能使用。")
    created_at = models.DateTimeField("签发时间", default=timezone.now, editable=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+", editable=False)
    revoked_at = models.DateTimeField("撤销时间", null=True, blank=True, editable=False)

    class Meta:
        ordering = ["organisation", "pk"]
        verbose_name = "接口密钥"
        verbose_name_plural = "接口密钥"

    def __str__(self):
        return f"{self.organisation}（{self.prefix}…）"

    def set_new_key(self):
        """Give the key a new secret value; returns it (shown once, never stored)."""
        raw = KEY_PREFIX + secrets.token_urlsafe(32)
        self.prefix = raw[:10]
        self.key_hash = hash_key(raw)
        return raw


class ApiUsage(models.Model):
    """Requests per key and day (incremented with F(), so concurrent requests are all counted)."""

    key = models.ForeignKey(ApiKey, verbose_name="接口密钥", on_delete=models.CASCADE, related_name="usage")
    day = models.DateField("日期")
    requests = models.PositiveIntegerField("请求次数", default=0)
    limited = models.PositiveIntegerField("超出频率被拒次数", default=0)

    class Meta:
        ordering = ["-day", "key"]
        verbose_name = "接口用量"
        verbose_name_plural = "接口用量"
        constraints = [models.UniqueConstraint(fields=["key", "day"], name="one_usage_row_per_key_and_day")]

    def __str__(self):
        return f"{self.key.organisation} {self.day}"


class WebhookSubscription(models.Model):
    key = models.ForeignKey(ApiKey, verbose_name="所属机构（接口密钥）", on_delete=models.CASCADE,
                            related_name="subscriptions")
    url = models.URLField("接收地址", max_length=500, validators=[URLValidator(schemes=["http", "https"])],
                          help_text="只能是 http 或 https 地址；不接受内网、本机等地址。")
    secret = models.CharField("签名密钥", max_length=80, default=new_secret, editable=False)
    all_titles = models.BooleanField("接收全部称号的变动", default=False)
    uscc_codes = models.TextField(
        "关注的统一社会信用代码", blank=True,
        help_text="不接收全部称号时，只通知这些经营主体的称号变动；每行一个 18 位代码。",
    )
    active = models.BooleanField("启用", default=True)
    created_at = models.DateTimeField("创建时间", default=timezone.now, editable=False)

    class Meta:
        ordering = ["key", "pk"]
        verbose_name = "状态变动通知订阅"
        verbose_name_plural = "状态变动通知订阅"

    def __str__(self):
        return f"{self.key.organisation} → {self.url}"

    def clean(self):
        """Refuse what can be told before sending: a receiver on this machine or an internal address
        written as an IP, and credit codes that are not valid. (The worker checks the resolved address
        of every host again before each try.)"""
        errors = {}
        host = urlsplit(self.url or "").hostname or ""
        if not settings.WEBHOOK_ALLOW_PRIVATE_ADDRESSES:
            try:
                literal_private = not is_public_address(host)
            except ValueError:  # a host name, resolved when sending
                literal_private = host == "localhost" or host.endswith(".localhost")
            if literal_private:
                errors["url"] = "接收地址不能是内网、本机或保留地址。"
        bad = [f"{code}（{problem}）" for code in sorted(self.watched_codes()) if (problem := uscc_problem(code))]
        if bad:
            errors["uscc_codes"] = "以下统一社会信用代码无效：" + "；".join(bad)
        if errors:
            raise ValidationError(errors)

    def watched_codes(self):
        return {line.strip().upper() for line in self.uscc_codes.splitlines() if line.strip()}

    def wants(self, uscc):
        return self.all_titles or uscc in self.watched_codes()


class WebhookEvent(models.Model):
    class Type(models.TextChoices):
        NAMED = "title.named", "命名"
        UNDER_REVIEW = "title.under_review", "启动复核"
        UNDER_RECTIFICATION = "title.under_rectification", "责令整改"
        KEPT = "title.kept", "复核或整改后保留称号"
        REVOKED = "title.revoked", "撤销称号"
        EXPIRED = "title.expired", "证书到期"
        SUPERSEDED = "title.superseded", "续期换发新证"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    type = models.CharField("事件", max_length=40, choices=Type.choices)
    application = models.ForeignKey("certification.Application", verbose_name="示范单位", on_delete=models.PROTECT,
                                    related_name="+")
    payload = models.JSONField("内容")
    created_at = models.DateTimeField("发生时间", default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "状态变动事件"
        verbose_name_plural = "状态变动事件"

    def __str__(self):
        return f"{self.get_type_display()} {self.id}"


class WebhookDelivery(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", "待发送"
        SENT = "sent", "已送达"
        FAILED = "failed", "已放弃（重试一天仍失败）"

    event = models.ForeignKey(WebhookEvent, verbose_name="事件", on_delete=models.CASCADE, related_name="deliveries")
    subscription = models.ForeignKey(WebhookSubscription, verbose_name="订阅", on_delete=models.CASCADE,
                                     related_name="deliveries")
    status = models.CharField("状态", max_length=10, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveIntegerField("尝试次数", default=0)
    next_attempt_at = models.DateTimeField("下次尝试", default=timezone.now)
    last_attempt_at = models.DateTimeField("最近尝试", null=True, blank=True)
    last_status_code = models.PositiveIntegerField("最近响应码", null=True, blank=True)
    last_error = models.CharField("最近错误", max_length=300, blank=True)
    sent_at = models.DateTimeField("送达时间", null=True, blank=True)

    class Meta:
        ordering = ["-pk"]
        verbose_name = "通知投递"
        verbose_name_plural = "通知投递"
        constraints = [
            models.UniqueConstraint(fields=["event", "subscription"], name="one_delivery_per_event_and_subscriber")
        ]
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="webhook_delivery_due")]

    def __str__(self):
        return f"{self.event} → {self.subscription.url}"
