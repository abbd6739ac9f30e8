"""The staff work list's filters (django-filter)."""

import django_filters

from .models import Application, Industry, Level, Region, Round, State


class ApplicationFilter(django_filters.FilterSet):
    state = django_filters.ChoiceFilter(label="状态", choices=State.choices, empty_label="全部状态")
    round = django_filters.ModelChoiceFilter(label="批次", queryset=Round.objects.all(), empty_label="全部批次")
    county = django_filters.ModelChoiceFilter(
        label="县区", field_name="business__region", queryset=Region.objects.filter(level="county"),
        empty_label="全部县区",
    )
    sector = django_filters.ModelChoiceFilter(
        label="行业", field_name="business__industry", queryset=Industry.objects.all(), empty_label="全部行业"
    )
    level = django_filters.ChoiceFilter(label="级别", choices=Level.choices, empty_label="全部级别")
    q = django_filters.CharFilter(label="单位名称", method="search")

    class Meta:
        model = Application
        fields = ["state", "round", "county", "sector", "level"]

    def __init__(self, *args, officer=None, **kwargs):
        super().__init__(*args, **kwargs)
        if officer is not None and not officer.is_city:
            self.filters["county"].queryset = Region.objects.filter(pk=officer.region_id)

    def search(self, queryset, name, value):
        return queryset.filter(business__name__icontains=value.strip()[:50])
