"""The one PDF base (fpdf2): an A4 document with an embedded Unicode font, so a name such
as "Nguyễn" prints as written in every PDF (the program report, a fidelity review, a
person's record). Pure: no django.

The font is Debian's DejaVu Sans (the Dockerfile installs fonts-dejavu-core) or, where the
system has none (`make run` on a bare machine), the copy bundled in ips/fonts/ (NOTICE).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from fpdf import FPDF

SYSTEM_FONTS = Path("/usr/share/fonts/truetype/dejavu")
BUNDLED_FONTS = Path(__file__).resolve().parent / "fonts"
FONT_FILES = {"": "DejaVuSans.ttf", "B": "DejaVuSans-Bold.ttf"}


def font_files(dirs: Sequence[Path] = (SYSTEM_FONTS, BUNDLED_FONTS)) -> dict[str, Path]:
    """{fpdf style ("" regular, "B" bold): TTF path} from the first of `dirs` that holds both.

    Raises FileNotFoundError when none does (the bundled copy is part of the repository,
    so only a broken checkout gets here).
    """
    for folder in dirs:
        paths = {style: folder / name for style, name in FONT_FILES.items()}
        if all(path.is_file() for path in paths.values()):
            return paths
    raise FileNotFoundError(f"No DejaVu Sans in {', '.join(str(d) for d in dirs)}.")


def text(value: Any) -> str:
    """A cell's text: None is empty, anything else as str()."""
    return "" if value is None else str(value)


class Document(FPDF):
    """An A4 PDF with a title and the Unicode font "Body" (regular and bold) embedded.

    `heading`, `para` and `grid` lay out the report-like PDFs; `output()` gives the bytes.
    """

    def __init__(self, title: str, *, title_size: int = 15, fonts: dict[str, Path] | None = None):
        super().__init__(format="A4")
        self.family = "Body"
        for style, path in (fonts or font_files()).items():
            self.add_font(self.family, style=style, fname=str(path))
        self.set_title(text(title))
        self.set_auto_page_break(auto=True, margin=15)
        self.add_page()
        self.set_font(self.family, "B", title_size)
        self.multi_cell(0, title_size * 0.55, text(title), new_x="LMARGIN", new_y="NEXT")

    def heading(self, value: str, size: int = 12) -> None:
        """A bold heading, a little space above it."""
        self.ln(3)
        self.set_font(self.family, "B", size)
        self.multi_cell(0, size * 0.6, text(value), new_x="LMARGIN", new_y="NEXT")

    def para(self, value: str, size: int = 10) -> None:
        """A paragraph of body text, wrapped to the page."""
        self.set_font(self.family, "", size)
        self.multi_cell(0, size * 0.5, text(value), new_x="LMARGIN", new_y="NEXT")

    def grid(self, header: list[str], rows: list[list[Any]], widths: list[int]) -> None:
        """A table: the header row, then `rows`; `widths` in millimetres, one per column."""
        self.set_font(self.family, "", 9)
        with self.table(col_widths=widths, text_align="LEFT", line_height=5) as table:
            table.row([text(h) for h in header])
            for row in rows:
                table.row([text(cell) for cell in row])

    def pdf_bytes(self) -> bytes:
        """The finished PDF."""
        return bytes(self.output())
