"""Accessible server-rendered SVG charts (no script, nothing fetched). Pure: no django."""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

WIDTH, ROW, LABEL_W, PAD = 560, 28, 170, 8


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
    top = 22 if lines else 6
    height = top + ROW * max(1, len(bars)) + PAD
    scale = max([maximum, *(v or 0 for _, v in bars), *(line.value for line in lines)]) or 1
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
        parts.append(
            f'<text x="{LABEL_W - 6}" y="{y + 18}" text-anchor="end" font-size="13"'
            f' fill="currentColor">{escape(label)}</text>'
            f'<rect x="{LABEL_W}" y="{y + 5}" width="{width:.1f}" height="{ROW - 10}"'
            f' fill="#2b6cb0"></rect>'
            f'<text x="{LABEL_W + width + 4:.1f}" y="{y + 18}" font-size="13"'
            f' fill="currentColor">{escape(_fmt(value, unit))}</text>'
        )
    for line in lines:
        x = LABEL_W + plot_w * line.value / scale
        parts.append(
            f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{top - 4}" y2="{height - PAD}"'
            f' stroke="#b7410e" stroke-width="2" stroke-dasharray="4 3"></line>'
            f'<text x="{x:.1f}" y="{top - 8}" text-anchor="middle" font-size="11"'
            f' fill="#b7410e">{escape(line.label)}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)
