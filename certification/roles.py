"""The staff roles as Django groups, so the Wagtail admin shows each role what it may manage.

Scope within a model (a county officer sees only their county's businesses) is not a group
permission: it comes from permissions.py, which the admin viewsets and the staff views share.
"""

from django.contrib.auth.models import Group, Permission

CITY_OFFICERS = "市局工作人员"
COUNTY_OFFICERS = "县区局工作人员"
ASSESSORS = "评审员"

MODEL_PERMISSIONS = {
    CITY_OFFICERS: {
        "certification": ["region", "industry", "business", "round", "officer", "assessor", "conflictdeclaration"],
        "wagtailimages": ["image"],
        "wagtaildocs": ["document"],
    },
    COUNTY_OFFICERS: {
        "certification": [("business", ("add", "change", "view"))],
    },
    ASSESSORS: {},
}
PAGE_PERMISSIONS = {CITY_OFFICERS: ["add_page", "change_page", "publish_page"]}


def sync_role_groups():
    access_admin = Permission.objects.filter(content_type__app_label="wagtailadmin", codename="access_admin").first()
    for group_name, by_app in MODEL_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=group_name)
        wanted = []
        for app_label, models in by_app.items():
            codenames = []
            for model in models:
                name, actions = model if isinstance(model, tuple) else (model, ("add", "change", "delete", "view"))
                codenames += [f"{action}_{name}" for action in actions]
            wanted += Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames)
        if group_name != ASSESSORS and access_admin:
            wanted.append(access_admin)
        group.permissions.add(*wanted)
    _sync_page_permissions()


def _sync_page_permissions():
    from wagtail.models import GroupPagePermission, Page

    root = Page.get_first_root_node()
    if root is None:
        return
    for group_name, codenames in PAGE_PERMISSIONS.items():
        group = Group.objects.get(name=group_name)
        for permission in Permission.objects.filter(content_type__app_label="wagtailcore", codename__in=codenames):
            GroupPagePermission.objects.get_or_create(group=group, page=root, permission=permission)
