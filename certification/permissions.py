"""Who may see and do what. Each role's scope is expressed once, here.

* applicant: the business whose `owner` is the user
* officer: `Officer.region`; 商洛市 (city) covers every county
* assessor: only applications they are assigned to (and did not decline)

Query scopes return Q objects so that querysets, views, file downloads and the admin share them.
Permission functions for transitions take (application, user) as django-fsm expects.
"""

from django.db.models import Exists, OuterRef, Q

NOTHING = Q(pk__in=[])


def officer_of(user):
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return None
    try:
        return user.officer
    except Exception:  # RelatedObjectDoesNotExist
        return None


def assessor_of(user):
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return None
    try:
        assessor = user.assessor
    except Exception:
        return None
    return assessor if assessor.active else None


def business_of(user):
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return None
    try:
        return user.business
    except Exception:
        return None


def is_city_officer(user):
    officer = officer_of(user)
    return bool(officer and officer.is_city)


def _sees_everything(user):
    return bool(getattr(user, "is_authenticated", False) and user.is_active and user.is_superuser)


def business_scope(user, prefix=""):
    """Q over Business (or, with prefix="business__", over a model pointing at one)."""
    if _sees_everything(user):
        return Q()
    officer = officer_of(user)
    if officer:
        return Q() if officer.is_city else Q(**{f"{prefix}region_id": officer.region_id})
    business = business_of(user)
    if business:
        return Q(**{f"{prefix}pk": business.pk})
    return NOTHING


def application_scope(user, prefix=""):
    """Q over Application: what the user may open."""
    if _sees_everything(user):
        return Q()
    officer = officer_of(user)
    if officer:
        return Q() if officer.is_city else Q(**{f"{prefix}business__region_id": officer.region_id})
    q = NOTHING
    business = business_of(user)
    if business:
        q |= Q(**{f"{prefix}business_id": business.pk})
    assessor = assessor_of(user)
    if assessor:
        from .models import Assignment

        # EXISTS rather than a join, so that no row is repeated and no DISTINCT is needed
        q |= Q(Exists(Assignment.objects.filter(assignment_scope(user), application=OuterRef(f"{prefix}pk"))))
    return q


def assignment_scope(user):
    """Q over Assignment: an assessor's own assignments, not those they declined."""
    assessor = assessor_of(user)
    if assessor is None:
        return NOTHING
    from .models import Assignment

    return Q(assessor=assessor, status__in=Assignment.OPEN_TO_ASSESSOR)


# --- transition permissions: (application, user) -> bool ------------------------------------


def is_applicant(application, user):
    business = business_of(user)
    return bool(business and business.pk == application.business_id)


def is_reviewing_officer(application, user):
    """Officer whose scope covers the applying business (county bureau, or the city)."""
    officer = officer_of(user)
    return bool(officer and officer.covers(application.business.region_id))


def is_naming_officer(application, user):
    """County-level units are named by their county bureau (or the city); city-level by the city."""
    officer = officer_of(user)
    if not officer:
        return False
    if application.level == "city":
        return officer.is_city
    return officer.covers(application.business.region_id)


def is_city(application, user):
    return is_city_officer(user)


def nobody(application, user):
    """Transitions the system makes by itself (all scores in, validity over)."""
    return False
