"""Forms of the public pages: the directory's filters (django-filter) and the reporter's fields shared by
the objection form (forms_complaints.py holds the complaint forms)."""

import re

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.http import QueryDict

from .models import Level, Objection
from .selectors import public as sel

PAGE_SIZES = (10, 20, 50)
DEFAULT_PAGE_SIZE = 20
SORT_CHOICES = [("relevance", "相关度"), ("newest", "最新命名"), ("name", "名称（拼音）"), ("county", "所在县区")]


class SearchField(forms.CharField):
    """Free text: control characters (even NUL) are dropped and the length capped, never refused."""

    def __init__(self, **kwargs):
        kwargs.pop("max_length", None)
        super().__init__(**kwargs)
        self.validators = []

    def to_python(self, value):
        return sel.clean_term(super().to_python(value))


class SearchFilter(django_filters.CharFilter):
    field_class = SearchField


class UnitFilter(django_filters.FilterSet):
    """Filters of the directory. The county, sector and year choices are those in use, kept in the cache until
    the units in force change (selectors/public.py)."""

    q = SearchFilter(label="名称或地址", method="filter_search", widget=forms.TextInput(attrs={
        "type": "search", "placeholder": "如：超市、丹凤 酒店、chaoshi、hrwj", "maxlength": 100, "autocomplete": "off",
    }))
    county = django_filters.ChoiceFilter(label="县区", field_name="business__region__code", empty_label="全部县区")
    sector = django_filters.ChoiceFilter(label="行业", field_name="business__industry__code", empty_label="全部行业")
    level = django_filters.ChoiceFilter(label="级别", field_name="level", choices=Level.choices,
                                        empty_label="全部级别")
    year = django_filters.ChoiceFilter(label="年度", field_name="round__year", empty_label="全部年度")
    sort = django_filters.ChoiceFilter(label="排序", choices=SORT_CHOICES, method="filter_noop",
                                       empty_label=None)
    page_size = django_filters.ChoiceFilter(label="每页", choices=[(str(n), f"{n} 条") for n in PAGE_SIZES],
                                            method="filter_noop", empty_label=None)

    def __init__(self, data=None, queryset=None, **kwargs):
        data = data.copy() if data is not None else QueryDict(mutable=True)
        sort = sel.RELEVANCE if sel.clean_term(data.get("q")) else sel.DEFAULT_SORT  # a search: relevance first
        for name, default in (("sort", sort), ("page_size", str(DEFAULT_PAGE_SIZE))):
            if not data.get(name):
                data[name] = default
        super().__init__(data, queryset=sel.units_in_force() if queryset is None else queryset, **kwargs)
        self.filters["county"].extra["choices"] = sel.county_choices(data.get("county"))
        self.filters["sector"].extra["choices"] = sel.sector_choices(data.get("sector"))
        self.filters["year"].extra["choices"] = sel.year_choices(data.get("year"))

    def filter_search(self, queryset, name, value):
        return sel.search_units(queryset, value)

    def filter_noop(self, queryset, name, value):
        return queryset

    def cleaned(self, name, default=None):
        form = self.form
        form.is_valid()
        return (getattr(form, "cleaned_data", None) or {}).get(name) or default

    @property
    def term(self):
        return sel.clean_term(self.cleaned("q", ""))

    @property
    def chosen_sort(self):
        return self.cleaned("sort", sel.DEFAULT_SORT)

    @property
    def chosen_page_size(self):
        return int(self.cleaned("page_size", DEFAULT_PAGE_SIZE))

    @property
    def qs(self):
        if not hasattr(self, "_ordered_qs"):
            self._ordered_qs = sel.order_units(super().qs, self.chosen_sort, searching=bool(self.term))
        return self._ordered_qs

    @property
    def active(self):
        """True when any filter or search narrows the list."""
        return any(self.cleaned(name) for name in ("q", "county", "sector", "level", "year"))


# --- reporters ----------------------------------------------------------------------------------

PHONE = re.compile(r"^\+?[\d\- ]{7,20}$")


def clean_contact_value(contact):
    """A phone number or an e-mail address, or a ValidationError in Chinese."""
    contact = contact.strip()
    if "@" in contact:
        try:
            validate_email(contact)
        except ValidationError:
            raise ValidationError("电子邮箱格式不正确。")
        return contact
    if not PHONE.match(contact) or sum(c.isdigit() for c in contact) < 7:
        raise ValidationError("请填写正确的联系电话（如 13800000000 或 0914-2312315）或电子邮箱。")
    return contact


class ReporterForm(forms.ModelForm):
    """Name, a phone number or e-mail address, the text; `website` is a honeypot (the objection form)."""

    website = forms.CharField(label="网址（请勿填写）", required=False)

    class Meta:
        model = Objection
        fields = ["name", "contact", "text"]
        labels = {"name": "您的姓名", "contact": "联系电话或电子邮箱", "text": "反映内容"}
        help_texts = {"contact": "用于工作人员回访，不会公开。", "text": "请写明时间、经过和诉求，5至2000字。"}
        widgets = {
            "name": forms.TextInput(attrs={"autocomplete": "name", "maxlength": 50}),
            "contact": forms.TextInput(attrs={"autocomplete": "tel", "maxlength": 100}),
            "text": forms.Textarea(attrs={"rows": 6, "maxlength": 2000}),
        }
        error_messages = {
            "name": {"required": "请填写您的姓名。", "max_length": "姓名不能超过50个字。"},
            "contact": {"required": "请填写联系电话或电子邮箱。", "max_length": "联系方式不能超过100个字符。"},
            "text": {"required": "请填写反映内容。"},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["website"].widget.attrs.update({"tabindex": "-1", "autocomplete": "off"})
        for field in self.fields.values():
            for validator in field.validators:
                if validator.__class__.__name__ == "ProhibitNullCharactersValidator":
                    validator.message = "内容中含有不允许的字符。"

    def clean_website(self):
        if self.cleaned_data.get("website"):
            raise ValidationError("提交未通过校验，请刷新页面后重试。")
        return ""

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        if len(name) < 2:
            raise ValidationError("请填写您的姓名（至少2个字）。")
        return name

    def clean_contact(self):
        return clean_contact_value(self.cleaned_data["contact"])

    def clean_text(self):
        text = self.cleaned_data["text"].strip()
        if len(text) < 5:
            raise ValidationError("反映内容太短，请至少写5个字。")
        if len(text) > 2000:
            raise ValidationError(f"反映内容不能超过2000字（现为{len(text)}字）。")
        return text
