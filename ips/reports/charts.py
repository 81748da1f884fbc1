"""Accessible server-rendered SVG charts (no script, nothing fetched). Pure: no django."""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

WIDTH, ROW, LABEL_W, PAD = 560, 28, 170, 8
LINE_LABEL_SIZE, BAR_LABEL_SIZE = 11, 13
LINE_LABEL_ROW = 14  # px between stacked reference-line labels
CHAR_WIDTH = 0.62  # a sans-serif character's width as a share of the font size (wide side)


def text_width(text: str, size: float) -> float:
    """Estimated width in px of `text` at font `size` (no font metrics on the server: the
    estimate errs wide, so boxes that do not overlap here do not overlap on screen)."""
    return len(text) * size * CHAR_WIDTH


def fit_label(text: str, width: float, size: float) -> str:
    """`text`, shortened with an ellipsis to fit `width` px (the full text stays in the
    chart's description and the label's own title)."""
    if text_width(text, size) <= width:
        return text
    keep = max(1, int(width / (size * CHAR_WIDTH)) - 1)
    return text[:keep].rstrip() + "…"


def _line_label_rows(xs_and_labels: list[tuple[float, str]]) -> list[int]:
    """Row (0 = nearest the plot) for each reference-line label so no two overlap: each
    label goes on the first row where it clears the previous label by 4 px."""
    order = sorted(range(len(xs_and_labels)), key=lambda i: xs_and_labels[i][0])
    right_edges: list[float] = []
    rows = [0] * len(xs_and_labels)
    for i in order:
        x, label = xs_and_labels[i]
        half = text_width(label, LINE_LABEL_SIZE) / 2
        for row, edge in enumerate(right_edges):
            if x - half >= edge + 4:
                right_edges[row] = x + half
                rows[i] = row
                break
        else:
            right_edges.append(x + half)
            rows[i] = len(right_edges) - 1
    return rows


@dataclass(frozen=True)
class Line:
    value: float
    label: str


def _fmt(value: float | None, unit: str) -> str:
    if value is None:
        return "no data"
    return f"{value:g}{unit}"


def bar_chart(
    title: str,
    bars: list[tuple[str, float | None]],
    *,
    maximum: float,
    unit: str = "",
    lines: tuple[Line, ...] = (),
) -> str:
    """Horizontal bars with labelled reference lines; the title and a text description
    (every value) make it readable by screen readers."""
    plot_w = WIDTH - LABEL_W - 70
    scale = max([maximum, *(v or 0 for _, v in bars), *(line.value for line in lines)]) or 1
    placed = [(LABEL_W + plot_w * line.value / scale, line.label) for line in lines]
    label_rows = _line_label_rows(placed)
    top = 8 + LINE_LABEL_ROW * (max(label_rows) + 1) if lines else 6
    height = top + ROW * max(1, len(bars)) + PAD
    desc = "; ".join(f"{label}: {_fmt(value, unit)}" for label, value in bars)
    desc += "".join(f"; {line.label}: {_fmt(line.value, unit)}" for line in lines)
    parts = [
        f'<svg class="ips-chart" role="img" viewBox="0 0 {WIDTH} {height}" width="100%"'
        f' xmlns="http://www.w3.org/2000/svg" aria-label="{escape(title)}">',
        f"<title>{escape(title)}</title><desc>{escape(desc)}</desc>",
    ]
    for index, (label, value) in enumerate(bars):
        y = top + index * ROW
        width = 0 if value is None else max(1.0, plot_w * value / scale)
        shown = fit_label(label, LABEL_W - 10, BAR_LABEL_SIZE)
        tip = f"<title>{escape(label)}</title>" if shown != label else ""
        parts.append(
            f'<text x="{LABEL_W - 6}" y="{y + 18}" text-anchor="end" font-size="{BAR_LABEL_SIZE}"'
            f' fill="currentColor">{tip}{escape(shown)}</text>'
            f'<rect x="{LABEL_W}" y="{y + 5}" width="{width:.1f}" height="{ROW - 10}"'
            f' fill="#2b6cb0"></rect>'
            f'<text x="{LABEL_W + width + 4:.1f}" y="{y + 18}" font-size="13"'
            f' fill="currentColor">{escape(_fmt(value, unit))}</text>'
        )
    for (x, label), row in zip(placed, label_rows, strict=True):
        label_y = top - 8 - LINE_LABEL_ROW * row
        parts.append(
            f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{top - 4}" y2="{height - PAD}"'
            f' stroke="#b7410e" stroke-width="2" stroke-dasharray="4 3"></line>'
            f'<text x="{x:.1f}" y="{label_y}" text-anchor="middle"'
            f' font-size="{LINE_LABEL_SIZE}" fill="#b7410e">{escape(label)}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)
