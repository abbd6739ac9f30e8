"""The five assurances and their indicators, as published in the CMS.

`live_criteria()` reads the live AssurancePages; `CriteriaSnapshot.objects.for_criteria()` stores an
immutable copy that an application keeps, so later edits never change how it was scored.
"""

import hashlib
import json
from dataclasses import dataclass
from decimal import Decimal

from cms.models import AssurancePage


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
    assurances = []
    pages = AssurancePage.objects.live().public().order_by("path").prefetch_related("indicators")
    for page in pages:
        indicators = [
            {
                "code": indicator.code,
                "text": indicator.text,
                "max_points": int(indicator.max_points),
                "veto": indicator.veto,
                "evidence": indicator.evidence,
            }
            for indicator in page.indicators.all()
        ]
        assurances.append({
            "slug": page.slug,
            "title": page.title,
            "summary": page.summary,
            "max_points": sum(i["max_points"] for i in indicators),
            "indicators": indicators,
        })
    return Criteria(assurances=tuple(assurances))
