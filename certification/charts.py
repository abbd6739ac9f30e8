"""Server-rendered SVG charts (no JavaScript, nothing fetched): horizontal stacked bar charts.

Each chart is an inline <svg role="img"> with a <title> and a <desc>; pages put the same numbers in
a table next to it for screen readers and for copying.
"""

import math
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import mark_safe

WIDTH = 360
LABEL_WIDTH = 76
VALUE_WIDTH = 40
ROW_HEIGHT = 28
BAR_HEIGHT = 18
LEGEND = 30
AXIS = 24
LABEL_CHARS = 6
FONT = 'font-family="inherit" font-size="13"'


@dataclass(frozen=True)
class Series:
    key: str
    label: str
    colour: str


CITY = Series("city", "市级", "#b3261e")
COUNTY = Series("county", "县区级", "#c9a227")
IN_FORCE = Series("in_force", "现有效", "#1e7b34")
TOTAL = Series("total", "累计命名", "#b3261e")


def nice_ticks(maximum, count=5):
    """Round tick values from 0 to at least `maximum` (1, 2 or 5 times a power of ten apart)."""
    if maximum <= 0:
        return [0, 1]
    raw = maximum / count
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 5, 10) if m * power >= raw)
    step = max(1, int(step))
    top = step * math.ceil(maximum / step)
    return list(range(0, top + 1, step))


def _fmt(n):
    return f"{n:,}" if isinstance(n, int) else str(n)


def bar_chart(rows, series, title, chart_id, description=""):
    """A stacked horizontal bar chart: one bar per row (row["label"]), one segment per series.

    `rows` are dicts holding each series' key; returns safe SVG markup.
    """
    rows = list(rows)
    totals = [sum(int(row.get(s.key) or 0) for s in series) for row in rows]
    ticks = nice_ticks(max(totals, default=0))
    scale = (WIDTH - LABEL_WIDTH - VALUE_WIDTH) / ticks[-1]
    top = LEGEND if len(series) > 1 else 8
    height = top + len(rows) * ROW_HEIGHT + AXIS
    title_id, desc_id = f"{chart_id}-title", f"{chart_id}-desc"
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" width="100%" '
        f'role="img" aria-labelledby="{title_id} {desc_id}" class="bar-chart" {FONT}>',
        f'<title id="{title_id}">{escape(title)}</title>',
        f'<desc id="{desc_id}">{escape(description or _describe(rows, series, totals))}</desc>',
    ]
    # legend
    x = LABEL_WIDTH
    for s in series if len(series) > 1 else []:
        parts.append(f'<rect x="{x}" y="8" width="14" height="14" fill="{s.colour}"/>')
        parts.append(f'<text x="{x + 20}" y="20" fill="#1f2328" font-size="12">{escape(s.label)}</text>')
        x += 36 + 13 * len(s.label)
    # grid and axis
    bottom = top + len(rows) * ROW_HEIGHT
    for tick in ticks:
        tx = LABEL_WIDTH + tick * scale
        parts.append(f'<line x1="{tx:.1f}" y1="{top - 4}" x2="{tx:.1f}" y2="{bottom}" stroke="#d9dee3"/>')
        parts.append(f'<text x="{tx:.1f}" y="{bottom + 16}" text-anchor="middle" fill="#5f6b76" '
                     f'font-size="11">{_fmt(tick)}</text>')
    # bars
    for i, (row, total) in enumerate(zip(rows, totals, strict=True)):
        y = top + i * ROW_HEIGHT + (ROW_HEIGHT - BAR_HEIGHT) / 2
        parts.append(f'<text x="{LABEL_WIDTH - 8}" y="{y + BAR_HEIGHT - 4:.1f}" text-anchor="end" '
                     f'fill="#1f2328">{escape(_short(row["label"]))}</text>')
        x = LABEL_WIDTH
        for s in series:
            value = int(row.get(s.key) or 0)
            if value:
                w = value * scale
                parts.append(f'<rect x="{x:.1f}" y="{y:.1f}" width="{w:.1f}" height="{BAR_HEIGHT}" '
                             f'fill="{s.colour}"><title>{escape(row["label"])} {escape(s.label)}：'
                             f'{_fmt(value)}</title></rect>')
                x += w
        parts.append(f'<text x="{x + 6:.1f}" y="{y + BAR_HEIGHT - 4:.1f}" fill="#1f2328" '
                     f'font-weight="600">{_fmt(total)}</text>')
    parts.append("</svg>")
    return mark_safe("".join(parts))


def _short(label):
    label = str(label)
    return label if len(label) <= LABEL_CHARS else label[: LABEL_CHARS - 1] + "…"


def _describe(rows, series, totals):
    if not rows:
        return "暂无数据。"
    items = []
    for row, total in zip(rows, totals, strict=True):
        if len(series) > 1:
            detail = "，".join(f"{s.label}{_fmt(int(row.get(s.key) or 0))}" for s in series)
            items.append(f"{row['label']}{_fmt(total)}（{detail}）")
        else:
            items.append(f"{row['label']}{_fmt(total)}")
    return "；".join(items) + "。"
