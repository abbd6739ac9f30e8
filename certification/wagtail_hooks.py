"""The Wagtail admin for reference data, businesses, rounds and people, in Chinese.

It is the city bureau's tool (see roles.py): county officers have no admin access and work in the
staff area, which is scoped to their county.
"""

from django.template.response import TemplateResponse
from django.urls import reverse_lazy
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.admin.viewsets import model as wagtail_model
from wagtail.admin.viewsets.model import ModelViewSetGroup
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from .models import (
    ApiKey,
    ApiUsage,
    Assessor,
    Business,
    Industry,
    Officer,
    ProgrammeSettings,
    Region,
    Round,
    WebhookDelivery,
    WebhookSubscription,
)
from .permissions import may_edit_programme_settings, may_manage_api, officer_of
from .services import api_keys, businesses


class CreateView(generic.CreateView):
    """Wagtail's own "New: …" breadcrumb has no Chinese translation."""

    def get_breadcrumbs_items(self):
        return [*super().get_breadcrumbs_items()[:-1], {"url": "", "label": f"新建{self.get_page_subtitle()}"}]


class ModelViewSet(wagtail_model.ModelViewSet):
    add_view_class = CreateView


class YesNoColumn(Column):
    """A yes/no field read in Chinese (Wagtail's list shows True/False)."""

    def __init__(self, model, name, yes="是", no="否"):
        super().__init__(name, label=model._meta.get_field(name).verbose_name, sort_key=name)
        self.yes, self.no = yes, no

    def get_value(self, instance):
        return self.yes if super().get_value(instance) else self.no


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
    list_display = ["name", "code", "name_en", YesNoColumn(Industry, "named_in_programme"), "sort_order"]
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
    list_display = ["__str__", "home_region", "organisation", YesNoColumn(Assessor, "active")]
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


# --- the verification API: keys, their use, webhook subscriptions and deliveries (city bureau only) ---


class CityBureauPolicy(ModelPermissionPolicy):
    """The model's permissions (roles.py gives them to the city officers' group), and only for those
    `allowed` (a rule of permissions.py) lets in; `actions` limits what anyone may do at all."""

    def __init__(self, model, actions=("add", "change", "delete", "view"), allowed=may_manage_api):
        super().__init__(model)
        self.actions = set(actions)
        self.allowed = allowed

    def user_has_permission(self, user, action):
        return action in self.actions and self.allowed(user) and super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


class ShownOnceCreateView(CreateView):
    """After saving, a page that shows the secret once (it is never shown again)."""

    def save_action(self):
        response = TemplateResponse(self.request, "api/admin_created.html", {
            "object": self.object, "secret": self.secret, "secret_label": self.secret_label,
            "index_url": self.get_success_url(), "header_title": self.get_page_title(),
        })
        response["Cache-Control"] = "no-store"
        return response


class ApiKeyCreateView(ShownOnceCreateView):
    secret_label = "接口密钥"

    def save_instance(self):
        self.secret = api_keys.prepare(self.form.instance, by=self.request.user)
        return super().save_instance()


class ApiKeyEditView(generic.EditView):
    def save_instance(self):
        api_keys.record_active_flag(self.form.instance)  # unticking 有效 revokes the key
        return super().save_instance()


class ApiKeyViewSet(ModelViewSet):
    model = ApiKey
    add_view_class = ApiKeyCreateView
    edit_view_class = ApiKeyEditView
    icon = "key"
    menu_label = "接口密钥"
    list_display = ["organisation", "prefix", "contact", "rate_limit", YesNoColumn(ApiKey, "active", "有效", "已撤销"),
                    "created_at", "revoked_at"]
    list_filter = ["active"]
    search_fields = ["organisation", "contact", "prefix"]
    form_fields = ["organisation", "contact", "rate_limit", "active"]
    copy_view_enabled = False


class ApiUsageViewSet(ModelViewSet):
    model = ApiUsage
    icon = "table"
    menu_label = "接口用量"
    list_display = ["day", "key", "requests", YesNoColumn(ApiUsage, "limited")]
    list_filter = ["day", "key"]
    form_fields = ["key", "day", "requests", "limited"]
    copy_view_enabled = False
    inspect_view_enabled = True


class SubscriptionCreateView(ShownOnceCreateView):
    secret_label = "签名密钥"

    def save_instance(self):
        instance = super().save_instance()
        self.secret = instance.secret
        return instance


class SubscriptionViewSet(ModelViewSet):
    model = WebhookSubscription
    add_view_class = SubscriptionCreateView
    icon = "link"
    menu_label = "状态变动通知订阅"
    list_display = ["key", "url", YesNoColumn(WebhookSubscription, "all_titles"),
                    YesNoColumn(WebhookSubscription, "active", "启用", "停用"), "created_at"]
    list_filter = ["active", "all_titles"]
    form_fields = ["key", "url", "all_titles", "uscc_codes", "active"]
    copy_view_enabled = False


class DeliveryViewSet(ModelViewSet):
    model = WebhookDelivery
    icon = "mail"
    menu_label = "通知投递"
    list_display = ["event", "subscription", "status", "attempts", "last_status_code", "last_error",
                    "next_attempt_at", "sent_at"]
    list_filter = ["status"]
    form_fields = ["status"]
    copy_view_enabled = False
    inspect_view_enabled = True


register_permission_policy(ApiKey, CityBureauPolicy(ApiKey, actions=("add", "change", "view")))  # revoked, kept
register_permission_policy(ApiUsage, CityBureauPolicy(ApiUsage, actions=("view",)))
register_permission_policy(WebhookSubscription, CityBureauPolicy(WebhookSubscription))
register_permission_policy(WebhookDelivery, CityBureauPolicy(WebhookDelivery, actions=("view",)))
# The programme's settings (设置 › 创建工作设置): one row, changed in place, by the city bureau only.
register_permission_policy(ProgrammeSettings, CityBureauPolicy(ProgrammeSettings, actions=("change",),
                                                               allowed=may_edit_programme_settings))


class ApiGroup(ModelViewSetGroup):
    menu_label = "查验接口"
    menu_icon = "code"
    menu_order = 160
    items = (ApiKeyViewSet, ApiUsageViewSet, SubscriptionViewSet, DeliveryViewSet)


@hooks.register("register_admin_viewset")
def register_api_viewset():
    return ApiGroup()


class StaffAreaMenuItem(MenuItem):
    def is_shown(self, request):
        return officer_of(request.user) is not None


@hooks.register("register_admin_menu_item")
def register_staff_area_link():
    return StaffAreaMenuItem("申报工作台", reverse_lazy("staff:worklist"), icon_name="tasks", order=100)
