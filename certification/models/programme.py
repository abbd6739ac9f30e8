"""The programme's own settings, edited by the city bureau in the Wagtail admin (设置 › 创建工作设置):
the complaint deadlines and how many substantiated complaints within twelve months a unit may have
before a review opens.

One row (a Wagtail generic setting). `ProgrammeSettings.current(request)` is the one way to read it: with
a request the row is read once per request (Wagtail keeps it on the request), without one it is one
small query. A fresh database starts from the environment's settings (COMPLAINT_CONTACT_WORKING_DAYS,
COMPLAINT_CLOSE_WORKING_DAYS, COMPLAINT_REVIEW_THRESHOLD): the row is created with them the first time
it is read; from then on the row, not the environment, decides.

A change applies to complaints received after it: each complaint keeps the due dates it was given when
received (Complaint.set_deadlines). The review threshold is read when a complaint is closed.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting

CONTACT_RANGE = (1, 10)
CLOSE_MAX = 60
THRESHOLD_RANGE = (1, 20)


def default_contact_working_days():
    return settings.COMPLAINT_CONTACT_WORKING_DAYS


def default_close_working_days():
    return settings.COMPLAINT_CLOSE_WORKING_DAYS


def default_review_threshold():
    return settings.COMPLAINT_REVIEW_THRESHOLD


def _between(low, high, what):
    message = f"{what}应在 {low} 到 {high} 之间。"
    return [MinValueValidator(low, message), MaxValueValidator(high, message)]


@register_setting(icon="cog")
class ProgrammeSettings(BaseGenericSetting):
    complaint_contact_working_days = models.PositiveSmallIntegerField(
        "联系投诉人时限（工作日）", default=default_contact_working_days,
        validators=_between(*CONTACT_RANGE, "联系时限"),
        help_text=f"自受理之日起，应在多少个工作日内联系投诉人（周末不计），{CONTACT_RANGE[0]}–{CONTACT_RANGE[1]}。"
                  "修改后只适用于此后受理的投诉，已受理的投诉期限不变。",
    )
    complaint_close_working_days = models.PositiveSmallIntegerField(
        "办结时限（工作日）", default=default_close_working_days,
        validators=_between(1, CLOSE_MAX, "办结时限"),
        help_text=f"自受理之日起，应在多少个工作日内办结（周末不计），不短于联系时限，最多 {CLOSE_MAX}。"
                  "修改后只适用于此后受理的投诉，已受理的投诉期限不变。",
    )
    complaint_review_threshold = models.PositiveSmallIntegerField(
        "启动复核的属实投诉件数", default=default_review_threshold,
        validators=_between(*THRESHOLD_RANGE, "属实投诉件数"),
        help_text=f"十二个月内属实投诉超过此件数的，归档时自动启动该单位的复核，{THRESHOLD_RANGE[0]}–{THRESHOLD_RANGE[1]}。"
                  "涉及一票否决项的属实投诉不论件数，都启动复核。",
    )

    panels = [
        MultiFieldPanel([FieldPanel("complaint_contact_working_days"), FieldPanel("complaint_close_working_days")],
                        heading="投诉办理时限"),
        MultiFieldPanel([FieldPanel("complaint_review_threshold")], heading="投诉与复核"),
    ]

    class Meta:
        verbose_name = "创建工作设置"
        verbose_name_plural = "创建工作设置"

    def clean(self):
        super().clean()
        contact, close = self.complaint_contact_working_days, self.complaint_close_working_days
        if contact is not None and close is not None and close < contact:
            raise ValidationError({"complaint_close_working_days": "办结时限不能短于联系时限。"})

    @classmethod
    def current(cls, request=None):
        """The settings now: read once per request when given one (kept on it), else one query."""
        return cls.load(request_or_site=request)
