"""Build-time tool: make the pre-subset certificate fonts in ``static/fonts/``.

Not imported at run time.  Run from the project root (needs Debian's
``fonts-noto-cjk``; fontTools and brotli already come with WeasyPrint)::

    .venv/bin/python -m certification.pdf.build_font

Steps, for the Regular and Bold faces of Noto Serif CJK SC:

1. write ``static/fonts/cert-charset.txt``: all of GB2312 (6 763 hanzi + symbols)
   plus ASCII and common punctuation;
2. subset the system TTC to those characters with fontTools' ``pyftsubset``
   (the exact command is in ``static/fonts/README.md``);
3. convert the CFF outlines to TrueType quadratic outlines (error ≤ 1/1000 em);
4. rename the family "Cert Serif SC" (a Modified Version under the SIL OFL 1.1
   should not pass itself off as the original) and save as WOFF2 without the
   glyf transform, which is slow to decode.

Why: WeasyPrint re-subsets the embedded font on every render.  On the 25 MB
system TTC (65 535 glyphs) that costs ~20 ms per face and, because WeasyPrint
keeps glyph ids, bloats the PDF.  A 7 600-glyph font is much cheaper, and its
TrueType form subsets faster and embeds at less than half the size of CFF
(WeasyPrint's retained glyph ids cost a few bytes each in CFF, ~nothing in glyf).
"""

import os
import subprocess
import sys
import tempfile
from pathlib import Path

from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTFont, newTable, woff2

FONTS_DIR = Path(__file__).resolve().parents[2] / "static" / "fonts"
SYSTEM_FONTS = Path("/usr/share/fonts/opentype/noto")
SC_INDEX = 2  # face order in the TTC: JP, KR, SC, TC, HK
FAMILY = "Cert Serif SC"
CHARSET = FONTS_DIR / "cert-charset.txt"

# Besides GB2312: ASCII, Latin-1 punctuation, general punctuation,
# CJK symbols/punctuation, fullwidth forms.
EXTRA_RANGES = ((0x20, 0x7E), (0xA0, 0xBF), (0x2010, 0x2027), (0x2030, 0x203B),
                (0x3000, 0x303F), (0xFF01, 0xFF5E))


def charset() -> str:
    chars = set()
    for hi in range(0xA1, 0xF8):
        for lo in range(0xA1, 0xFF):
            try:
                chars.add(bytes((hi, lo)).decode("gb2312"))
            except UnicodeDecodeError:
                pass
    for start, end in EXTRA_RANGES:
        chars.update(map(chr, range(start, end + 1)))
    return "".join(sorted(chars))


def pyftsubset(source: Path, output: Path) -> None:
    subprocess.run([
        sys.executable, "-m", "fontTools.subset", str(source),
        f"--font-number={SC_INDEX}",
        f"--text-file={CHARSET}",
        "--layout-features=kern,palt",
        "--drop-tables+=vhea,vmtx,VORG",  # no vertical text on a certificate
        "--no-hinting",
        "--name-IDs=0,1,2,3,4,5,6,7,13,14,16,17",
        f"--output-file={output}",
    ], check=True)


def cff_to_truetype(font: TTFont) -> None:
    """Replace the CFF table by glyf/loca (quadratic curves, clockwise contours)."""
    glyph_set = font.getGlyphSet()
    glyf = newTable("glyf")
    glyf.glyphOrder = font.getGlyphOrder()
    glyf.glyphs = {}
    for name in glyf.glyphOrder:
        pen = TTGlyphPen(None)
        glyph_set[name].draw(Cu2QuPen(pen, max_err=1.0, reverse_direction=True))
        glyf.glyphs[name] = pen.glyph()
    font["glyf"] = glyf
    font["loca"] = newTable("loca")
    del font["CFF "]
    maxp = font["maxp"]  # version 1.0 fields; the point counts are recomputed on save
    maxp.tableVersion = 0x00010000
    for field in ("maxZones", "maxTwilightPoints", "maxStorage", "maxFunctionDefs",
                  "maxInstructionDefs", "maxStackElements", "maxSizeOfInstructions",
                  "maxComponentElements", "maxPoints", "maxContours",
                  "maxCompositePoints", "maxCompositeContours", "maxComponentDepth"):
        setattr(maxp, field, 0)
    maxp.maxZones = 1
    font["post"].formatType = 3.0  # no glyph names
    font["head"].glyphDataFormat = 0
    font.sfntVersion = "\x00\x01\x00\x00"


def rename(font: TTFont, style: str) -> None:
    """Give the subset its own family name (name IDs 1, 2, 3, 4, 6, 16, 17)."""
    ps_name = f"{FAMILY.replace(' ', '')}-{style}"
    names = {1: FAMILY, 2: style, 3: f"{ps_name};subset-of-NotoSerifCJKsc",
             4: f"{FAMILY} {style}", 6: ps_name, 16: FAMILY, 17: style}
    table = font["name"]
    for name_id in names:
        table.removeNames(nameID=name_id)
    for name_id, value in names.items():
        table.setName(value, name_id, 3, 1, 0x409)  # Windows, Unicode BMP, en-US
        table.setName(value, name_id, 1, 0, 0)  # Mac, Roman, English


def build() -> None:
    # fontTools stamps head.modified with this instead of "now": same input, same bytes.
    os.environ.setdefault("SOURCE_DATE_EPOCH", "1640995200")  # 2022-01-01
    CHARSET.write_text(charset() + "\n", encoding="utf-8")
    with tempfile.TemporaryDirectory() as tmp:
        for style in ("Regular", "Bold"):
            subset = Path(tmp) / f"{style}.otf"
            pyftsubset(SYSTEM_FONTS / f"NotoSerifCJK-{style}.ttc", subset)
            font = TTFont(subset)
            cff_to_truetype(font)
            rename(font, style)
            font.save(subset.with_suffix(".ttf"))
            # Null-transform WOFF2 (plain Brotli): fontTools decodes it in ~40 ms,
            # the default glyf transform would take ~2 s at every process start.
            out = FONTS_DIR / f"CertSerifSC-{style}.woff2"
            woff2.compress(str(subset.with_suffix(".ttf")), str(out), transform_tables=())
            print(out, out.stat().st_size)


if __name__ == "__main__":
    build()
