"""The text of a PDF written by fpdf2, for tests: no PDF library is in the lock, so this
reads the few structures fpdf2 writes (Flate streams, `Tf`/`Tj`/`TJ` text, each font's
ToUnicode CMap). Text shown with an embedded font comes back through its CMap, exactly
as a reader copies it; text in a core font is Latin-1."""

from __future__ import annotations

import re
import zlib

ESCAPES = {b"n": b"\n", b"r": b"\r", b"t": b"\t", b"b": b"\b", b"f": b"\f"}
STRING = rb"\((?:\\.|[^\\)])*\)"


def _objects(data: bytes) -> dict[int, bytes]:
    return {int(n): body for n, body in re.findall(rb"(\d+) 0 obj(.*?)endobj", data, re.S)}


def _stream(body: bytes) -> bytes:
    raw = re.search(rb"stream\r?\n(.*)\r?\nendstream", body, re.S).group(1)
    return zlib.decompress(raw) if b"/FlateDecode" in body else raw


def _literal(token: bytes) -> bytes:
    """The bytes of a PDF literal string `(...)`, escapes undone."""
    out, body, i = bytearray(), token[1:-1], 0
    while i < len(body):
        char = body[i : i + 1]
        if char != b"\\":
            out += char
            i += 1
            continue
        following = body[i + 1 : i + 2]
        octal = re.match(rb"[0-7]{1,3}", body[i + 1 : i + 4])
        if octal:
            out.append(int(octal.group(0), 8))
            i += 1 + len(octal.group(0))
        else:
            out += ESCAPES.get(following, b"" if following in b"\r\n" else following)
            i += 2
    return bytes(out)


def _cmap(text: bytes) -> dict[int, str]:
    """Character code -> text, from a ToUnicode CMap's bfchar and bfrange entries."""
    found: dict[int, str] = {}
    for block in re.findall(rb"beginbfchar(.*?)endbfchar", text, re.S):
        for code, uni in re.findall(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
            found[int(code, 16)] = bytes.fromhex(uni.decode()).decode("utf-16-be")
    for block in re.findall(rb"beginbfrange(.*?)endbfrange", text, re.S):
        for low, high, uni in re.findall(
            rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block
        ):
            first = int(uni, 16)
            for offset, code in enumerate(range(int(low, 16), int(high, 16) + 1)):
                found[code] = chr(first + offset)
    return found


def pdf_text(data: bytes) -> str:
    """Every string a page shows, one per line, in drawing order."""
    objects = _objects(data)
    cmaps: dict[bytes, dict[int, str] | None] = {}
    for body in objects.values():
        for name, ref in re.findall(rb"/(F\d+) (\d+) 0 R", body):
            unicode = re.search(rb"/ToUnicode (\d+) 0 R", objects[int(ref)])
            cmaps[name] = _cmap(_stream(objects[int(unicode.group(1))])) if unicode else None
    lines = []
    pages = [body for body in objects.values() if re.search(rb"/Type /Page\b", body)]
    for page in pages:
        for ref in re.findall(rb"/Contents (\d+) 0 R", page):
            content, cmap = _stream(objects[int(ref)]), None
            pattern = (
                rb"/(F\d+) [\d.]+ Tf|(" + STRING + rb")\s*Tj|\[((?:" + STRING + rb"|[^\]])*)\]\s*TJ"
            )
            for font, single, array in re.findall(pattern, content):
                if font:
                    cmap = cmaps.get(font)
                    continue
                strings = [single] if single else re.findall(STRING, array)
                raw = b"".join(_literal(s) for s in strings)
                if cmap is None:
                    lines.append(raw.decode("latin-1"))
                else:
                    codes = [int.from_bytes(raw[i : i + 2], "big") for i in range(0, len(raw), 2)]
                    lines.append("".join(cmap.get(code, "\ufffd") for code in codes))
    return "\n".join(lines)
