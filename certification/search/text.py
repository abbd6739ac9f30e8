"""Normalisation of the query and the stored copies, pinyin syllables, and the copies themselves."""

import re
import unicodedata
from functools import cache

import opencc
from pypinyin import lazy_pinyin
from pypinyin.contrib.tone_convert import to_normal
from pypinyin.pinyin_dict import pinyin_dict

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


