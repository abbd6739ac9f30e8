"""Who may see and do what: every scope and every role check, in one module.

* applicant: the business whose `owner` is the user
* officer: `Officer.region`; 商洛市 (the city) covers every county
* assessor: only the applications they are assigned to (and did not decline)
* superuser: everything

Scopes are Q objects (over the model named in each function), so that querysets, views, file
downloads, the admin and feeds share them. Predicates for transitions take (application, user), as
django-fsm's `permission=` expects.

This module imports no models: it walks from the user to their role (user.officer, user.assessor,
user.business) and names fields, so the models can use its predicates without an import cycle.
"""

from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Q

NOTHING = Q(pk__in=[])
# Assignment statuses in which the assessor works on (and may open) the application: not declined.
OPEN_ASSIGNMENT_STATUSES = ("assigned", "submitted")


# --- the user's roles -----------------------------------------------------------------------------


def _active(user):
    return bool(getattr(user, "is_authenticated", False) and user.is_active)


def _role(user, relation):
    """The user's Officer/Assessor/Business, or None when they have no such role."""
    if not _active(user):
        return None
    try:
        return getattr(user, relation)
    except ObjectDoesNotExist:  # the reverse one-to-one is missing: the user has no such role
        return None


def officer_of(user):
    return _role(user, "officer")


def assessor_of(user):
    assessor = _role(user, "assessor")
    return assessor if assessor is not None and assessor.active else None


def business_of(user):
    return _role(user, "business")


def is_superuser(user):
    return _active(user) and user.is_superuser


def is_city_officer(user):
    officer = officer_of(user)
    return bool(officer and officer.is_city)


def may_manage_api(user):
    """Only the city bureau issues and revokes API keys and sees webhook subscriptions and deliveries."""
    return is_superuser(user) or is_city_officer(user)


def may_edit_programme_settings(user):
    """Only the city bureau sets the programme's complaint deadlines and review threshold."""
    return is_superuser(user) or is_city_officer(user)


def is_staff_member(user):
    """Officers and assessors: their accounts do not apply for a business."""
    return officer_of(user) is not None or assessor_of(user) is not None


# --- scopes: what a user may see -------------------------------------------------------------------


def _region_scope(user, field):
    """Q for an officer: everything (the city) or the rows whose `field` is their county."""
    officer = officer_of(user)
    if officer is None:
        return None
    return Q() if officer.is_city else Q(**{field: officer.region_id})


def business_scope(user, prefix=""):
    """Q over Business (or, with prefix="business__", over a model pointing at one)."""
    if is_superuser(user):
        return Q()
    officer_q = _region_scope(user, f"{prefix}region_id")
    if officer_q is not None:
        return officer_q
    business = business_of(user)
    return Q(**{f"{prefix}pk": business.pk}) if business else NOTHING


def application_scope(user, prefix=""):
    """Q over Application (or, with a prefix such as "application__", over a model pointing at one)."""
    if is_superuser(user):
        return Q()
    officer_q = _region_scope(user, f"{prefix}business__region_id")
    if officer_q is not None:
        return officer_q
    q = NOTHING
    business = business_of(user)
    if business:
        q |= Q(**{f"{prefix}business_id": business.pk})
    assessor = assessor_of(user)
    if assessor:
        # a subquery rather than a join, so that no row is repeated and no DISTINCT is needed
        assigned = assessor.assignments.filter(status__in=OPEN_ASSIGNMENT_STATUSES).values("application_id")
        q |= Q(**{f"{prefix}pk__in": assigned})
    return q


def assignment_scope(user):
    """Q over Assignment: an assessor's own assignments, not those they declined."""
    assessor = assessor_of(user)
    if assessor is None:
        return NOTHING
    return Q(assessor=assessor, status__in=OPEN_ASSIGNMENT_STATUSES)


def document_scope(user):
    """Q over Document. An application's own evidence: whoever may open the application (its assessors
    too). Evidence given after naming — of a self-check or a rectification answer — belongs to that matter:
    the officers in scope, the unit, and the assessors inspecting that self-check on site (not declined);
    not those who once scored the application (their part ended with the scores)."""
    after_naming = Q(campaign_unit__isnull=False) | Q(rectification__isnull=False)
    q = (application_scope(user, prefix="application__") & ~after_naming) | (
        _officers_and_owner(user, "application__") & after_naming
    )
    assessor = assessor_of(user)
    if assessor is not None:
        inspected = assessor.inspections.filter(status__in=OPEN_ASSIGNMENT_STATUSES).values("campaign_unit_id")
        q |= Q(campaign_unit__in=inspected)
    return q


def _officers_and_owner(user, prefix):
    """Q for rows about an application (through `prefix`): officers within their region (the city:
    all) and the business itself. Assessors do not count: their part is the scores."""
    if is_superuser(user):
        return Q()
    officer_q = _region_scope(user, f"{prefix}business__region_id")
    if officer_q is not None:
        return officer_q
    business = business_of(user)
    return Q(**{f"{prefix}business_id": business.pk}) if business else NOTHING


def certificate_scope(user):
    """Q over Certificate, for downloads from the signed-in area: officers within their region (the
    city: all), an applicant its own. Assessors' assignments do not count: their part ends with the
    scores, and a named unit's certificate is public through its verification link anyway."""
    return _officers_and_owner(user, "application__")


def campaign_unit_scope(user):
    """Q over CampaignUnit (a unit's yearly re-evaluation): officers of its county (the city: all) and
    the unit itself."""
    return _officers_and_owner(user, "application__")


def rectification_scope(user):
    """Q over Rectification: officers of the unit's county (the city: all) and the unit itself."""
    return _officers_and_owner(user, "application__")


def inspection_scope(user):
    """Q over Inspection: an assessor's own on-site inspections, not those they declined."""
    assessor = assessor_of(user)
    if assessor is None:
        return NOTHING
    return Q(assessor=assessor, status__in=OPEN_ASSIGNMENT_STATUSES)


def complaint_scope(user):
    """Q over Complaint: the officers in charge of the unit's county (the city: all counties).

    Complainants' names and phone numbers are in these rows: applicants and assessors never see them."""
    if is_superuser(user):
        return Q()
    officer_q = _region_scope(user, "application__business__region_id")
    return NOTHING if officer_q is None else officer_q


def complaint_evidence_scope(user):
    """Q over ComplaintEvidence: the same officers as the complaint."""
    if is_superuser(user):
        return Q()
    officer_q = _region_scope(user, "complaint__application__business__region_id")
    return NOTHING if officer_q is None else officer_q


def objection_scope(user):
    """Q over Objection: the officers in charge of the candidate's county."""
    if is_superuser(user):
        return Q()
    officer_q = _region_scope(user, "application__business__region_id")
    return NOTHING if officer_q is None else officer_q


# --- predicates for transitions: (application, user) -> bool ----------------------------------------


def is_applicant(application, user):
    business = business_of(user)
    return bool(business and business.pk == application.business_id)


def is_reviewing_officer(application, user):
    """Officer whose scope covers the applying business (county bureau, or the city)."""
    officer = officer_of(user)
    return bool(officer and officer.covers(application.business.region_id))


def is_naming_body(application, user):
    """The body that names the unit at its level, and alone may revoke its title: the city bureau for
    city-level units, the unit's county bureau for county-level ones (not the city)."""
    officer = officer_of(user)
    if not officer:
        return False
    if application.level == "city":
        return officer.is_city
    return not officer.is_city and officer.region_id == application.business.region_id


def handles_complaint(complaint, user):
    """An officer whose scope covers the unit complained about (its county bureau, or the city)."""
    if is_superuser(user):
        return True
    officer = officer_of(user)
    return bool(officer and officer.covers(complaint.application.business.region_id))


def officer_covers(user, region_id):
    """The user is an officer whose scope covers the county (or a superuser): rows of the 12315 import
    outside it are reported, not imported."""
    if is_superuser(user):
        return True
    officer = officer_of(user)
    return bool(officer and officer.covers(region_id))


def import_scope(user):
    """Q over ComplaintImport: an officer's own imports (the city: every import)."""
    if is_superuser(user) or is_city_officer(user):
        return Q()
    return Q(imported_by=user) if officer_of(user) is not None else NOTHING


def nobody(application, user):
    """Transitions the system makes by itself (all scores in, validity over)."""
    return False

