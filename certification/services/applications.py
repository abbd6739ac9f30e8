"""Writes of the applicant's own application: starting it, the self-assessment, the level asked for."""


from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from ..criteria import live_criteria
from ..models import Application, State
from ..scoring import parse_points

EDITABLE_STATES = (State.DRAFT, State.RETURNED)


def start_application(business, round, level):
    if not round.is_open():
        raise ValidationError("该批次不在申报时间内。")
    if business.applications.filter(round=round).exclude(state=State.WITHDRAWN).exists():
        raise ValidationError("本批次已有申报，不能重复申报。")
    try:
        with transaction.atomic():
            return Application.objects.create(business=business, round=round, level_requested=level, level=level)
    except IntegrityError as exc:  # a double click created it a moment ago
        raise ValidationError("本批次已有申报，不能重复申报。") from exc


def clean_self_assessment(data, criteria=None):
    """Validate {code: {points, note}} against the criteria; returns the cleaned dict or raises."""
    criteria = criteria or live_criteria()
    cleaned, errors = {}, {}
    for indicator in criteria.indicators():
        code = indicator["code"]
        entry = data.get(code) or {}
        raw_points, note = entry.get("points"), str(entry.get("note") or "").strip()[:2000]
        if raw_points in (None, ""):
            if note:
                errors[code] = "请填写分值。"
            cleaned[code] = {"points": None, "note": note} if note else {}
            continue
        try:
            points = parse_points(raw_points, indicator["max_points"])
        except ValidationError as exc:
            errors[code] = exc.messages[0]
            continue
        cleaned[code] = {"points": float(points), "note": note}
        if indicator["veto"] and entry.get("veto") is not None:
            cleaned[code]["veto"] = bool(entry["veto"])  # the applicant's own answer to a veto question
    if errors:
        raise ValidationError(errors)
    return {code: entry for code, entry in cleaned.items() if entry}


@transaction.atomic
def save_self_assessment(application, data):
    locked = Application.objects.select_for_update().get(pk=application.pk)
    if locked.state not in EDITABLE_STATES:
        raise ValidationError("当前状态下不能修改自评。")
    locked.self_assessment = clean_self_assessment(data)
    locked.save(update_fields=["self_assessment", "updated_at"])
    application.self_assessment = locked.self_assessment
    return locked


@transaction.atomic
def change_level(application, level):
    locked = Application.objects.select_for_update().get(pk=application.pk)
    if locked.state not in EDITABLE_STATES:
        raise ValidationError("当前状态下不能修改申报级别。")
    locked.level_requested = locked.level = level
    locked.save(update_fields=["level_requested", "level", "updated_at"])
    return locked
