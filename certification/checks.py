"""System checks (`manage.py check`, run in CI): every transition's declaration is complete, its
effects import and its staff page exists, so a typo fails the build, not a naming batch."""

from django.conf import settings
from django.core import checks
from django.core.exceptions import ValidationError
from django.urls import NoReverseMatch, reverse
from django.utils.module_loading import import_string

from .models import MEANING, Application, ProgrammeSettings, State, WebhookEvent

ACTORS = {"applicant", "officer", "system"}
STYLES = {"primary", "secondary", "warning", "danger"}


@checks.register()
def workflow_declarations(app_configs=None, **kwargs):
    errors = []
    missing = [state for state in State if state not in MEANING]
    if missing:
        errors.append(checks.Error(f"States without a meaning in models/states.py: {missing}", id="fangxin.E001"))
    for name, step in Application.steps().items():
        where = f"transition {name!r}"
        if step is None or not step.label:
            errors.append(checks.Error(f"{where} has no Step(label, actor)", id="fangxin.E002"))
            continue
        if step.actor not in ACTORS or step.style not in STYLES:
            errors.append(checks.Error(f"{where}: actor {step.actor!r} or style {step.style!r} unknown",
                                       id="fangxin.E003"))
        if step.page:
            try:
                reverse(step.page)
            except NoReverseMatch:
                errors.append(checks.Error(f"{where}: page {step.page!r} is not a URL name", id="fangxin.E006"))
        if step.event and step.event not in WebhookEvent.Type.values:
            errors.append(checks.Error(f"{where}: event {step.event!r} is not a WebhookEvent.Type", id="fangxin.E007"))
        for effect in ("before", "after"):
            path = getattr(step, effect)
            if not path:
                continue
            try:
                target = import_string(path)
            except ImportError as exc:
                errors.append(checks.Error(f"{where}: {effect}={path!r} does not import ({exc})", id="fangxin.E004"))
                continue
            if not callable(target):
                errors.append(checks.Error(f"{where}: {effect}={path!r} is not callable", id="fangxin.E005"))
    return errors


PUBLIC_CACHE_MIDDLEWARE = "certification.public_cache.PublicCacheMiddleware"


@checks.register()
def public_cache_middleware(app_configs=None, **kwargs):
    """Without the middleware the @public_cache views would never store a page (it stores them), and
    placed after the session middleware it could not answer visitors without loading their session."""
    middleware = list(settings.MIDDLEWARE)
    if PUBLIC_CACHE_MIDDLEWARE not in middleware:
        return [checks.Error(f"{PUBLIC_CACHE_MIDDLEWARE} is not in MIDDLEWARE: no public page is ever cached",
                             id="fangxin.E010")]
    session = "django.contrib.sessions.middleware.SessionMiddleware"
    if session in middleware and middleware.index(session) < middleware.index(PUBLIC_CACHE_MIDDLEWARE):
        return [checks.Error(f"{PUBLIC_CACHE_MIDDLEWARE} must come before {session}", id="fangxin.E011")]
    return []


@checks.register()
def programme_settings_defaults(app_configs=None, **kwargs):
    """The environment's COMPLAINT_* values start a fresh database's programme settings: they must be
    values the admin would accept, or the bureau could not save the settings page without changing them."""
    try:
        starting = ProgrammeSettings()
        starting.clean_fields()
        starting.clean()
    except ValidationError as exc:
        return [checks.Error(f"COMPLAINT_CONTACT_WORKING_DAYS / COMPLAINT_CLOSE_WORKING_DAYS / "
                             f"COMPLAINT_REVIEW_THRESHOLD out of range: {'; '.join(exc.messages)}",
                             id="fangxin.E012")]
    return []
