"""Scores: checking an assessor's score sheet and aggregating the assessors' totals (pure functions).

Final score = mean of the submitted assessors' totals, rounded half-up to two decimals. Any veto
from any assessor fails the application. When the highest and lowest totals differ by more than
the round's spread threshold (default 15 points), the result is flagged for the officer.
"""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.core.exceptions import ValidationError

TWO_PLACES = Decimal("0.01")


@dataclass(frozen=True)
class Result:
    totals: tuple
    final_score: Decimal | None
    veto: bool
    spread: Decimal
    spread_flagged: bool


def aggregate_totals(totals, veto, threshold):
    totals = tuple(Decimal(str(t)) for t in totals)
    if not totals:
        return Result(totals, None, veto, Decimal(0), False)
    mean = (sum(totals, Decimal(0)) / len(totals)).quantize(TWO_PLACES, ROUND_HALF_UP)
    spread = max(totals) - min(totals)
    return Result(totals, mean, bool(veto), spread, spread > Decimal(str(threshold)))


def parse_points(raw, maximum):
    """Points given for one indicator: a number from 0 to `maximum` in steps of 0.5.

    Returns the Decimal, or raises ValidationError with the Chinese message to show.
    """
    try:
        points = Decimal(str(raw))
    except (InvalidOperation, ValueError):
        points = None
    if points is None or not points.is_finite():
        raise ValidationError("分值必须是数字。")
    if points < 0 or points > Decimal(maximum) or points != points.quantize(Decimal("0.5")):
        raise ValidationError(f"分值应在 0 到 {maximum} 之间（可取 0.5 分）。")
    return points


def clean_score_sheet(data, criteria, require_complete):
    """Validate {code: {points, comment, veto}} against the application's pinned criteria.

    Points run from 0 to the indicator's maximum; a comment is required below the maximum; veto can
    only be ticked on veto items. With require_complete every indicator must be scored.
    Returns (cleaned sheet, total, veto) or raises ValidationError keyed by indicator code.
    """
    cleaned, errors = {}, {}
    total, veto = Decimal(0), False
    for indicator in criteria.indicators():
        code = indicator["code"]
        entry = data.get(code) or {}
        raw, comment = entry.get("points"), str(entry.get("comment") or "").strip()[:2000]
        ticked = bool(entry.get("veto"))
        if ticked and not indicator["veto"]:
            errors[code] = "该指标不是一票否决项。"
            continue
        if raw in (None, ""):
            if require_complete:
                errors[code] = "请评分。"
            elif comment or ticked:
                cleaned[code] = {"points": None, "comment": comment, "veto": ticked}
            continue
        try:
            points = parse_points(raw, indicator["max_points"])
        except ValidationError as exc:
            errors[code] = exc.messages[0]
            continue
        if points < indicator["max_points"] and not comment and require_complete:
            errors[code] = "未给满分的指标须填写评审意见。"
            continue
        if ticked and not comment and require_complete:
            errors[code] = "勾选一票否决须说明理由。"
            continue
        cleaned[code] = {"points": float(points), "comment": comment, "veto": ticked}
        total += points
        veto = veto or ticked
    if errors:
        raise ValidationError(errors)
    return cleaned, total.quantize(TWO_PLACES), veto
