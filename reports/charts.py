"""Accessible server-rendered bar charts (no script, nothing fetched): one layout, drawn as
SVG on the dashboard and as a PNG download. Pure: no django (Pillow is imported only to
draw a PNG)."""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass
from html import escape
from pathlib import Path

WIDTH, ROW, LABEL_W, PAD = 560, 28, 170, 8
LINE_LABEL_SIZE, BAR_LABEL_SIZE = 11, 13
LINE_LABEL_ROW = 14  # px between stacked reference-line labels
LINE_GAP = 3  # px kept between a reference line (2 px wide, dashed) and a value label
CHAR_WIDTH = 0.62  # a sans-serif character's width as a share of the font size (wide side)
BAR, LINE, ON_BAR, INK = "#2b6cb0", "#b7410e", "#ffffff", "#1a202c"
# The PNG's font: Debian's DejaVu Sans Condensed (narrower than CHAR_WIDTH, so the layout's
# boxes hold), else Pillow's own scalable font.
PNG_FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSansCondensed.ttf")


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


@dataclass(frozen=True)
class Text:
    """A label at (x, baseline y) in px; `anchor` is SVG's start, middle or end; `full` is
    the whole text when `text` was shortened."""

    x: float
    y: float
    text: str
    size: int
    fill: str = "currentColor"
    anchor: str = "start"
    full: str = ""


@dataclass(frozen=True)
class Chart:
    """A drawn chart in px: bars `(x, y, width, height)`, dashed reference lines
    `(x, y1, y2)`, labels; `title` and `desc` (every value) for screen readers."""

    title: str
    desc: str
    width: float
    height: float
    bars: tuple[tuple[float, float, float, float], ...]
    lines: tuple[tuple[float, float, float], ...]
    texts: tuple[Text, ...]


def _fmt(value: float | None, unit: str) -> str:
    if value is None:
        return "no data"
    return f"{value:g}{unit}"


def _clear(left: float, width: float, line_xs: list[float]) -> bool:
    return all(x < left - LINE_GAP or x > left + width + LINE_GAP for x in line_xs)


def _value_label(end: float, y: float, text: str, line_xs: list[float]) -> Text:
    """The value where no reference line crosses it, in this order of preference: just
    after the bar's end; inside the bar (white on blue) ending at its end; inside the bar
    from its start; just after a line beyond the bar; inside the bar just before a line;
    else after the last line (the picture widens to hold it)."""
    width = text_width(text, BAR_LABEL_SIZE)

    def after(left: float) -> Text | None:
        fits = left + width <= WIDTH - 2
        return (
            Text(left, y, text, BAR_LABEL_SIZE) if fits and _clear(left, width, line_xs) else None
        )

    def inside(right: float) -> Text | None:
        fits = LABEL_W + 4 <= right - width and right <= end - 4
        if fits and _clear(right - width, width, line_xs):
            return Text(right, y, text, BAR_LABEL_SIZE, fill=ON_BAR, anchor="end")
        return None

    beyond = sorted(x + LINE_GAP + 1 for x in line_xs if x >= end)
    before = sorted((x - LINE_GAP - 1 for x in line_xs if x <= end), reverse=True)
    tries: list[Callable[[], Text | None]] = [
        lambda: after(end + 4),
        lambda: inside(end - 4),
        lambda: inside(LABEL_W + 4 + width),
        *(lambda left=left: after(left) for left in beyond),
        *(lambda right=right: inside(right) for right in before),
    ]
    for attempt in tries:
        found = attempt()
        if found is not None:
            return found
    left = max([end, *line_xs]) + LINE_GAP + 1
    return Text(left, y, text, BAR_LABEL_SIZE)


def bar_layout(
    title: str,
    bars: list[tuple[str, float | None]],
    *,
    maximum: float,
    unit: str = "",
    lines: tuple[Line, ...] = (),
) -> Chart:
    """Horizontal bars (one per `(label, value)`, None for no data) on a scale from 0 to
    `maximum` (or the largest value), with labelled dashed reference `lines`. No two labels
    overlap and no reference line crosses a label."""
    plot_w = WIDTH - LABEL_W - 70
    scale = max([maximum, *(v or 0 for _, v in bars), *(line.value for line in lines)]) or 1
    placed = [(LABEL_W + plot_w * line.value / scale, line.label) for line in lines]
    line_xs = [x for x, _ in placed]
    label_rows = _line_label_rows(placed)
    top = 8 + LINE_LABEL_ROW * (max(label_rows) + 1) if lines else 6
    height = top + ROW * max(1, len(bars)) + PAD
    desc = "; ".join(f"{label}: {_fmt(value, unit)}" for label, value in bars)
    desc += "".join(f"; {line.label}: {_fmt(line.value, unit)}" for line in lines)
    rects, texts = [], []
    for index, (label, value) in enumerate(bars):
        y = top + index * ROW
        width = 0 if value is None else max(1.0, plot_w * value / scale)
        shown = fit_label(label, LABEL_W - 10, BAR_LABEL_SIZE)
        full = label if shown != label else ""
        texts.append(Text(LABEL_W - 6, y + 18, shown, BAR_LABEL_SIZE, anchor="end", full=full))
        rects.append((LABEL_W, y + 5, round(width, 1), ROW - 10))
        texts.append(_value_label(LABEL_W + width, y + 18, _fmt(value, unit), line_xs))
    for (x, label), row in zip(placed, label_rows, strict=True):
        label_y = top - 8 - LINE_LABEL_ROW * row
        texts.append(Text(x, label_y, label, LINE_LABEL_SIZE, fill=LINE, anchor="middle"))
    right = max([WIDTH, *(t.x + text_width(t.text, t.size) + 2 for t in texts)])
    return Chart(
        title=title,
        desc=desc,
        width=round(right, 1),
        height=height,
        bars=tuple(rects),
        lines=tuple((x, top - 4, height - PAD) for x in line_xs),
        texts=tuple(texts),
    )


def to_svg(chart: Chart) -> str:
    """The chart as an inline SVG element (role img, its title and description)."""
    parts = [
        f'<svg class="ips-chart" role="img" viewBox="0 0 {chart.width:g} {chart.height}"'
        f' width="100%" xmlns="http://www.w3.org/2000/svg" aria-label="{escape(chart.title)}">',
        f"<title>{escape(chart.title)}</title><desc>{escape(chart.desc)}</desc>",
    ]
    parts += [
        f'<rect x="{x}" y="{y}" width="{w:.1f}" height="{h}" fill="{BAR}"></rect>'
        for x, y, w, h in chart.bars
    ]
    parts += [
        f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{y1}" y2="{y2}" stroke="{LINE}"'
        ' stroke-width="2" stroke-dasharray="4 3"></line>'
        for x, y1, y2 in chart.lines
    ]
    for t in chart.texts:
        anchor = "" if t.anchor == "start" else f' text-anchor="{t.anchor}"'
        tip = f"<title>{escape(t.full)}</title>" if t.full else ""
        parts.append(
            f'<text x="{t.x:.1f}" y="{t.y}"{anchor} font-size="{t.size}"'
            f' fill="{t.fill}">{tip}{escape(t.text)}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def bar_chart(
    title: str,
    bars: list[tuple[str, float | None]],
    *,
    maximum: float,
    unit: str = "",
    lines: tuple[Line, ...] = (),
) -> str:
    """`bar_layout` drawn as SVG (the dashboard's inline chart)."""
    return to_svg(bar_layout(title, bars, maximum=maximum, unit=unit, lines=lines))


def to_png(chart: Chart, scale: int = 2) -> bytes:
    """The chart as PNG bytes, `scale` pixels per layout px (2: sharp on a slide), dark
    text on white; the same layout as the SVG, drawn with Pillow."""
    from PIL import Image, ImageDraw, ImageFont

    def font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
        if PNG_FONT.exists():
            return ImageFont.truetype(str(PNG_FONT), size * scale)
        return ImageFont.load_default(size * scale)

    width, height = round(chart.width * scale), round(chart.height * scale)
    image = Image.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(image)
    for x, y, w, h in chart.bars:
        if w > 0:
            draw.rectangle([x * scale, y * scale, (x + w) * scale - 1, (y + h) * scale - 1], BAR)
    for x, y1, y2 in chart.lines:
        y = y1
        while y < y2:  # dashes 4 on, 3 off, as in the SVG
            draw.line(
                [(x * scale, y * scale), (x * scale, min(y + 4, y2) * scale)], LINE, 2 * scale
            )
            y += 7
    anchors = {"start": "ls", "middle": "ms", "end": "rs"}
    for t in chart.texts:
        fill = INK if t.fill == "currentColor" else t.fill
        draw.text((t.x * scale, t.y * scale), t.text, fill, font(t.size), anchors[t.anchor])
    out = io.BytesIO()
    image.save(out, "PNG", optimize=True)
    return out.getvalue()
