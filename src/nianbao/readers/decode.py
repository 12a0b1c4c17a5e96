"""Turn the bytes of a text file into str: the encoding is detected, never assumed."""

from __future__ import annotations

import codecs
import re

# Control characters other than tab, newline, carriage return and form feed mark binary data.
_CONTROL = {c for c in range(32) if c not in (9, 10, 12, 13)}
_MAX_CONTROL_SHARE = 0.01

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def split_lines(text: str) -> list[str]:
    """The lines of a text whatever its line ends (Windows CRLF, old Mac CR, Unix LF)."""
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def bom_encoding(data: bytes) -> str | None:
    """The encoding a byte order mark at the start of `data` announces (the codec drops the mark)."""
    return next((encoding for bom, encoding in _BOMS if data.startswith(bom)), None)


def decode_text(data: bytes) -> tuple[str, str] | None:
    """(text, encoding) for UTF-8 (with or without BOM), UTF-16 with BOM or GB18030/GBK; None if binary."""
    marked = bom_encoding(data)
    if marked is not None:
        try:
            return data.decode(marked), marked
        except UnicodeDecodeError:
            return None
    if b"\x00" in data:
        return None
    # GBK and GB2312 are subsets of GB18030, so one attempt covers all three.
    for encoding in ("utf-8", "gb18030"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if _looks_like_text(text):
            return text, encoding
    return None


def _looks_like_text(text: str) -> bool:
    if not text:
        return True
    # Counted by regular expressions (C speed): a report has tens of thousands of characters.
    controls = len(_CONTROL_RE.findall(text))
    if controls / len(text) > _MAX_CONTROL_SHARE:
        return False
    # GB18030 decodes many random byte strings; real Chinese text is mostly CJK, ASCII and punctuation.
    unusual = len(_UNUSUAL_RE.findall(text))
    return unusual / len(text) < 0.05


def _class(codes: set[int]) -> str:
    return "".join(f"\\x{c:02x}" for c in sorted(codes))


_CONTROL_RE = re.compile(f"[{_class(_CONTROL)}]")
# Usual characters: ASCII, CJK ideographs, CJK punctuation, full-width forms, general punctuation, NBSP.
_UNUSUAL_RE = re.compile(r"[^\x00-\x7f\u4e00-\u9fff\u3000-\u303f\uff00-\uffef\u2000-\u206f\u00a0]")
