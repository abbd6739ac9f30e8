from django.conf import settings
from django.db import models
from pypinyin import Style, lazy_pinyin

from ..validators import validate_single_line, validate_uscc


def pinyin_full(text: str) -> str:
    return "".join(lazy_pinyin(text, errors="ignore")).lower()


def pinyin_initials(text: str) -> str:
    return "".join(lazy_pinyin(text, style=Style.FIRST_LETTER, errors="ignore")).lower()


def search_fields(business):
    """What the public directory searches, lower case: name, address, full pinyin, initials.

    Copied onto each application (Application.search_*) so that a search and its ranking read the
    few thousand applications, not every market entity of the city; services.businesses keeps them current.
    """
    return {
        "search_name": business.name.lower(),
        "search_address": business.address.lower(),
        "search_pinyin": business.name_pinyin,
        "search_initials": business.name_initials,
    }


class Business(models.Model):
    """A market entity, identified by its 统一社会信用代码."""

    uscc = models.CharField("统一社会信用代码", max_length=18, unique=True, validators=[validate_uscc])
    name = models.CharField("名称", max_length=120, validators=[validate_single_line])
    address = models.CharField("地址", max_length=200, validators=[validate_single_line])
    region = models.ForeignKey(
        "certification.Region", verbose_name="所在县区", on_delete=models.PROTECT,
        limit_choices_to={"level": "county"}, related_name="businesses",
    )
    industry = models.ForeignKey(
        "certification.Industry", verbose_name="行业", on_delete=models.PROTECT, related_name="businesses"
    )
    contact_person = models.CharField("联系人", max_length=50, blank=True)
    contact_phone = models.CharField("联系电话", max_length=30, blank=True)
    owner = models.OneToOneField(
        settings.AUTH_USER_MODEL, verbose_name="账号", null=True, blank=True,
        on_delete=models.SET_NULL, related_name="business",
    )
    name_pinyin = models.CharField(max_length=400, editable=False, db_index=True, default="")
    name_initials = models.CharField(max_length=120, editable=False, default="")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = "经营主体"
        verbose_name_plural = "经营主体"
        indexes = [models.Index(fields=["region", "industry"])]

    def __str__(self):
        return self.name

    # What the certificate prints and what decides the bureau in charge: once an application is under
    # way, only the bureau (Wagtail admin) changes these; the applicant keeps the contact details.
    IDENTITY_FIELDS = ("name", "address", "region", "industry")

    def save(self, *args, **kwargs):
        self.name_pinyin = pinyin_full(self.name)
        self.name_initials = pinyin_initials(self.name)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "name" in update_fields:
            kwargs["update_fields"] = set(update_fields) | {"name_pinyin", "name_initials"}
        super().save(*args, **kwargs)

    def identity_locked(self):
        return self.applications.exclude(state__in=["draft", "withdrawn"]).exists()
