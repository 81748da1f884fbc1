"""The words of a page as a reader meets them, and their reading grade (issue 20, item 6)."""

from __future__ import annotations

from html.parser import HTMLParser

import textstat

BLOCKS = frozenset(
    "p li h1 h2 h3 h4 h5 h6 dt dd label legend button summary td th caption div section".split()
)
SKIPPED = frozenset({"script", "style", "select", "option", "header", "footer", "nav"})


class _MainText(HTMLParser):
    """Text inside <main>, each block a sentence of its own (a heading or a list item is
    read as one), leaving out navigation, choices in drop-downs and scripts."""

    def __init__(self):
        super().__init__()
        self.in_main = 0
        self.skip = 0
        self.parts: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "main":
            self.in_main += 1
        elif tag in SKIPPED:
            self.skip += 1

    def handle_endtag(self, tag):
        if tag == "main":
            self.in_main -= 1
        elif tag in SKIPPED:
            self.skip -= 1
        elif (
            tag in BLOCKS
            and self.parts
            and not self.parts[-1].rstrip().endswith((".", "?", "!", ":"))
        ):
            self.parts.append(".")

    def handle_data(self, data):
        if self.in_main and not self.skip and data.strip():
            self.parts.append(" " + " ".join(data.split()))


def main_text(html: str) -> str:
    parser = _MainText()
    parser.feed(html)
    return " ".join("".join(parser.parts).split())


def reading_grade(text: str) -> float:
    """Flesch-Kincaid grade level (US school grade) of English `text`, by textstat."""
    textstat.set_lang("en_US")
    return textstat.flesch_kincaid_grade(text)
