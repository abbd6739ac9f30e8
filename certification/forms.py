"""Forms of the applicant portal and the staff area. Errors are in Chinese."""

from decimal import Decimal, InvalidOperation

from django import forms

from .models import Business, Document, Industry, Level, Officer, Region, Round
from .validators import normalise_uscc


class LabelsWithoutColon:
    """Chinese labels take no trailing ':'."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)


class BusinessForm(LabelsWithoutColon, forms.ModelForm):
    class Meta:
        model = Business
        fields = ["uscc", "name", "address", "region", "industry", "contact_person", "contact_phone"]
        help_texts = {"uscc": "18位，见营业执照。"}
        error_messages = {
            "uscc": {"unique": "该统一社会信用代码已登记，请联系所在县区市场监督管理局。"},
            "region": {"required": "请选择所在县区。"},
            "industry": {"required": "请选择行业。"},
        }

    PLACEHOLDERS = {
        "uscc": "18位统一社会信用代码",
        "name": "与营业执照上的名称一致",
        "address": "县区、街道和门牌号",
        "contact_person": "负责申报的联系人",
        "contact_phone": "手机或座机，如 0914-1234567",
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].queryset = Region.objects.filter(level=Region.Level.COUNTY)
        self.fields["region"].empty_label = "请选择所在县区"
        self.fields["industry"].queryset = Industry.objects.all()
        self.fields["industry"].empty_label = "请选择行业"
        for name, placeholder in self.PLACEHOLDERS.items():
            self.fields[name].widget.attrs.setdefault("placeholder", placeholder)
        for name in ("contact_person", "contact_phone"):
            self.fields[name].required = True
        if self.instance.pk:
            # The identifier is what the account is tied to: changing it is a matter for the bureau.
            self.fields["uscc"].disabled = True
            if self.instance.identity_locked():
                for name in Business.IDENTITY_FIELDS:
                    self.fields[name].disabled = True
                    self.fields[name].help_text = "申报已提交，如需变更请联系所在县区市场监督管理局。"

    def clean_uscc(self):
        return normalise_uscc(self.cleaned_data.get("uscc"))

    def clean_contact_phone(self):
        phone = self.cleaned_data["contact_phone"].strip()
        if not phone.replace("-", "").replace(" ", "").isdigit() or len(phone) < 7:
            raise forms.ValidationError("请填写正确的联系电话。")
        return phone


class StartApplicationForm(LabelsWithoutColon, forms.Form):
    round = forms.ModelChoiceField(
        label="创建批次", queryset=Round.objects.none(), empty_label=None,
        error_messages={"invalid_choice": "请选择正在接受申报的批次。"},
    )
    level = forms.ChoiceField(label="申报级别", choices=Level.choices, initial=Level.COUNTY,
                              help_text="市级须达到更高的合格分（默认90分），县区级默认80分。")

    def __init__(self, *args, rounds=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["round"].queryset = Round.objects.open_for_applications() if rounds is None else rounds


class LevelForm(LabelsWithoutColon, forms.Form):
    level = forms.ChoiceField(label="申报级别", choices=Level.choices)


VETO_ANSWERS = [("no", "否，不存在"), ("yes", "是，存在")]
NO_SUCH_CASE = "不存在该情形。"


def is_yes_no(indicator):
    """A veto item worth no points is a question (does this happen here?), not a score."""
    return bool(indicator["veto"]) and not indicator["max_points"]


class SelfAssessmentForm(LabelsWithoutColon, forms.Form):
    """One points field and one note per indicator of the given criteria."""

    def __init__(self, criteria, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = criteria
        self.groups = []
        for assurance in criteria.assurances:
            names = []
            for indicator in assurance["indicators"]:
                code = indicator["code"]
                if is_yes_no(indicator):
                    self.fields[f"points_{code}"] = forms.TypedChoiceField(
                        label=f"{code} 是否存在该情形", required=False, choices=VETO_ANSWERS,
                        coerce=lambda answer: answer == "yes", empty_value=None, widget=forms.RadioSelect,
                    )
                    self.fields[f"note_{code}"] = forms.CharField(
                        label=f"{code} 说明", required=False, max_length=2000,
                        widget=forms.Textarea(attrs={"rows": 2, "placeholder": "选“是”时请说明情况"}),
                    )
                    names.append((indicator, f"points_{code}", f"note_{code}"))
                    continue
                self.fields[f"points_{code}"] = forms.DecimalField(
                    label=f"{code} 自评分", required=False, min_value=0, max_value=indicator["max_points"],
                    decimal_places=1, max_digits=4,
                    error_messages={
                        "invalid": "分值必须是数字。",
                        "max_value": f"不能超过 {indicator['max_points']} 分。",
                        "min_value": "不能小于 0。",
                    },
                )
                self.fields[f"note_{code}"] = forms.CharField(
                    label=f"{code} 说明", required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
                )
                names.append((indicator, f"points_{code}", f"note_{code}"))
            self.groups.append((assurance, names))

    @classmethod
    def initial_from(cls, self_assessment, criteria):
        initial = {}
        yes_no = {i["code"] for i in criteria.indicators() if is_yes_no(i)}
        for code, entry in self_assessment.items():
            if code in yes_no:
                answered = entry.get("points") not in (None, "")
                initial[f"points_{code}"] = ("yes" if entry.get("veto") else "no") if answered else None
            else:
                initial[f"points_{code}"] = entry.get("points")
            initial[f"note_{code}"] = entry.get("note", "")
        return initial

    def clean(self):
        cleaned = super().clean()
        for indicator in self.criteria.indicators():
            code = indicator["code"]
            if is_yes_no(indicator) and cleaned.get(f"points_{code}") and not cleaned.get(f"note_{code}", "").strip():
                self.add_error(f"note_{code}", "存在该情形时请说明具体情况。")
        return cleaned

    def as_self_assessment(self):
        data = {}
        for indicator in self.criteria.indicators():
            code = indicator["code"]
            answer, note = self.cleaned_data.get(f"points_{code}"), self.cleaned_data.get(f"note_{code}", "")
            if is_yes_no(indicator):
                # A veto item carries no points: "否" is 0 points with its note (or "不存在该情形"); "是" flags it.
                data[code] = {} if answer is None else {
                    "points": 0, "note": note.strip() or NO_SUCH_CASE, "veto": answer,
                }
                continue
            data[code] = {"points": answer, "note": note}
        return data

    def bound_groups(self):
        return [
            (assurance, [(indicator, self[points], self[note]) for indicator, points, note in names])
            for assurance, names in self.groups
        ]


class DocumentForm(LabelsWithoutColon, forms.Form):
    kind = forms.ChoiceField(label="材料类型", choices=Document.Kind.choices)
    file = forms.FileField(
        label="文件", help_text="PDF、JPEG 或 PNG，不超过 10 MB。",
        error_messages={"required": "请选择要上传的文件。", "invalid": "文件无效，请重新选择。",
                        "empty": "文件是空的。"},
    )


class TransitionForm(LabelsWithoutColon, forms.Form):
    comment = forms.CharField(label="意见", required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))


class ScoreSheetForm(LabelsWithoutColon, forms.Form):
    """An assessor's score per indicator of the application's pinned criteria (rules in certification.scoring)."""

    def __init__(self, criteria, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = criteria
        self.rows = []
        for indicator in criteria.indicators():
            code = indicator["code"]
            self.fields[f"points_{code}"] = forms.CharField(label=f"{code} 评分", required=False, max_length=8)
            self.fields[f"comment_{code}"] = forms.CharField(
                label=f"{code} 评审意见", required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
            )
            if indicator["veto"]:
                self.fields[f"veto_{code}"] = forms.BooleanField(label="存在一票否决情形", required=False)
            self.rows.append(indicator)

    @classmethod
    def initial_from(cls, scores):
        initial = {}
        for code, entry in scores.items():
            initial[f"points_{code}"] = "" if entry.get("points") is None else entry["points"]
            initial[f"comment_{code}"] = entry.get("comment", "")
            initial[f"veto_{code}"] = entry.get("veto", False)
        return initial

    def as_sheet(self):
        return {
            i["code"]: {
                "points": self.cleaned_data.get(f"points_{i['code']}", "").strip(),
                "comment": self.cleaned_data.get(f"comment_{i['code']}", ""),
                "veto": self.cleaned_data.get(f"veto_{i['code']}", False),
            }
            for i in self.rows
        }

    def running_total(self):
        """(sum of the points filled in so far, how many are filled, how many there are to fill): shown before any
        script runs. A veto item of no points has nothing to fill (the sheet sends 0 for it)."""
        total, filled = Decimal(0), 0
        scored = [i for i in self.rows if i["max_points"] or not i["veto"]]
        for indicator in scored:
            try:
                total += Decimal(str(self[f"points_{indicator['code']}"].value()).strip())
                filled += 1
            except (InvalidOperation, ValueError):
                continue
        return format(total.normalize(), "f"), filled, len(scored)

    def bound_rows(self):
        return [
            (i, self[f"points_{i['code']}"], self[f"comment_{i['code']}"],
             self[f"veto_{i['code']}"] if i["veto"] else None)
            for i in self.rows
        ]


class DeclineForm(LabelsWithoutColon, forms.Form):
    reason = forms.CharField(label="回避理由", max_length=2000, widget=forms.Textarea(attrs={"rows": 3}),
                             error_messages={"required": "请说明与该单位的利害关系。"})


class NoticePreferenceForm(LabelsWithoutColon, forms.ModelForm):
    class Meta:
        model = Officer
        fields = ["notice_preference"]
        widgets = {"notice_preference": forms.RadioSelect}
        help_texts = {"notice_preference": "新提交、补正后重新提交、评分全部提交的申报，都会发邮件提醒您。"}
