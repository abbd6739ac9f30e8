"""Chinese names for what Wagtail's own migrations create in English and the city bureau reads in its admin:
the root page ("Root", the top of the page explorer), the default workflow and its task ("Moderators approval",
on every page's publish menu and in the workflow reports) and the default groups ("Editors", "Moderators", in a
page's privacy dialog). Wagtail's migrations that look these groups up by name run before this one (see the
dependencies) and find nothing to do when they are renamed."""

from django.db import migrations

GROUPS = [("Editors", "编辑人员"), ("Moderators", "审核人员")]
WORKFLOW = [("Moderators approval", "审核人员审批")]
ROOT = [("Root", "根页面")]


def rename(apps, schema_editor, backwards=False):
    def pairs(names):
        return [(new, old) if backwards else (old, new) for old, new in names]

    Group = apps.get_model("auth", "Group")
    Page = apps.get_model("wagtailcore", "Page")
    for old, new in pairs(GROUPS):
        if not Group.objects.filter(name=new).exists():
            Group.objects.filter(name=old).update(name=new)
    for old, new in pairs(WORKFLOW):
        apps.get_model("wagtailcore", "Workflow").objects.filter(name=old).update(name=new)
        apps.get_model("wagtailcore", "Task").objects.filter(name=old).update(name=new)
    for old, new in pairs(ROOT):
        Page.objects.filter(depth=1, title=old).update(title=new, draft_title=new)


def rename_back(apps, schema_editor):
    rename(apps, schema_editor, backwards=True)


class Migration(migrations.Migration):
    dependencies = [
        ("cms", "0002_notice_reference_number_and_issuer"),
        ("wagtailcore", "0048_add_default_workflows"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("wagtaildocs", "0002_initial_data"),
        ("wagtailimages", "0002_initial_data"),
    ]

    operations = [migrations.RunPython(rename, rename_back)]
