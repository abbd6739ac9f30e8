"""The portal's renewal form: the open round to renew in and the documents to keep. Errors in Chinese."""

from django import forms

from .forms import LabelsWithoutColon


class DocumentChoice(forms.ModelMultipleChoiceField):
    def label_from_instance(self, document):
        return f"{document.get_kind_display()}：{document.original_name}（{document.uploaded_at:%Y-%m-%d}）"


class RenewalForm(LabelsWithoutColon, forms.Form):
    round = forms.ModelChoiceField(
        label="续期申报批次", queryset=None, empty_label=None,
        error_messages={
            "required": "请选择续期申报的批次。",
            "invalid_choice": "所选批次不在申报时间内，或贵单位在该批次已有申报。",
        },
    )
    documents = DocumentChoice(
        label="保留上次申报的材料", queryset=None, required=False, widget=forms.CheckboxSelectMultiple,
        help_text="勾选的材料将复制到续期申报中；不勾选的不带入，可在续期申报中重新上传。",
        error_messages={"invalid_choice": "所选材料不属于上一次申报，请重新选择。",
                        "invalid_pk_value": "所选材料不属于上一次申报，请重新选择。"},
    )

    def __init__(self, rounds, documents, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["round"].queryset = rounds
        self.fields["documents"].queryset = documents
        self.fields["documents"].initial = [document.pk for document in documents]
