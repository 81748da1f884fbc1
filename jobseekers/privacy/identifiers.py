"""What identifies one person in free text (name, email, phone, agency reference), to find
and redact it where erasure cannot simply delete a row. Pure: no django."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

REDACTED = "[erased]"
_PHONE_SEPARATORS = r"[\s().+-]*"
MIN_PHONE_DIGITS = 7  # shorter digit runs are dates, amounts or counts, not phone numbers
MIN_NAME_PART = 3  # "Al" or "Jo" alone would redact ordinary words


@dataclass(frozen=True)
class PersonIdentifiers:
    """A person's identifying strings; `name_parts` are redacted only where the text is known
    to be about them (their own rows), never used to decide that a text names them."""

    names: tuple[str, ...] = ()
    emails: tuple[str, ...] = ()
    phones: tuple[str, ...] = ()
    refs: tuple[str, ...] = ()
    name_parts: tuple[str, ...] = ()

    @classmethod
    def of(
        cls,
        *,
        name: str = "",
        preferred_name: str = "",
        emails: Iterable[str] = (),
        phone: str = "",
        ref: str = "",
    ) -> PersonIdentifiers:
        """Identifiers from a person's fields; blanks are dropped, emails lower-cased."""
        names = tuple(n.strip() for n in (name, preferred_name) if n and n.strip())
        parts = {p for n in names for p in re.split(r"[\s,.]+", n) if len(p) >= MIN_NAME_PART}
        digits = re.sub(r"\D", "", phone or "")
        return cls(
            names=names,
            emails=tuple(sorted({e.strip().lower() for e in emails if e and e.strip()})),
            phones=(digits,) if len(digits) >= MIN_PHONE_DIGITS else (),
            refs=(ref.strip(),) if ref and ref.strip() else (),
            name_parts=tuple(sorted(parts)),
        )

    def _patterns(self, *, parts: bool) -> list[re.Pattern[str]]:
        words = [*self.names, *self.emails, *(self.name_parts if parts else ())]
        found = [re.compile(rf"(?<!\w){re.escape(w)}(?!\w)", re.IGNORECASE) for w in words]
        found += [re.compile(_PHONE_SEPARATORS.join(p)) for p in self.phones]
        return found

    def mentioned_in(self, text: str) -> bool:
        """Whether `text` holds the full name, an email or the phone (or is the reference)."""
        if not text:
            return False
        if text.strip() in self.refs:
            return True
        return any(p.search(text) for p in self._patterns(parts=False))

    def redact(self, text: str, *, name_parts: bool = False) -> str:
        """`text` with every identifier replaced by "[erased]"; with `name_parts` (only for
        text known to be about this person) each part of the name too."""
        if not text:
            return text
        # Longest first: "Alex Rivera" goes as one, before "Alex" alone.
        patterns = sorted(self._patterns(parts=name_parts), key=lambda p: -len(p.pattern))
        for pattern in patterns:
            text = pattern.sub(REDACTED, text)
        return text
