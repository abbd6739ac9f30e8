"""Forms of the applicant portal and the staff area. Errors are in Chinese."""

from django import forms

from .models import Business, Document, Industry, Level, Region, Round
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
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].queryset = Region.objects.filter(level=Region.Level.COUNTY)
        self.fields["industry"].queryset = Industry.objects.all()
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

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["round"].queryset = Round.objects.open_for_applications()


class LevelForm(LabelsWithoutColon, forms.Form):
    level = forms.ChoiceField(label="申报级别", choices=Level.choices)


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
    def initial_from(cls, self_assessment):
        initial = {}
        for code, entry in self_assessment.items():
            initial[f"points_{code}"] = entry.get("points")
            initial[f"note_{code}"] = entry.get("note", "")
        return initial

    def as_self_assessment(self):
        data = {}
        for indicator in self.criteria.indicators():
            code = indicator["code"]
            data[code] = {"points": self.cleaned_data.get(f"points_{code}"),
                          "note": self.cleaned_data.get(f"note_{code}", "")}
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

    def bound_rows(self):
        return [
            (i, self[f"points_{i['code']}"], self[f"comment_{i['code']}"],
             self[f"veto_{i['code']}"] if i["veto"] else None)
            for i in self.rows
        ]


class DeclineForm(LabelsWithoutColon, forms.Form):
    reason = forms.CharField(label="回避理由", max_length=2000, widget=forms.Textarea(attrs={"rows": 3}),
                             error_messages={"required": "请说明与该单位的利害关系。"})
