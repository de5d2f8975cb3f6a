"""Column charts drawn on the server as SVG, for the inspectors' dashboard and /statistics/.

No chart library and no JavaScript: `column_chart()` turns counts into plain
data (rectangles, ticks, labels, and the table of the same numbers) and
templates/charts/column_chart.html writes it out. The Content Security Policy
refuses inline styles, so geometry goes into SVG attributes and colours into
classes (`chart-series-<key>`) that each page's static CSS styles.

A chart is an image to a screen reader: its <title> and <desc> say what it
shows, and the table beside it carries every number, so nothing is lost to
someone who cannot see the bars, nor to a printout.
"""

import math
from dataclasses import dataclass

WIDTH = 640
HEIGHT = 260
FONT_SIZE = 12
# Roughly how wide a character of the labels is, as a share of the font size:
# enough to drop every other label before they overlap.
CHAR_WIDTH = 0.62
GAP = 0.25  # of a column's slot left empty between columns
MOST_TICKS = 5


@dataclass(frozen=True)
class Series:
    """One coloured part of each column: `key` becomes its CSS class (chart-series-<key>)."""

    key: str
    name: str
    values: list


def nice_ticks(peak, most=MOST_TICKS):
    """The y axis: 0, then a round step (1, 2, 5 × 10ⁿ) up to `peak` or just above.

    `nice_ticks(13)` is [0, 5, 10, 15]; at most `most` steps; counts, so whole numbers.
    """
    if peak <= 0:
        return [0, 1]
    magnitude = 1
    while True:
        for factor in (1, 2, 5):
            step = factor * magnitude
            steps = math.ceil(peak / step)
            if steps <= most:
                return [step * i for i in range(steps + 1)]
        magnitude *= 10


def _text_width(text, font_size):
    return len(str(text)) * font_size * CHAR_WIDTH


def column_chart(
    categories,
    series,
    *,
    name,
    title,
    description,
    category_heading,
    row_labels=None,
    flagged=(),
    total_heading="",
    width=WIDTH,
    height=HEIGHT,
    font_size=FONT_SIZE,
):
    """What templates/charts/column_chart.html needs to draw one chart and its table.

    `categories` are the short labels under the columns (`16/11`); `row_labels`
    the table's longer ones (`Tuần từ 16/11/2026`), the same by default.
    Several `series` are stacked, bottom first, and get a legend, a total
    column (`total_heading`) and a total row. `flagged` holds the indexes of
    columns to draw attention to (a band behind them, the label marked).
    `name` makes the ids unique in the page.
    """
    categories = [str(label) for label in categories]
    row_labels = [str(label) for label in (row_labels or categories)]
    stacked = len(series) > 1
    totals = [sum(s.values[i] for s in series) for i in range(len(categories))]
    ticks = nice_ticks(max(totals, default=0))
    top_value = ticks[-1]

    line = font_size + 6
    left = _text_width(top_value, font_size) + font_size
    legend_height = line + 4 if stacked else 0
    top = legend_height + font_size // 2 + 2
    bottom = height - line - 4
    right = width - 4
    plot_height = bottom - top
    slot = (right - left) / max(len(categories), 1)
    bar_width = slot * (1 - GAP)

    def y_of(value):
        return bottom - plot_height * value / top_value

    bars, labels, bands = [], [], []
    widest = max((_text_width(label, font_size) for label in categories), default=0)
    every = max(1, math.ceil((widest + font_size / 2) / slot)) if slot else 1
    shown = set(range(0, len(categories), every))
    for i in flagged:  # a flagged label always shows; its too-close neighbours give way
        shown -= {j for j in shown if 0 < abs(j - i) < every and j not in flagged}
        shown.add(i)
    for i, label in enumerate(categories):
        x = left + slot * i + (slot - bar_width) / 2
        if i in flagged:
            bands.append(_box(left + slot * i, top, slot, plot_height))
        base = 0
        for s in series:
            value = s.values[i]
            if value:
                bars.append(
                    {
                        **_box(x, y_of(base + value), bar_width, y_of(base) - y_of(base + value)),
                        "key": s.key,
                        "tip": (
                            f"{row_labels[i]} — {s.name}: {value}"
                            if stacked
                            else f"{row_labels[i]}: {value}"
                        ),
                        "value": value,
                    }
                )
            base += value
        if i in shown:
            labels.append(
                {
                    "x": _round(left + slot * i + slot / 2),
                    "y": _round(bottom + line),
                    "text": label,
                    "flagged": i in flagged,
                }
            )

    legend, x = [], left
    if stacked:
        for s in series:
            legend.append(
                {
                    "x": _round(x),
                    "text_x": _round(x + font_size + 2),
                    "y": font_size,
                    "key": s.key,
                    "name": s.name,
                }
            )
            x += font_size * 1.5 + _text_width(s.name, font_size) + font_size
    rows = [
        {
            "label": row_labels[i],
            "values": [s.values[i] for s in series],
            "total": totals[i],
            "flagged": i in flagged,
        }
        for i in range(len(categories))
    ]
    return {
        "name": name,
        "title": title,
        "description": description,
        "width": width,
        "height": height,
        "font_size": font_size,
        "swatch": font_size - 2,
        "swatch_y": 3,
        "plot": {"left": _round(left), "right": _round(right), "top": top, "bottom": bottom},
        "ticks": [{"y": _round(y_of(t)), "label": t} for t in ticks],
        "tick_x": _round(left - font_size / 2),
        "tick_dy": _round(font_size * 0.35),
        "bars": bars,
        "bands": bands,
        "labels": labels,
        "legend": legend,
        "stacked": stacked,
        "table": {
            "heading": category_heading,
            "columns": [s.name for s in series],
            "total_heading": total_heading if stacked else "",
            "rows": rows,
            "totals": [sum(s.values) for s in series] if stacked else None,
            "grand_total": sum(totals),
        },
    }


def _round(value):
    return round(value, 1)


def _box(x, y, width, height):
    return {"x": _round(x), "y": _round(y), "width": _round(width), "height": _round(height)}
