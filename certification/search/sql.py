"""The search as SQL: tiers, match position and the filter, the same on SQLite and PostgreSQL."""

from dataclasses import dataclass

from django.db import connections
from django.db.models import BooleanField, IntegerField, Value
from django.db.models.expressions import RawSQL

from .query import analyse
from .text import COPY_LENGTHS, NO_POSITION, RELEVANCE, clean_term

# --- SQL ----------------------------------------------------------------------------------------------
#
# The conditions are written as SQL here rather than as Q objects: a query of a few words has some
# fifty of them, and Django took longer to resolve and compile them than the database took to run
# them. Every value compared is letters, digits and spaces (see fold), so no LIKE wildcard or escape
# character can come from the query; the only difference between SQLite and PostgreSQL is the name
# of the function that finds a substring (INSTR / STRPOS).


@dataclass(frozen=True)
class Sql:
    """A piece of SQL with %s placeholders and its parameters."""

    text: str
    params: tuple = ()

    def __or__(self, other):
        return _join(" OR ", [self, other])

    def __and__(self, other):
        return _join(" AND ", [self, other])


FALSE = Sql("1 = 0")


def _join(operator_, parts):
    parts = [p for p in parts if p is not None]
    if not parts:
        return None
    if len(parts) == 1:
        return parts[0]
    return Sql("(" + operator_.join(p.text for p in parts) + ")", tuple(x for p in parts for x in p.params))


def _any(parts):
    return _join(" OR ", list(parts)) or FALSE


def _all(parts):
    return _join(" AND ", list(parts))


class _Columns:
    """The search copies' column names, qualified with the applications table."""

    def __init__(self, model, connection):
        table = connection.ops.quote_name(model._meta.db_table)
        for field in COPY_LENGTHS:
            setattr(self, field.removeprefix("search_"), f"{table}.{connection.ops.quote_name(field)}")
        self.level = f"{table}.{connection.ops.quote_name('level')}"
        self.find = "STRPOS" if connection.vendor == "postgresql" else "INSTR"


def _compare(column, value, how):
    pattern = {"exact": "{}", "startswith": "{}%", "contains": "%{}%", "like": "{}"}[how].format(value)
    return Sql(f"{column} {'=' if how == 'exact' else 'LIKE'} %s", (pattern,))


class _Builder:
    """The conditions and expressions of one query, as Sql."""

    def __init__(self, query, columns):
        self.query, self.c = query, columns

    def name(self, word, how, single=False):
        """The word is the name / starts it / is inside it (how = exact, startswith, contains), as text,
        pinyin or initials. A one-letter query matches the start of the initials only."""
        c = self.c
        parts = [_compare(c.name, word.text, how)]
        for key in word.complete if how == "exact" else word.pinyin:
            parts.append(_compare(c.pinyin, key, how))
        if word.initials:
            parts.append(_compare(c.initials, word.initials, "startswith" if single and how == "contains" else how))
        return _any(parts)

    def in_order(self, word):
        return _compare(self.c.name, word.in_order, "like") if word.in_order else None

    def sound(self, word):
        return _compare(self.c.pinyin, word.sound, "contains") if word.sound else None

    def place(self, word):
        """The word is in the address or the county's name (a Latin word: in the county's pinyin, from
        the start of a syllable, so that "xian" does not match every 县)."""
        if word.single:
            return None
        keys = list(word.pinyin)
        if not (word.pinyin and word.text.isalpha() and word.text.isascii()):  # pinyin is not in an address
            keys.insert(0, word.text)
        return _any(_compare(self.c.address, key, "contains") for key in keys)

    def conditions(self):
        """(filter, [(condition, tier)]), the tiers in order: each is tested only when those before failed."""
        phrase, words = self.query.phrase, self.query.words
        single = phrase.single and len(words) == 1
        exact, prefix, inside = (self.name(phrase, how, single) for how in ("exact", "startswith", "contains"))
        tiers = [(exact, 0), (prefix, 1), (inside, 2)]
        if single:
            return inside, tiers
        strong = [self.name(w, "contains") for w in words]
        in_order = [self.in_order(w) for w in words]
        sound = [self.sound(w) for w in words]
        place = [self.place(w) for w in words]
        # a word's characters in order include the word itself: the filter needs only the first
        reach = [o if o is not None else n for n, o in zip(strong, in_order, strict=True)]
        each = _all(_any(parts) for parts in zip(reach, sound, place, strict=True))
        if words == (phrase,):  # one word: not inside the name, so only the lower tiers are left
            return each, [*tiers, (in_order[0], 4), (sound[0], 5)]
        tiers.append((_all(_any([n, p]) for n, p in zip(strong, place, strict=True)) & _any(strong), 3))
        if any(in_order):
            tiers.append((
                _all(_any([n, o, p]) for n, o, p in zip(strong, in_order, place, strict=True))
                & _any([*strong, *in_order]),
                4,
            ))
        # past tier 4, a word that matches the name only by its sound is what sets tier 5 apart from 6
        tiers.append((_any(sound) if any(sound) else None, 5))
        return inside | each, tiers

    def rank(self, tiers):
        return _case([(condition, Sql(str(tier))) for condition, tier in tiers], Sql("6"))

    def position(self):
        """Where the match starts in the name, in characters (syllables for pinyin): the whole query's,
        else its first word's, else its first character's."""
        c, whens = self.c, []
        for word in dict.fromkeys((self.query.phrase, self.query.words[0])):
            whens.append((_compare(c.name, word.text, "contains"), Sql(f"{c.find}({c.name}, %s)", (word.text,))))
            whens += [(_compare(c.pinyin, key, "contains"), self.syllable_at(key)) for key in word.pinyin]
            if word.initials:
                whens.append((_compare(c.initials, word.initials, "contains"),
                              Sql(f"{c.find}({c.initials}, %s)", (word.initials,))))
        first = self.query.phrase.text[0]
        whens.append((_compare(c.name, first, "contains"), Sql(f"{c.find}({c.name}, %s)", (first,))))
        return _case(whens, Sql(str(NO_POSITION)))

    def syllable_at(self, key):
        """Which syllable of the stored pinyin `key` starts at (1-based): the spaces up to it."""
        upto = f"SUBSTR({self.c.pinyin}, 1, {self.c.find}({self.c.pinyin}, %s))"
        return Sql(f"(LENGTH({upto}) - LENGTH(REPLACE({upto}, ' ', '')))", (key, key))


def _case(whens, default):
    whens = [(condition, then) for condition, then in whens if condition is not None]
    if not whens:
        return default
    text = " ".join(f"WHEN {condition.text} THEN {then.text}" for condition, then in whens)
    params = tuple(x for condition, then in whens for x in (*condition.params, *then.params))
    return Sql(f"CASE {text} ELSE {default.text} END", params + default.params)


def filter_units(queryset, term):
    """Filter an Application queryset by the query; adds the aliases RELEVANCE orders by."""

    if not clean_term(term):
        return queryset
    query = analyse(term)
    if query is None:  # only punctuation or symbols: nothing can match
        return queryset.none().alias(**{name: Value(0) for name in RELEVANCE if name.startswith("search_")})
    model = queryset.model
    c = _Columns(model, connections[queryset.db])
    build = _Builder(query, c)
    matches, tiers = build.conditions()
    rank, position = build.rank(tiers), build.position()
    connection = connections[queryset.db]
    if connection.vendor == "sqlite":
        # On SQLite the LIKEs run in a subquery over the applications table alone: a plain scan,
        # instead of a row lookup per unit in force through the directory's index (half the time).
        # PostgreSQL scans the table anyway and takes longer with the subquery.
        pk, table = (connection.ops.quote_name(name) for name in (model._meta.pk.column, model._meta.db_table))
        queryset = queryset.filter(pk__in=RawSQL(f"SELECT {table}.{pk} FROM {table} WHERE {matches.text}",
                                                 matches.params))
    else:
        queryset = queryset.filter(RawSQL(matches.text, matches.params, output_field=BooleanField()))
    return queryset.alias(
        search_rank=RawSQL(rank.text, rank.params, output_field=IntegerField()),
        search_position=RawSQL(position.text, position.params, output_field=IntegerField()),
        search_length=RawSQL(f"LENGTH({c.name})", (), output_field=IntegerField()),
        search_level=RawSQL(f"CASE WHEN {c.level} = %s THEN 0 ELSE 1 END", ("city",), output_field=IntegerField()),
    )


