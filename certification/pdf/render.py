"""Render a 放心消费示范单位 certificate to an A4 landscape PDF with WeasyPrint.

Speed: median of 50 warm renders on the (busy) 2-core dev machine, plain
WeasyPrint with the system font ≈ 140 ms and 310 KB per certificate, this module
≈ 35 ms (short verify URL) to ≈ 43 ms (141-character URL, larger QR) and 36 KB.
That comes from four things:

* The CSS uses a pre-subset font, ``static/fonts/CertSerifSC-*.woff2`` (GB2312 +
  punctuation, ~7 600 glyphs, see ``static/fonts/README.md``).  WeasyPrint
  subsets the embedded font on every render; with the 25 MB system TTC (65 535
  glyphs) that subsetting and copying the font blob were most of the time, and
  WeasyPrint's "retain glyph ids" subsetting made the PDF large too.
* One ``FontConfiguration`` and one parsed ``weasyprint.CSS`` are reused across
  renders, so the @font-face fonts are loaded (and their woff2 decoded) once per
  process instead of once per certificate.
* The frame (borders, corner ornaments) is one static SVG page background,
  parsed once (shared image cache), instead of a dozen bordered CSS boxes; and
  the layout avoids flexbox and shrink-to-fit boxes, which cost 2–3 layout passes.
* The QR code is one inline SVG path (segno).

Characters missing from the shipped subset fall back to the system
"Noto Serif CJK SC" named next in the CSS font-family list.
"""

import re
import threading
import unicodedata
from dataclasses import dataclass
from datetime import date
from functools import cache, lru_cache
from pathlib import Path

import segno
from django.template.loader import render_to_string
from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration

from .fetcher import StaticOnlyFetcher

TEMPLATE_NAME = "certificates/certificate.html"
STATIC_DIR = Path(__file__).resolve().parents[2] / "static"
STYLESHEET = STATIC_DIR / "certificates" / "certificate.css"

# Unit-name size classes (see .unit.* in certificate.css), largest first:
# (class, max lines, max width per line in em).  The name box is 229 mm wide;
# the limits leave a little room, e.g. 30 pt ≈ 10.6 mm per CJK character.
_NAME_SIZES = (("xxl", 1, 12), ("xl", 2, 20), ("l", 2, 24), ("m", 2, 28),
               ("s", 2, 33), ("xs", 2, 40))
_MAX_NAME_EM = 140  # "xxs" fits ~49 em per line, three lines
_NAME_BREAK_AFTER = ("公司", "店", "）", ")", "·", " ")
_NO_BREAK_WORDS = ("有限公司", "有限责任公司", "股份", "分公司", "分店", "超市", "商店",
                   "药房", "药店", "酒店", "饭店", "餐厅", "宾馆", "农家乐", "专卖店")
_NO_LINE_START = "）)」』】，、。：；！？·"
_NO_LINE_END = "（(「『【"
# A switch to alphanumeric mode and back costs ~35 bits, so only for long runs.
_QR_ALNUM_RUN = re.compile(r"[0-9A-Z $%*+\-./:]{16,}")
_ISSUER_SUFFIXES = ("市场监督管理局", "消费者协会", "人民政府")


def format_cn_date(value: date) -> str:
    """2020-12-01 → "2020年12月1日" (no zero padding, as in official documents)."""
    return f"{value.year}年{value.month}月{value.day}日"


@dataclass(frozen=True)
class CertificateData:
    number: str  # e.g. "商洛放心〔2020〕市字第001号"
    unit_name: str
    address: str
    level: str  # "city" | "county"
    level_label: str  # "市级" | "县区级"
    sector_label: str
    assurances: tuple[str, ...]  # 安全放心、质量放心、价格放心、服务放心、维权放心
    issuers: tuple[str, ...]  # ("商洛市市场监督管理局", "商洛市消费者协会")
    issued_on: date
    valid_until: date
    verify_url: str  # absolute URL encoded in the QR code
    year: int
    status: str = "valid"  # "valid" | "expired" | "revoked" | "superseded"
    revoked_on: date | None = None
    revoked_reason: str = ""

    @property
    def region_name(self) -> str:
        """The issuing region, from the first issuer: "柞水县市场监督管理局" → "柞水县"."""
        issuer = self.issuers[0] if self.issuers else ""
        for suffix in _ISSUER_SUFFIXES:
            if issuer.endswith(suffix) and len(issuer) > len(suffix):
                return issuer.removesuffix(suffix)
        return "商洛市" if self.level == "city" else ""

    @property
    def honor_title(self) -> str:
        """"商洛市市级放心消费示范单位" / "柞水县放心消费示范单位" (a county's title is county-level)."""
        if self.level == "city":
            return f"{self.region_name}{self.level_label}放心消费示范单位"
        return f"{self.region_name}放心消费示范单位"


def _text_width(text: str) -> float:
    """Width in em: full-width (CJK) characters 1, everything else about half."""
    return sum(1.0 if unicodedata.east_asian_width(c) in "WF" else 0.55 for c in text)


def _split_name(name: str, max_em: float) -> list[str]:
    """Split a unit name that is too wide for one line into two balanced lines.

    A greedy browser wrap would leave an orphan of two or three characters;
    cut near the middle instead, preferably right after "有限公司", "）" and
    the like, never inside a run of Latin letters/digits or next to brackets
    and punctuation that must not start or end a line.
    """
    total = _text_width(name)
    if total <= max_em:
        return [name]

    inside_words = {start + k for word in _NO_BREAK_WORDS
                    for start in range(len(name)) if name.startswith(word, start)
                    for k in range(1, len(word))}

    def allowed(i: int) -> bool:  # cutting between name[i - 1] and name[i]
        before, after = name[i - 1], name[i]
        in_word = before.isascii() and before.isalnum() and after.isascii() and after.isalnum()
        return (not in_word and i not in inside_words
                and before not in _NO_LINE_END and after not in _NO_LINE_START)

    def cost(i: int) -> float:  # imbalance in em, natural breaks get a big bonus
        bonus = total / 4 if name[:i].endswith(_NAME_BREAK_AFTER) else 0
        return abs(_text_width(name[:i]) - total / 2) - bonus

    cuts = [i for i in range(1, len(name)) if allowed(i)
            and max(_text_width(name[:i]), _text_width(name[i:])) <= max_em]
    if not cuts:
        return [name]  # leave it to CSS wrapping
    cut = min(cuts, key=cost)
    return [name[:cut].rstrip(), name[cut:].lstrip()]


def _name_layout(name: str) -> tuple[str, list[str]]:
    """Pick the largest size class that fits the name, and split it into lines."""
    for size_class, max_lines, max_em in _NAME_SIZES:
        if _text_width(name) <= max_lines * max_em:
            return size_class, _split_name(name, max_em)
    # Absurdly long (over 80 CJK characters): small type, cut to three lines.
    return "xxs", [_truncate(name, _MAX_NAME_EM)]


def _truncate(text: str, max_em: float) -> str:
    width = 0.0
    for i, char in enumerate(text):
        width += _text_width(char)
        if width > max_em - 1:
            return text[:i] + "…"
    return text


def _qr_segments(url: str) -> list[str]:
    """Split ``url`` so runs like "%E5%95%86…" use QR alphanumeric mode.

    A percent-encoded Chinese query string is all upper-case hex, "%" and
    digits, which QR's alphanumeric mode stores in 5.5 bits a character instead
    of 8.  The decoded text is the same string; the symbol is one or two
    versions smaller, so faster to encode and to draw, and easier to scan.
    """
    parts, pos = [], 0
    for match in _QR_ALNUM_RUN.finditer(url):
        parts += [url[pos:match.start()], match.group()]
        pos = match.end()
    return [part for part in [*parts, url[pos:]] if part]


@lru_cache(maxsize=256)  # the same certificate is often downloaded again
def qr_svg(url: str) -> str:
    """Inline SVG (one path, no XML prolog) of a QR code for ``url``."""
    qr = segno.make_qr(_qr_segments(url), error="m")
    return qr.svg_inline(border=0, omitsize=True, dark="#1a1a1a")


def certificate_context(data: CertificateData) -> dict:
    name_class, name_lines = _name_layout(data.unit_name)
    return {
        "cert": data,
        "name_class": name_class,
        "name_lines": name_lines,
        "issued_on": format_cn_date(data.issued_on),
        "valid_until": format_cn_date(data.valid_until),
        "revoked_on": format_cn_date(data.revoked_on) if data.revoked_on else "",
        "qr_svg": qr_svg(data.verify_url),  # generated here: the only |safe value
    }


def render_certificate_html(data: CertificateData) -> str:
    """The certificate as HTML (without the stylesheet, which is applied separately)."""
    return render_to_string(TEMPLATE_NAME, certificate_context(data))


@cache
def _shared_resources() -> tuple[FontConfiguration, CSS, StaticOnlyFetcher]:
    """Font configuration, parsed stylesheet and fetcher, built once per process.

    Parsing the CSS registers its @font-face fonts in the font configuration,
    so both must be kept together and used together.
    """
    fetcher = StaticOnlyFetcher(STATIC_DIR)
    font_config = FontConfiguration()
    stylesheet = CSS(filename=STYLESHEET, url_fetcher=fetcher, font_config=font_config)
    return font_config, stylesheet, fetcher


# Fontconfig/Pango objects in the shared FontConfiguration are not documented as
# thread-safe; renders are short, so serialise them within a process.
_render_lock = threading.Lock()
# WeasyPrint's image cache, keyed by URL; only ever holds static/certificates/frame.svg.
_image_cache: dict = {}


def warm_up() -> None:
    """Do the one-off work now (e.g. at worker start), not in the first request.

    Loads the fonts and CSS and renders one throw-away certificate, which also
    fills the image cache and WeasyPrint's per-font caches (~0.2 s in all).
    """
    render_certificate_pdf(CertificateData(
        number="商洛放心〔2020〕市字第000号", unit_name="商洛市示范超市有限公司商州区北新街分店",
        address="商洛市商州区北新街1号",
        level="city", level_label="市级", sector_label="商超零售",
        assurances=("安全放心", "质量放心", "价格放心", "服务放心", "维权放心"),
        issuers=("商洛市市场监督管理局",), issued_on=date(2020, 1, 1),
        valid_until=date(2023, 1, 1), verify_url="https://example.invalid/", year=2020))


def render_certificate_pdf(data: CertificateData) -> bytes:
    """Render ``data`` as a one-page A4 landscape PDF and return its bytes."""
    html = render_certificate_html(data)
    with _render_lock:
        font_config, stylesheet, fetcher = _shared_resources()
        document = HTML(string=html, base_url=STATIC_DIR.as_uri() + "/",
                        url_fetcher=fetcher)
        return document.write_pdf(
            stylesheets=[stylesheet], font_config=font_config, cache=_image_cache)
