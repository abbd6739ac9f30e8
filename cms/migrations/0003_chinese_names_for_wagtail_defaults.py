"""Chinese names for what Wagtail's own migrations create in English and the city bureau reads in its admin:
the root page ("Root", the page explorer's top) and the default workflow and its task ("Moderators approval",
shown as 提交给… on every page's publish menu and in the workflow reports). Wagtail's default groups (Editors,
Moderators) keep their names: later Wagtail migrations look them up by name."""

from django.db import migrations

NAMES = [("Root", "根页面"), ("Moderators approval", "审核人审批")]


def rename(apps, schema_editor, backwards=False):
    Page = apps.get_model("wagtailcore", "Page")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    Task = apps.get_model("wagtailcore", "Task")
    (root_old, root_new), (flow_old, flow_new) = [(new, old) if backwards else (old, new) for old, new in NAMES]
    Page.objects.filter(depth=1, title=root_old).update(title=root_new, draft_title=root_new)
    Workflow.objects.filter(name=flow_old).update(name=flow_new)
    Task.objects.filter(name=flow_old).update(name=flow_new)


def rename_back(apps, schema_editor):
    rename(apps, schema_editor, backwards=True)


class Migration(migrations.Migration):
    dependencies = [
        ("cms", "0002_notice_reference_number_and_issuer"),
        ("wagtailcore", "0048_add_default_workflows"),
    ]

    operations = [migrations.RunPython(rename, rename_back)]
