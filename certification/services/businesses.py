"""Writes of a business's profile, from the portal and the Wagtail admin alike.

The public search reads copies of the business's name, address, pinyin and initials kept on each of
its applications (Application.search_*); saving a profile here keeps them current.
"""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from ..models import Application, Business
from ..models.business import search_fields


def refresh_search_copies(business):
    """Copy the business's searchable text onto its applications."""
    Application.objects.filter(business=business).update(**search_fields(business))


@transaction.atomic
def register(user, **fields):
    """The applicant's business, registered by its owner (one per account)."""
    if Business.objects.filter(owner=user).exists():
        raise ValidationError("每个账号只能登记一家经营主体。")
    try:
        with transaction.atomic():
            return Business.objects.create(owner=user, **fields)
    except IntegrityError as exc:
        raise ValidationError({"uscc": "该统一社会信用代码已登记，请联系所在县区市场监督管理局。"}) from exc


@transaction.atomic
def save_profile(business):
    """Save a business edited in the portal's profile form. (The admin's edit view saves through
    Wagtail's own action, which logs the change, then calls refresh_search_copies too.)"""
    business.save()
    refresh_search_copies(business)
    return business
