"""The five assurances and their indicators, as published in the CMS.

`live_criteria()` reads the live AssurancePages; `CriteriaSnapshot.objects.for_criteria()` stores an
immutable copy that an application keeps, so later edits never change how it was scored.
"""

import hashlib
import json
from dataclasses import dataclass
from decimal import Decimal

from cms.models import AssurancePage, Indicator, visible


@dataclass(frozen=True)
class Criteria:
    assurances: tuple  # of dicts: {slug, title, max_points, indicators: [{code, text, max_points, veto, evidence}]}

    @classmethod
    def from_data(cls, data):
        return cls(assurances=tuple(data["assurances"]))

    def as_data(self):
        return {"assurances": list(self.assurances)}

    @property
    def version(self):
        canonical = json.dumps(self.as_data(), ensure_ascii=False, sort_keys=True, separators=(",", ":"))
        return hashlib.sha256(canonical.encode()).hexdigest()[:16]

    def indicators(self):
        return [indicator for assurance in self.assurances for indicator in assurance["indicators"]]

    def indicator(self, code):
        return next((i for i in self.indicators() if i["code"] == code), None)

    @property
    def total_points(self):
        return sum(Decimal(str(i["max_points"])) for i in self.indicators())


def live_criteria():
    """The criteria as published now, in two queries of plain values (no page objects are built: this
    runs for every certificate, snapshot and score sheet, and building Wagtail pages was most of its cost)."""
    pages = visible(AssurancePage.objects.all()).order_by("path").values_list("pk", "slug", "title", "summary")
    pages = list(pages)
    indicators = {pk: [] for pk, *_ in pages}
    rows = Indicator.objects.filter(page_id__in=indicators).order_by("sort_order").values_list(
        "page_id", "code", "text", "max_points", "veto", "evidence"
    )
    for page_id, code, text, max_points, veto, evidence in rows:
        indicators[page_id].append(
            {"code": code, "text": text, "max_points": int(max_points), "veto": veto, "evidence": evidence}
        )
    assurances = tuple(
        {
            "slug": slug,
            "title": title,
            "summary": summary,
            "max_points": sum(i["max_points"] for i in indicators[pk]),
            "indicators": indicators[pk],
        }
        for pk, slug, title, summary in pages
    )
    return Criteria(assurances=assurances)
