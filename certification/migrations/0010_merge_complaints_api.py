# Joins the two branches that both follow 0009: the complaints (0010_complaints) and the verification
# API (0011_api, merged from main). No operations.

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('certification', '0010_complaints'),
        ('certification', '0011_api'),
    ]

    operations = []
