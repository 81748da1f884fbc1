"""What a browser would post back from a page's form, read from the HTML (stdlib parser)."""

from __future__ import annotations

from html.parser import HTMLParser

TEXT_INPUTS = {"text", "hidden", "number", "date", "email", "url", "tel", "search", "time"}


class _FormReader(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms: list[list[tuple[str, str]]] = []
        self._fields: list[tuple[str, str]] | None = None
        self._select: tuple[str, bool, list[tuple[str, bool]]] | None = None
        self._option: list | None = None
        self._textarea: tuple[str, list[str]] | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self._fields = []
        elif self._fields is None:
            return
        elif tag == "input" and a.get("name") and "disabled" not in a:
            kind = (a.get("type") or "text").lower()
            if kind in TEXT_INPUTS or (kind in ("checkbox", "radio") and "checked" in a):
                default = "on" if kind in ("checkbox", "radio") else ""
                value = a.get("value")  # value="" posts "" (a browser sends "on" only without one)
                self._fields.append((a["name"], default if value is None else value))
        elif tag == "select" and a.get("name") and "disabled" not in a:
            self._select = (a["name"], "multiple" in a, [])
        elif tag == "option" and self._select is not None:
            self._option = [a.get("value"), "selected" in a, []]
        elif tag == "textarea" and a.get("name") and "disabled" not in a:
            self._textarea = (a["name"], [])

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea[1].append(data)
        elif self._option is not None:
            self._option[2].append(data)

    def handle_endtag(self, tag):
        if tag == "option" and self._option is not None and self._select is not None:
            value, selected, text = self._option
            self._select[2].append((value if value is not None else "".join(text), selected))
            self._option = None
        elif tag == "select" and self._select is not None and self._fields is not None:
            name, multiple, options = self._select
            chosen = [v for v, selected in options if selected]
            if not chosen and not multiple and options:
                chosen = [options[0][0]]  # what a browser submits for a single select
            self._fields.extend((name, v) for v in chosen)
            self._select = None
        elif tag == "textarea" and self._textarea is not None and self._fields is not None:
            name, text = self._textarea
            self._fields.append((name, "".join(text).removeprefix("\n")))
            self._textarea = None
        elif tag == "form" and self._fields is not None:
            self.forms.append(self._fields)
            self._fields = None


def form_data(html: str, *, having: str) -> dict[str, str | list[str]]:
    """The fields the first POST form that has a field named `having` would submit."""
    reader = _FormReader()
    reader.feed(html)
    for fields in reader.forms:
        names = [name for name, _ in fields]
        if having in names:
            data: dict[str, str | list[str]] = {}
            for name, value in fields:
                if name in data:
                    previous = data[name]
                    data[name] = (
                        [*previous, value] if isinstance(previous, list) else [previous, value]
                    )
                else:
                    data[name] = value
            data.pop("csrfmiddlewaretoken", None)
            return data
    raise AssertionError(f"no form with a field named {having!r} on the page")
