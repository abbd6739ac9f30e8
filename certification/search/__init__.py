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

from .query import analyse, uscc_typed
from .sql import filter_units
from .text import COPY_LENGTHS, MAX_CHARS, RELEVANCE, clean_term, copies, copies_for, fold

__all__ = ["COPY_LENGTHS", "MAX_CHARS", "RELEVANCE", "analyse", "clean_term", "copies", "copies_for", "filter_units",
           "fold", "uscc_typed"]
