"""A query read the way people type it: words, place names split off, Latin words as pinyin readings."""

import itertools
import re
import unicodedata
from dataclasses import dataclass
from functools import cache

from ..reference_data import rows
from .text import (
    _HAN,
    _RUNS,
    _TONE_NUMBERS,
    _USCC_SHAPE,
    _WORD_BREAKS,
    MAX_READINGS,
    MAX_WORDS,
    _han_syllables,
    _letters_and_digits,
    _readings,
    _short_place,
    _syllables,
    _unlikeliness,
    _v_as_u,
    clean_term,
    fold,
)

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



# --- identifiers --------------------------------------------------------------------------------------


def uscc_typed(term):
    """The 统一社会信用代码 a query is shaped like (NFKC, upper case, without spaces and hyphens), or None.
    (Certificate numbers are recognised by services.certificate_pdf.parse_number; where either leads is
    selectors.public.search_target: this module imports nothing of the domain.)"""
    compact = re.sub(r"[\s\-]", "", unicodedata.normalize("NFKC", clean_term(term))).upper()
    return compact if _USCC_SHAPE.fullmatch(compact) else None

