import os
import uuid
from pathlib import Path

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.db import models
from django.utils.deconstruct import deconstructible

from .states import state_label


@deconstructible
class PrivateStorage(FileSystemStorage):
    """Files under PRIVATE_MEDIA_ROOT (read each time, so tests can move it): never given a URL,
    only served by views that check the user."""

    @property
    def base_location(self):
        return settings.PRIVATE_MEDIA_ROOT

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    def url(self, name):
        raise ValueError("私有文件没有公开地址，请通过下载视图访问。")


private_storage = PrivateStorage()


@deconstructible
class GeneratedName:
    def __init__(self, folder):
        self.folder = folder

    def __call__(self, instance, filename):
        suffix = Path(filename).suffix.lower()[:8]
        return f"{self.folder}/{uuid.uuid4().hex}{suffix}"


class Document(models.Model):
    class Kind(models.TextChoices):
        LICENCE = "licence", "营业执照"
        COMMITMENT = "commitment", "放心消费承诺书"
        OTHER = "other", "其他佐证材料"
        SELF_CHECK = "self_check", "年度自查佐证材料"
        RECTIFICATION = "rectification", "整改佐证材料"

    application = models.ForeignKey("certification.Application", on_delete=models.CASCADE, related_name="documents")
    kind = models.CharField("材料类型", max_length=20, choices=Kind.choices)
    # Evidence given after naming belongs to a self-check or a rectification answer as well.
    campaign_unit = models.ForeignKey("certification.CampaignUnit", null=True, blank=True, on_delete=models.CASCADE,
                                      related_name="documents")
    rectification = models.ForeignKey("certification.Rectification", null=True, blank=True,
                                      on_delete=models.CASCADE, related_name="documents")
    file = models.FileField(storage=private_storage, upload_to=GeneratedName("evidence"), max_length=200)
    original_name = models.CharField("文件名", max_length=200)
    content_type = models.CharField(max_length=50)
    size = models.PositiveIntegerField()
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["kind", "uploaded_at"]
        verbose_name = "佐证材料"
        verbose_name_plural = "佐证材料"

    def __str__(self):
        return f"{self.get_kind_display()}：{self.original_name}"


class AppendOnlyQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise TypeError("流转记录只能追加，不能修改。")

    def delete(self):
        raise TypeError("流转记录只能追加，不能删除。")


class TransitionLog(models.Model):
    """One row per workflow transition: who, when, from, to, why. Append-only."""

    application = models.ForeignKey(
        "certification.Application", on_delete=models.PROTECT, related_name="transitions"
    )
    transition = models.CharField("操作", max_length=40)
    source = models.CharField("原状态", max_length=20)
    target = models.CharField("新状态", max_length=20)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="操作人", null=True, blank=True, on_delete=models.PROTECT,
        related_name="+",
    )
    comment = models.TextField("意见", blank=True)
    created_at = models.DateTimeField("时间", auto_now_add=True, db_index=True)

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = "流转记录"
        verbose_name_plural = "流转记录"

    def __str__(self):
        return f"{self.application_id}: {self.source} → {self.target}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise TypeError("流转记录只能追加，不能修改。")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise TypeError("流转记录只能追加，不能删除。")

    @property
    def source_label(self):
        return state_label(self.source)

    @property
    def target_label(self):
        return state_label(self.target)
