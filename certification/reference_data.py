"""Load 商洛市 and its 7 county-level divisions, and the programme's sectors.

The CSV files in certification/data/ are copies of the project's reference data
(shared/data/regions.csv, industries.csv). Used by migration 0002 (with historical models) and by
tests that need the rows back after a transactional flush. Idempotent.
"""

import csv
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"

REGION_NAMES_EN = {
    "611000": "Shangluo", "611002": "Shangzhou", "611021": "Luonan", "611022": "Danfeng",
    "611023": "Shangnan", "611024": "Shanyang", "611025": "Zhen'an", "611026": "Zhashui",
}


def rows(name):
    with open(DATA / name, encoding="utf-8") as f:
        return list(csv.DictReader(f))


def load_reference_data(Region, Industry):
    by_code = {}
    for row in rows("regions.csv"):
        region, _ = Region.objects.update_or_create(
            code=row["code"],
            defaults={
                "name": row["name"],
                "name_en": REGION_NAMES_EN.get(row["code"], ""),
                "level": row["level"],
                "parent": by_code.get(row["parent_code"]),
            },
        )
        by_code[row["code"]] = region
    for order, row in enumerate(rows("industries.csv"), start=1):
        Industry.objects.update_or_create(
            code=row["code"],
            defaults={
                "name": row["name"],
                "name_en": row["name_en"],
                "named_in_programme": row["named_in_programme_text"] == "yes",
                "sort_order": order,
            },
        )
