from django import template
from wagtail.admin.templatetags.wagtailuserbar import wagtailuserbar
from wagtail.models import Page

from ..models import reevaluation
from ..selectors.public import programme_counts as _programme_counts

register = template.Library()


@register.filter
def self_check_answer(veto, meets):
    """{{ indicator.veto|self_check_answer:entry.meets }}: the answer in the words the self-check offered."""
    return reevaluation.self_check_answer(veto, meets)


@register.filter
def get_item(mapping, key):
    """{{ dict|get_item:key }} for keys that are not valid template identifiers."""
    if not hasattr(mapping, "get"):
        return None
    return mapping.get(key)


@register.simple_tag
def programme_counts():
    """{% programme_counts as counts %}: named units in force by level, and candidates on notice."""
    return _programme_counts()


@register.simple_tag(takes_context=True)
def cms_userbar(context):
    """Wagtail's editing bar on CMS pages only: elsewhere (the staff area) it would add ~1.2 MB of script and
    style to every page and float over the content."""
    if not isinstance(context.get("page"), Page):
        return ""
    return wagtailuserbar(context)


@register.filter
def yuan(value):
    """A sum of money in whole yuan with thousands separators (1,137,000), or — when unknown."""
    try:
        return f"{round(value):,}"
    except (TypeError, ValueError):
        return "—"


@register.filter
def person(user, absent="系统"):
    """{{ log.actor|person }}: who did it (full name, else user name), or `absent` when nobody is recorded — a
    step the system made, or an account deleted since (SET_NULL). Never a failed lookup (a 500) on None."""
    if user is None:
        return absent
    return user.get_full_name() or user.get_username()
