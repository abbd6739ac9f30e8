"""The Wagtail admin for reference data, businesses, rounds and people, in Chinese.

It is the city bureau's tool (see roles.py): county officers have no admin access and work in the
staff area, which is scoped to their county.
"""

from django.urls import reverse_lazy
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup

from .models import Assessor, Business, Industry, Officer, Region, Round
from .permissions import officer_of
from .services import businesses


class RegionViewSet(ModelViewSet):
    model = Region
    icon = "site"
    menu_label = "行政区"
    list_display = ["name", "code", "level", "parent"]
    form_fields = ["code", "name", "name_en", "level", "parent"]
    copy_view_enabled = False


class IndustryViewSet(ModelViewSet):
    model = Industry
    icon = "tag"
    menu_label = "行业"
    list_display = ["name", "code", "name_en", "named_in_programme", "sort_order"]
    form_fields = ["code", "name", "name_en", "named_in_programme", "sort_order"]
    copy_view_enabled = False


class BusinessEditView(generic.EditView):
    def save_instance(self):
        """Through the same service as the portal's profile page (it keeps the search copies current)."""
        instance = super().save_instance()
        businesses.refresh_search_copies(instance)
        return instance


class BusinessViewSet(ModelViewSet):
    model = Business
    edit_view_class = BusinessEditView
    icon = "group"
    menu_label = "经营主体"
    list_display = ["name", "uscc", "region", "industry", "contact_person"]
    list_filter = ["region", "industry"]
    search_fields = ["name", "uscc", "address", "name_pinyin"]
    form_fields = ["uscc", "name", "address", "region", "industry", "contact_person", "contact_phone"]
    copy_view_enabled = False


class RoundViewSet(ModelViewSet):
    model = Round
    icon = "date"
    menu_label = "创建批次"
    list_display = ["__str__", "year", "application_opens", "application_closes", "quota_city", "quota_county"]
    form_fields = [
        "year", "title", "application_opens", "application_closes", "quota_city", "quota_county", "notice_days",
        "pass_mark_county", "pass_mark_city", "certificate_validity_years", "assessors_per_application",
        "spread_threshold",
    ]
    copy_view_enabled = False


class OfficerViewSet(ModelViewSet):
    model = Officer
    icon = "user"
    menu_label = "工作人员"
    list_display = ["__str__", "region", "organisation", "title"]
    form_fields = ["user", "region", "organisation", "title", "notice_preference"]
    copy_view_enabled = False


class AssessorViewSet(ModelViewSet):
    model = Assessor
    icon = "user"
    menu_label = "评审员"
    list_display = ["__str__", "home_region", "organisation", "active"]
    list_filter = ["home_region", "active"]
    form_fields = ["user", "home_region", "sectors", "organisation", "active"]
    copy_view_enabled = False


class CertificationGroup(ModelViewSetGroup):
    menu_label = "放心消费创建"
    menu_icon = "folder-open-inverse"
    menu_order = 150
    items = (RoundViewSet, BusinessViewSet, RegionViewSet, IndustryViewSet, OfficerViewSet, AssessorViewSet)


@hooks.register("register_admin_viewset")
def register_viewset():
    return CertificationGroup()


class StaffAreaMenuItem(MenuItem):
    def is_shown(self, request):
        return officer_of(request.user) is not None


@hooks.register("register_admin_menu_item")
def register_staff_area_link():
    return StaffAreaMenuItem("申报工作台", reverse_lazy("staff:worklist"), icon_name="tasks", order=100)
