"""The directory search as it was before issue 14 (main at 045f597), the baseline of `search_quality`.

The query is matched as one contiguous string: any part of the name or address, the name's full
pinyin or initials for input with Latin letters; ranked exact, prefix, inside, address only, then
newest named. The application's copies now hold the normalised forms, so this reads the business's
own columns (lower-cased here, as the old copies were).
"""

import re

from django.db.models import Case, IntegerField, Q, Value, When
from django.db.models.functions import Lower
from pypinyin import Style, lazy_pinyin

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_SPACES = re.compile(r"\s+")
_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_LATIN = re.compile(r"[A-Za-z]")
ORDER = ["old_rank", "-named_on", "-certificate__valid_until", "-pk"]


def _keys(term):
    text = _SPACES.sub(" ", _CONTROL.sub("", str(term or ""))).strip()[:40]
    if not text:
        return None
    if not _LATIN.search(text):
        return text, None, None
    compact = text.replace(" ", "")
    if _HAN.search(compact):
        full = "".join(lazy_pinyin(compact, errors="default")).lower()
        initials = "".join(lazy_pinyin(compact, style=Style.FIRST_LETTER, errors="default")).lower()
    else:
        full = initials = compact.lower()
    return text, full, initials


def _match(text, full, initials, how):
    suffix = "" if how == "exact" else f"__{how}"
    q = Q(**{f"old_name{suffix}": text.lower()})
    if full:
        q |= Q(**{f"business__name_pinyin{suffix}": full}) | Q(**{f"business__name_initials{suffix}": initials})
    return q


def search_units(queryset, term):
    """The old filter and ranking (alias `old_rank`); order by ORDER."""
    keys = _keys(term)
    if keys is None:
        return queryset
    text, full, initials = keys
    queryset = queryset.alias(old_name=Lower("business__name"), old_address=Lower("business__address"))
    inside = _match(text, full, initials, "contains")
    rank = Case(
        When(_match(text, full, initials, "exact"), then=Value(0)),
        When(_match(text, full, initials, "startswith"), then=Value(1)),
        When(inside, then=Value(2)), default=Value(3), output_field=IntegerField(),
    )
    matches = inside
    if full is None or _HAN.search(text) or any(ch.isdigit() for ch in text):
        matches |= Q(old_address__contains=text.lower())
    return queryset.filter(matches).alias(old_rank=rank)
