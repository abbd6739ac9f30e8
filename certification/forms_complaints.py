"""Forms of complaints: the public form (unit page / QR code), the tracking look-up, the officers' entry of a
hotline or walk-in case, a step of the five quicks, and the 12315 file upload. Errors are in Chinese."""

import re
import secrets

from django import forms
from django.core.exceptions import ValidationError

from .forms_public import clean_contact_value
from .models.complaints import Category, Channel, Result
from .services.complaints import MAX_EVIDENCE_FILES, parse_money


def _no_nul_message(form):
    for field in form.fields.values():
        for validator in field.validators:
            if validator.__class__.__name__ == "ProhibitNullCharactersValidator":
                validator.message = "内容中含有不允许的字符。"


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class EvidenceField(forms.FileField):
    """Up to MAX_EVIDENCE_FILES files; their content is checked by the service (services.documents.sniff)."""

    widget = MultipleFileInput

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)
        self.widget.attrs.update({"accept": ".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"})

    def clean(self, data, initial=None):
        files = [f for f in (data if isinstance(data, (list, tuple)) else [data]) if f]
        if len(files) > MAX_EVIDENCE_FILES:
            raise ValidationError(f"最多上传 {MAX_EVIDENCE_FILES} 个证据文件。")
        single = super().clean
        return [single(f, initial) for f in files]


SUBMISSION = re.compile(r"[A-Za-z0-9_-]{16,32}")


class ComplaintFields(forms.Form):
    category = forms.ChoiceField(label="问题类别", choices=[("", "请选择")] + Category.choices,
                                 error_messages={"required": "请选择问题类别。", "invalid_choice": "请选择问题类别。"})
    text = forms.CharField(label="发生了什么", widget=forms.Textarea(attrs={"rows": 6, "maxlength": 2000}),
                           help_text="请写明时间、经过和诉求，5至2000字。",
                           error_messages={"required": "请填写投诉内容。"})
    amount_in_dispute = forms.CharField(label="争议金额（元）", required=False, max_length=20,
                                        widget=forms.TextInput(attrs={"inputmode": "decimal", "maxlength": 20}),
                                        error_messages={"max_length": "争议金额格式不正确。"})
    complainant_name = forms.CharField(label="您的姓名", required=False, max_length=50,
                                       widget=forms.TextInput(attrs={"autocomplete": "name", "maxlength": 50}),
                                       error_messages={"max_length": "姓名不能超过50个字。"})
    complainant_phone = forms.CharField(label="联系电话", required=False, max_length=100,
                                        widget=forms.TextInput(attrs={"autocomplete": "tel", "maxlength": 100}),
                                        help_text="选填。仅供办理投诉的工作人员联系您，不会公开。",
                                        error_messages={"max_length": "联系方式不能超过100个字符。"})
    # Issued with the page and sent back with it: the service treats a page sent twice (a double click, a
    # resend) as one complaint, and never merges two pages — two people, or two callers an officer enters,
    # with the same words. A request without it (or with a malformed one) is never merged with another.
    submission = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _no_nul_message(self)
        if not self.is_bound:
            self.initial["submission"] = secrets.token_urlsafe(16)

    def clean_submission(self):
        value = self.cleaned_data.get("submission") or ""
        return value if SUBMISSION.fullmatch(value) else ""  # malformed: not the sender's doing, ignored

    def clean_text(self):
        text = self.cleaned_data["text"].strip()
        if len(text) < 5:
            raise ValidationError("投诉内容太短，请至少写5个字。")
        if len(text) > 2000:
            raise ValidationError(f"投诉内容不能超过2000字（现为{len(text)}字）。")
        return text

    def clean_amount_in_dispute(self):
        return parse_money(self.cleaned_data.get("amount_in_dispute"), "争议金额")

    def clean_complainant_name(self):
        return self.cleaned_data.get("complainant_name", "").strip()

    def clean_complainant_phone(self):
        phone = self.cleaned_data.get("complainant_phone", "").strip()
        return clean_contact_value(phone) if phone else ""


class PublicComplaintForm(ComplaintFields):
    """投诉/反映问题 from the unit page or its QR code; `website` is a honeypot."""

    evidence = EvidenceField(label="证据材料（选填）",
                             help_text="如购物小票、照片；PDF、JPEG 或 PNG，每个不超过10MB，最多5个。")
    website = forms.CharField(label="网址（请勿填写）", required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["website"].widget.attrs.update({"tabindex": "-1", "autocomplete": "off"})

    def clean_website(self):
        if self.cleaned_data.get("website"):
            raise ValidationError("提交未通过校验，请刷新页面后重试。")
        return ""


class OfficerComplaintForm(ComplaintFields):
    """A case an officer enters (12315 hotline, walk-in, letter): the unit is chosen from their scope."""

    unit = forms.ModelChoiceField(label="被投诉示范单位", queryset=None,
                                  error_messages={"required": "请选择被投诉的示范单位。",
                                                  "invalid_choice": "请选择您辖区内的示范单位。"})
    channel = forms.ChoiceField(label="来源渠道", choices=[c for c in Channel.choices if c[0] != Channel.UNIT_PAGE],
                                error_messages={"required": "请选择来源渠道。", "invalid_choice": "请选择来源渠道。"})
    evidence = EvidenceField(label="证据材料（选填）", help_text="PDF、JPEG 或 PNG，每个不超过10MB，最多5个。")

    field_order = ["unit", "channel", "category", "text", "amount_in_dispute", "complainant_name",
                   "complainant_phone", "evidence"]

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
        self.fields["unit"].empty_label = "请选择"
        self.fields["unit"].label_from_instance = lambda app: app.business.name
        # The officer types what the complainant said: the labels speak of the complainant, not to them.
        self.fields["text"].label = "投诉内容"
        self.fields["complainant_name"].label = "投诉人姓名"
        self.fields["complainant_phone"].label = "投诉人联系电话"
        self.fields["complainant_phone"].help_text = "选填。仅办理该投诉的工作人员可见，不公开。"


class TrackForm(forms.Form):
    reference = forms.CharField(label="投诉编号", max_length=20,
                                error_messages={"required": "请填写投诉编号。", "max_length": "投诉编号格式不正确。"})
    secret = forms.CharField(label="查询码", max_length=12,
                             widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
                             error_messages={"required": "请填写查询码。", "max_length": "查询码格式不正确。"})

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _no_nul_message(self)


YES_NO = [("yes", "属实"), ("no", "不属实")]


class StepForm(forms.Form):
    note = forms.CharField(label="办理情况", widget=forms.Textarea(attrs={"rows": 3, "maxlength": 2000}),
                           max_length=2000, error_messages={"required": "请填写办理情况。",
                                                            "max_length": "办理情况不能超过2000字。"})

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _no_nul_message(self)


class CloseForm(StepForm):
    """归档: the outcome of the case."""

    substantiated = forms.ChoiceField(label="投诉是否属实", choices=YES_NO, widget=forms.RadioSelect,
                                      error_messages={"required": "请选择投诉是否属实。",
                                                      "invalid_choice": "请选择投诉是否属实。"})
    result = forms.ChoiceField(label="处理结果", choices=[("", "请选择")] + Result.choices,
                               error_messages={"required": "请选择处理结果。", "invalid_choice": "请选择处理结果。"})
    money_recovered = forms.CharField(label="挽回经济损失（元）", required=False, max_length=20)
    veto_indicator = forms.ChoiceField(label="涉及一票否决项（属实且严重时选择）", required=False,
                                       error_messages={"invalid_choice": "请选择该单位评价标准中的一票否决项。"})

    def __init__(self, *args, veto_choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["veto_indicator"].choices = [("", "不涉及")] + [(c, f"{c} {t}") for c, t in veto_choices]

    def clean_money_recovered(self):
        return parse_money(self.cleaned_data.get("money_recovered"), "挽回经济损失") or 0

    def outcome(self):
        data = self.cleaned_data
        return {"substantiated": data["substantiated"] == "yes", "result": data["result"],
                "money_recovered": data["money_recovered"], "veto_indicator": data.get("veto_indicator", "")}


class ImportForm(forms.Form):
    file = forms.FileField(label="12315平台导出文件（CSV 或 XLSX）",
                           error_messages={"required": "请选择要导入的文件。", "empty": "文件是空的。"})
