"""Forms of the life of a title: opening a re-evaluation, a unit's self-check, outcomes, rectification."""

import datetime
from decimal import Decimal

from django import forms
from django.utils import timezone

from .forms import LabelsWithoutColon
from .models import CampaignUnit
from .models.reevaluation import SELF_CHECK_QUESTION, self_check_answer

EVIDENCE_HELP = "PDF、JPEG 或 PNG，每个不超过 10 MB，可一次选择多个文件。"


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class EvidenceField(forms.FileField):
    """Several evidence files at once (checked by content in services.documents)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        kwargs.setdefault("required", False)
        kwargs.setdefault("help_text", EVIDENCE_HELP)
        kwargs.setdefault("error_messages", {"invalid": "文件无效，请重新选择。", "empty": "文件是空的。"})
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data if item]
        return [single(data, initial)] if data else []


class DateInput(forms.DateInput):
    input_type = "date"


class OpenCampaignForm(LabelsWithoutColon, forms.Form):
    year = forms.IntegerField(label="年度", min_value=2000, max_value=2100,
                              error_messages={"invalid": "请填写年度，如 2026。", "required": "请填写年度。"})
    self_check_due_on = forms.DateField(
        label="自查截止日期", widget=DateInput,
        error_messages={"invalid": "日期格式应为 YYYY-MM-DD。", "required": "请选择日期。"},
    )
    inspection_percent = forms.DecimalField(
        label="现场抽查比例（%）", min_value=0, max_value=100, decimal_places=1, initial=10,
        help_text="每个县区按此比例随机抽取（至少 1 个），另加命名以来有查实投诉的全部单位。",
        error_messages={"invalid": "请填写 0 到 100 之间的数字。"},
    )
    grace_days = forms.IntegerField(label="催报期（天）", min_value=1, max_value=60, initial=7,
                                    help_text="截止后提醒未提交的单位；催报期满仍未提交的，启动复核。")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        today = timezone.localdate()
        self.fields["year"].initial = today.year
        self.fields["self_check_due_on"].initial = today + datetime.timedelta(days=30)

    def service_kwargs(self):
        data = self.cleaned_data
        return {"year": data["year"], "self_check_due_on": data["self_check_due_on"], "grace_days": data["grace_days"],
                "inspection_share": (data["inspection_percent"] / Decimal(100)).quantize(Decimal("0.001"))}


class SelfCheckForm(LabelsWithoutColon, forms.Form):
    """For every indicator of the criteria the unit was named under: still met? and what changed."""

    # The words are the domain's (models/reevaluation.py): a veto item's answer is whether its situation exists.
    CHOICES = [("yes", self_check_answer(False, True)), ("no", f"{self_check_answer(False, False)}，不再完全符合")]
    VETO_CHOICES = [("yes", f"{self_check_answer(True, True)}（仍然符合）"), ("no", self_check_answer(True, False))]

    def __init__(self, criteria, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.rows = []
        for indicator in criteria.indicators():
            code = indicator["code"]
            self.fields[f"meets_{code}"] = forms.ChoiceField(
                label=f"{code} {SELF_CHECK_QUESTION[bool(indicator.get('veto'))]}",
                choices=self.VETO_CHOICES if indicator.get("veto") else self.CHOICES,
                widget=forms.RadioSelect,
                error_messages={"required": "请选择。"},
            )
            self.fields[f"note_{code}"] = forms.CharField(
                label=f"{code} 说明", required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
            )
            self.rows.append(indicator)
        self.fields["evidence"] = EvidenceField(label="佐证材料（有变化的指标请上传）")

    @classmethod
    def initial_from(cls, self_check):
        initial = {}
        for code, entry in self_check.items():
            initial[f"meets_{code}"] = "yes" if entry.get("meets") else "no"
            initial[f"note_{code}"] = entry.get("note", "")
        return initial

    def as_self_check(self):
        return {
            i["code"]: {"meets": self.cleaned_data[f"meets_{i['code']}"] == "yes",
                        "note": self.cleaned_data.get(f"note_{i['code']}", "")}
            for i in self.rows
        }

    def bound_rows(self):
        return [(i, self[f"meets_{i['code']}"], self[f"note_{i['code']}"]) for i in self.rows]


class RectificationNoticeForm(LabelsWithoutColon, forms.Form):
    problems = forms.CharField(label="存在的问题和整改要求", max_length=4000, widget=forms.Textarea(attrs={"rows": 4}),
                               error_messages={"required": "请写明存在的问题和整改要求。"})
    due_on = forms.DateField(label="整改期限", widget=DateInput,
                             error_messages={"invalid": "日期格式应为 YYYY-MM-DD。", "required": "请选择整改期限。"})

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["due_on"].initial = timezone.localdate() + datetime.timedelta(days=30)


class DecisionForm(RectificationNoticeForm):
    """A campaign unit's outcome; problems and deadline only for a rectification."""

    outcome = forms.ChoiceField(
        label="复核结论", widget=forms.RadioSelect, error_messages={"required": "请选择复核结论。"},
        choices=[(CampaignUnit.Outcome.KEPT, "保留称号"), (CampaignUnit.Outcome.RECTIFICATION, "限期整改"),
                 (CampaignUnit.Outcome.REVOKED, "撤销称号（理由将予以公布）")],
    )
    note = forms.CharField(label="结论说明", required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 3}),
                           help_text="撤销称号必须填写理由，理由将向社会公布。")
    confirm_revoke = forms.BooleanField(
        label="我确认撤销该单位的称号：证书立即失效，单位列入公开的撤销名单，此操作不可撤回", required=False,
        help_text="仅在选择“撤销称号”时需要勾选。",
    )

    field_order = ["outcome", "note", "problems", "due_on", "confirm_revoke"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["problems"].required = False
        self.fields["due_on"].required = False
        self.fields["problems"].label += "（限期整改时填写）"
        self.fields["due_on"].label += "（限期整改时填写）"

    def clean(self):
        data = super().clean()
        if data.get("outcome") == CampaignUnit.Outcome.RECTIFICATION:
            if not (data.get("problems") or "").strip():
                self.add_error("problems", "限期整改须写明存在的问题和整改要求。")
            if not data.get("due_on"):
                self.add_error("due_on", "限期整改须选择整改期限。")
        if data.get("outcome") == CampaignUnit.Outcome.REVOKED and not data.get("confirm_revoke"):
            self.add_error("confirm_revoke", "撤销称号不可撤回，请勾选确认后再提交。")
        return data


class RectificationAnswerForm(LabelsWithoutColon, forms.Form):
    answer = forms.CharField(label="整改情况", max_length=4000, widget=forms.Textarea(attrs={"rows": 5}),
                             error_messages={"required": "请写明整改情况。"})
    evidence = EvidenceField(label="整改佐证材料")
