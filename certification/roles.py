"""The staff roles as Django groups, so the Wagtail admin shows each role what it may manage.

The Wagtail admin (criteria, notices, rounds, reference data, businesses, people) is the city
bureau's. County officers and assessors work in the staff and assessor areas, which are scoped by
region and assignment (permissions.py): the admin's model permissions and its site-wide reports
cannot be scoped to one county, so county officers get no admin access at all.
"""

from django.contrib.auth.models import Group, Permission
from wagtail.models import GroupPagePermission, Page

CITY_OFFICERS = "市局工作人员"
COUNTY_OFFICERS = "县区局工作人员"
ASSESSORS = "评审员"

MODEL_PERMISSIONS = {
    CITY_OFFICERS: {
        "certification": ["region", "industry", "business", "round", "officer", "assessor", "conflictdeclaration",
                          "apikey", "webhooksubscription"],
        "wagtailimages": ["image"],
        "wagtaildocs": ["document"],
    },
    COUNTY_OFFICERS: {},
    ASSESSORS: {},
}
# Records the admin shows but nobody edits: the API's use per day and the webhooks' events and deliveries.
VIEW_ONLY_PERMISSIONS = {CITY_OFFICERS: {"certification": ["apiusage", "webhookevent", "webhookdelivery"]}}
# One row edited in place (a Wagtail setting): the programme's complaint deadlines and review threshold.
CHANGE_ONLY_PERMISSIONS = {CITY_OFFICERS: {"certification": ["programmesettings"]}}
PAGE_PERMISSIONS = {CITY_OFFICERS: ["add_page", "change_page", "publish_page"]}


def sync_role_groups():
    access_admin = Permission.objects.filter(content_type__app_label="wagtailadmin", codename="access_admin").first()
    for group_name, by_app in MODEL_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=group_name)
        wanted = []
        for app_label, models in by_app.items():
            codenames = [f"{action}_{model}" for model in models for action in ("add", "change", "delete", "view")]
            wanted += Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames)
        for app_label, models in VIEW_ONLY_PERMISSIONS.get(group_name, {}).items():
            codenames = [f"view_{model}" for model in models]
            wanted += Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames)
        for app_label, models in CHANGE_ONLY_PERMISSIONS.get(group_name, {}).items():
            codenames = [f"change_{model}" for model in models]
            wanted += Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames)
        if group_name == CITY_OFFICERS and access_admin:
            wanted.append(access_admin)
        group.permissions.set(wanted)  # authoritative: a permission taken from a role is taken away
    _sync_page_permissions()


def _sync_page_permissions():
    root = Page.get_first_root_node()
    if root is None:
        return
    for group_name, codenames in PAGE_PERMISSIONS.items():
        group = Group.objects.get(name=group_name)
        for permission in Permission.objects.filter(content_type__app_label="wagtailcore", codename__in=codenames):
            GroupPagePermission.objects.get_or_create(group=group, page=root, permission=permission)
