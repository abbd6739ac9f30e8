from django import template

from ..selectors.public import programme_counts as _programme_counts

register = template.Library()


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


@register.filter
def yuan(value):
    """A sum of money in whole yuan with thousands separators (1,137,000), or — when unknown."""
    try:
        return f"{round(value):,}"
    except (TypeError, ValueError):
        return "—"
