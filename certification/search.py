"""Search in the public directory: how people type, and the copies it is compared against.

**Normalisation** (`fold`), the same for the query and for the stored copies: Unicode NFKC (full-width
letters, digits and brackets become half-width), traditional → simplified Chinese (OpenCC `t2s`), lower
case, accents dropped (tone marks; ü becomes u). Then only letters and digits are compared: punctuation
and spaces are dropped from the text, and the pinyin keeps its syllables apart, so "xi'an", "xi-an" and
"xian" all read as pinyin. In pinyin, v (how ü is typed) reads as u as well: "nvzhuang", "nüzhuang" and
"nuzhuang" all find 女装.

**Stored copies** (`copies`, kept on each application as `Application.search_*`, refreshed by
`refresh_copies(business)` whenever a business changes):

- `search_name`: the folded name, letters and digits only ("商洛市华润万家超市有限公司");
- `search_address`: the folded address, the county's name and its short name's pinyin
  ("…北新街88号|商州区| shang zhou ");
- `search_pinyin`: the name's syllables between spaces (" shang luo shi hua run wan jia … "), so that a
  query's syllables are matched from the start of a syllable, never from inside one;
- `search_initials`: the syllables' first letters ("slshrwjcsyxgs").

**A query** is split into words at spaces and list punctuation (、，;/|+); a Chinese word that starts or ends
with a place name of 商洛 is split there too ("柞水移动" → 柞水 + 移动). A Latin word is read as pinyin
syllables (all the ways it can be, a few at most; the last syllable may be cut short while typing) and as
initials. Queries shaped like a 统一社会信用代码 or a certificate number go to that unit or to the
verification page instead (`uscc_typed` here; where they lead: selectors.public.search_target).

**Tiers** (`search_rank`, best first), then earlier match position, shorter names, city level before county:

0. exact: the whole query is the name (or all its pinyin, or all its initials);
1. prefix: the name starts with the whole query;
2. the whole query is inside the name (or its pinyin, or its initials);
3. every word is in the name or the address/county, at least one in the name ("丹凤 酒店");
4. the same, a word's characters also counting when they appear in order ("商洛华润" → 商洛市华润万家…);
5. same sound: a Chinese word's full pinyin is in the name's pinyin (a typo with the right sound);
   never through initials alone, which collide;
6. address or county only.

A query of one character or one letter matches names only: a character anywhere in the name, a letter
at the start of its pinyin (or in a Latin name).

Everything is plain LIKE, = and portable functions (LENGTH, SUBSTR, REPLACE; INSTR or STRPOS) on the
copies, so SQLite and PostgreSQL give the same results, within the page's usual queries.
"""


import itertools
import re
import unicodedata
from dataclasses import dataclass
from functools import cache

from django.db.models import BooleanField, IntegerField, Value
from django.db.models.expressions import RawSQL

from .reference_data import rows

MAX_CHARS = 40  # of the query, as typed
MAX_WORDS = 6
MAX_READINGS = 3  # ways to read one Latin word as pinyin syllables
COPY_LENGTHS = {"search_name": 300, "search_address": 500, "search_pinyin": 1000, "search_initials": 300}
RELEVANCE = ["search_rank", "search_position", "search_length", "search_level", "-named_on", "pk"]
NO_POSITION = 999

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_SPACES = re.compile(r"\s+")
_WORD_BREAKS = re.compile(r"[\s,、;/|+]+")  # after NFKC: full-width ，；／｜＋ and the ideographic space too
_HAN_CHARS = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
_HAN = re.compile(f"[{_HAN_CHARS}]")
_RUNS = re.compile(f"(?P<han>[{_HAN_CHARS}]+)|(?P<latin>[a-z]+)|(?P<digits>[0-9]+)")
_TONE_NUMBERS = re.compile(r"(?:[a-z]+[1-5])+[a-z]*")
_USCC_SHAPE = re.compile(r"[0-9A-Z]{2}[0-9]{6}[0-9A-Z]{10}")


# --- normalisation ---------------------------------------------------------------------------------


@cache
def _t2s():
    import opencc

    return opencc.OpenCC("t2s")


def fold(text):
    """NFKC, traditional → simplified, lower case, without accents (tone marks, the dots of ü)."""
    text = _t2s().convert(unicodedata.normalize("NFKC", str(text or ""))).lower()
    text = "".join(ch for ch in unicodedata.normalize("NFD", text) if not unicodedata.combining(ch))
    return unicodedata.normalize("NFC", text)


def _letters_and_digits(text):
    return "".join(ch for ch in text if unicodedata.category(ch)[0] in "LN")


def _v_as_u(text):
    return text.replace("v", "u")


def clean_term(term):
    """The user's search text without control characters, collapsed spaces, capped in length."""
    term = _CONTROL.sub("", str(term or ""))
    return _SPACES.sub(" ", term).strip()[:MAX_CHARS]


@cache
def _syllables():
    """Every toneless pinyin syllable (ü as u), from pypinyin's own dictionary; interjections without a
    vowel (m, n, ng, hm) are left out, or nearly any string of letters would read as pinyin."""
    from pypinyin.contrib.tone_convert import to_normal
    from pypinyin.pinyin_dict import pinyin_dict

    toned = {reading for readings in pinyin_dict.values() for reading in readings.split(",")}  # ~1,500
    found = set()
    for reading in toned:
        syllable = _v_as_u(to_normal(reading))
        if syllable.isascii() and syllable.isalpha() and any(v in syllable for v in "aeiou"):
            found.add(syllable)
    prefixes = {s[:n] for s in found for n in range(1, len(s) + 1)}
    return frozenset(found), frozenset(prefixes)


def _unlikeliness(syllables):
    return sum(1 for s in syllables if s in "aeo"), sum(1 for s in syllables if s[0] in "aeo"), len(syllables)


def _readings(letters, last):
    """The likeliest ways to read `letters` as pinyin syllables, at most MAX_READINGS: [(syllables,
    complete)]. Only the readings with the fewest bare a/o/e syllables are kept ("hu a run" is not
    meant); then fewest syllables starting with a vowel (written after an apostrophe, which phone
    typists leave out: "xian" is 县 first, then 西安), then fewest syllables. Only when no reading of
    whole syllables exists, and only for the query's last letters, may the last syllable be cut short
    ("huarunw")."""
    whole, prefixes = _syllables()

    def ways(partial):
        memo = {}

        def from_(i):
            if i == len(letters):
                return [()]
            if i not in memo:
                found = []
                for j in range(i + 1, min(len(letters), i + 6) + 1):
                    piece = letters[i:j]
                    if piece in whole:
                        found += [(piece, *rest) for rest in from_(j)]
                    elif partial and j == len(letters) and piece in prefixes:
                        found.append((piece,))
                memo[i] = sorted(found, key=_unlikeliness)[:MAX_READINGS]
            return memo[i]

        return from_(0)

    complete = ways(partial=False)
    found = [(reading, True) for reading in complete] if complete or not last else [
        (reading, False) for reading in ways(partial=True)]
    fewest = min((_unlikeliness(reading)[0] for reading, _ in found), default=0)
    return [(reading, done) for reading, done in found if _unlikeliness(reading)[0] == fewest]


def _han_syllables(han):
    from pypinyin import lazy_pinyin

    return [_v_as_u(s) for s in lazy_pinyin(han) if s]


def _tokens(folded):
    """The stored pinyin of a folded text: Chinese as syllables (pypinyin, reading each run of
    characters in context), other letters and digits as they are: [(token, initial)]."""
    tokens = []
    for run in _RUNS.finditer(folded):
        if run["han"]:
            tokens += [(s, s[:1]) for s in _han_syllables(run["han"])]
        else:
            token = _v_as_u(run.group())
            tokens.append((token, token))
    return tokens


# --- the stored copies -------------------------------------------------------------------------------


def _short_place(name):
    """柞水县 → 柞水: how people name a county."""
    return name[:-1] if len(name) > 2 and name[-1] in "市县区" else name


def copies(name, address, county=""):
    """The search copies of a business (Application.search_*), from its name, address and county name."""
    folded = fold(name)
    tokens = _tokens(folded)
    county = _letters_and_digits(fold(county))
    county_pinyin = " " + " ".join(token for token, _ in _tokens(_short_place(county))) + " " if county else ""
    values = {
        "search_name": _letters_and_digits(folded),
        "search_address": "|".join(filter(None, [_letters_and_digits(fold(address)), county, county_pinyin])),
        "search_pinyin": " " + " ".join(token for token, _ in tokens) + " ",
        "search_initials": "".join(initial for _, initial in tokens),
    }
    return {field: value[:COPY_LENGTHS[field]] for field, value in values.items()}


def copies_for(business):
    return copies(business.name, business.address, business.region.name if business.region_id else "")


# --- a query ------------------------------------------------------------------------------------------


@cache
def _places():
    """商洛's place names, full and short (柞水县, 柞水), longest first, to split "柞水移动" apart."""
    names = set()
    for row in rows("regions.csv"):
        name = fold(row["name"])
        names.update((name, _short_place(name)))
    return tuple(sorted(names, key=len, reverse=True))


def _split_places(text):
    """A Chinese word starting or ending with a place name, split there; the rest keeps 2+ characters."""
    head, tail = [], []
    while True:
        place = next((p for p in _places() if text.startswith(p) and len(text) - len(p) >= 2), None)
        if place is None:
            break
        head.append(place)
        text = text[len(place):]
    place = next((p for p in _places() if text.endswith(p) and len(text) - len(p) >= 2), None)
    if place:
        text, tail = text[: -len(place)], [place]
    return [*head, text, *tail]


@dataclass(frozen=True)
class Word:
    """One word of a query, with what each tier compares."""

    text: str  # letters and digits, folded: compared with the name and the address
    pinyin: tuple = ()  # " hua run ": in the name's pinyin (Latin words: a strong match); " hua run w" when cut short
    complete: tuple = ()  # the readings of whole syllables (for an exact match)
    initials: str = ""  # in the name's initials (words with Latin letters)
    sound: str = ""  # a Chinese word's pinyin (" hua run "): the same-sound tier
    in_order: str = ""  # a LIKE pattern of its characters in order: "%商%洛%华%润%"

    @property
    def single(self):
        return len(self.text) == 1

    @property
    def latin(self):
        return bool(self.pinyin or self.initials)


def _strip_tone_numbers(raw):
    """"shang1luo4" → "shangluo", when every number follows a whole syllable."""
    if not _TONE_NUMBERS.fullmatch(raw):
        return raw
    whole, _ = _syllables()
    if all(_v_as_u(s) in whole for s in re.findall(r"[a-z]+(?=[1-5])", raw)):
        return re.sub(r"[1-5]", "", raw)
    return raw


def analyse_word(raw):
    """A Word from one folded word as typed ("huarun", "xi'an", "华润wj", "１２号" after folding)."""
    raw = _strip_tone_numbers(raw)
    text = _letters_and_digits(raw)
    if not text:
        return None
    runs = [(run.lastgroup, run.group()) for run in _RUNS.finditer(raw)]
    has_latin = any(kind == "latin" for kind, _ in runs)
    has_han = any(kind == "han" for kind, _ in runs)
    if len(text) == 1:
        return Word(text=text, initials=_v_as_u(text) if has_latin else "")
    options, initials = [], ""
    for i, (kind, run) in enumerate(runs):
        if kind == "han":
            syllables = _han_syllables(run)
            options.append([(tuple(syllables), True)])
            initials += "".join(s[:1] for s in syllables)
        elif kind == "digits":
            options.append([((run,), True)])
            initials += run
        else:
            options.append(_readings(_v_as_u(run), last=i == len(runs) - 1))
            initials += _v_as_u(run)
    readings = []
    if all(options):
        combos = itertools.islice(itertools.product(*options), 64)
        for combo in sorted(combos, key=lambda combo: _unlikeliness([s for part, _ in combo for s in part]))[
                :MAX_READINGS]:
            complete = all(done for _, done in combo)
            # whole syllables end at a space: " xian " is 县, never the start of " xiang "
            key = " " + " ".join(s for part, _ in combo for s in part) + (" " if complete else "")
            readings.append((key, complete))
    if has_latin:
        return Word(
            text=text,
            pinyin=tuple(key for key, _ in readings),
            complete=tuple(key for key, done in readings if done),
            initials=initials if len(initials) >= 2 else "",
        )
    chinese = sum(1 for ch in text if _HAN.match(ch))
    return Word(
        text=text,
        sound=readings[0][0] if has_han and chinese >= 2 and readings else "",
        in_order="%" + "%".join(text) + "%" if chinese and len(text) >= 2 else "",
    )


@dataclass(frozen=True)
class Query:
    phrase: Word  # the whole query, its words run together
    words: tuple  # its words (place names split off), at most MAX_WORDS


def analyse(term):
    """The Query for a search text, or None when it holds nothing to search for."""
    typed = [w for w in _WORD_BREAKS.split(fold(clean_term(term))) if w]
    words = []
    for raw in typed:
        word = analyse_word(raw)
        if word is None:
            continue
        if not word.latin and not word.single and _HAN.search(word.text):
            words += [analyse_word(part) for part in _split_places(word.text)]
        else:
            words.append(word)
    words = tuple(dict.fromkeys(w for w in words if w is not None))[:MAX_WORDS]
    if not words:
        return None
    phrase = analyse_word("'".join(typed)) if len(typed) > 1 else analyse_word(typed[0])
    return Query(phrase=phrase, words=words)


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
    from django.db import connections

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


# --- identifiers --------------------------------------------------------------------------------------


def uscc_typed(term):
    """The 统一社会信用代码 a query is shaped like (NFKC, upper case, without spaces and hyphens), or None.
    (Certificate numbers are recognised by services.certificate_pdf.parse_number; where either leads is
    selectors.public.search_target: this module imports nothing of the domain.)"""
    compact = re.sub(r"[\s\-]", "", unicodedata.normalize("NFKC", clean_term(term))).upper()
    return compact if _USCC_SHAPE.fullmatch(compact) else None
