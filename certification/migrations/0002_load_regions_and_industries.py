"""Load 商洛市 and its 7 county-level divisions, and the programme's sectors."""

from django.db import migrations

from certification.reference_data import load_reference_data


def load(apps, schema_editor):
    load_reference_data(apps.get_model("certification", "Region"), apps.get_model("certification", "Industry"))


class Migration(migrations.Migration):
    dependencies = [("certification", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
