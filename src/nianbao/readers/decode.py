"""Turn the bytes of a text file into str: the encoding is detected, never assumed."""

from __future__ import annotations

import codecs

# Control characters other than tab, newline, carriage return and form feed mark binary data.
_CONTROL = {c for c in range(32) if c not in (9, 10, 12, 13)}
_MAX_CONTROL_SHARE = 0.01

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def decode_text(data: bytes) -> tuple[str, str] | None:
    """(text, encoding) for UTF-8 (with or without BOM), UTF-16 with BOM or GB18030/GBK; None if binary."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding
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
    controls = sum(1 for ch in text if ord(ch) in _CONTROL)
    if controls / len(text) > _MAX_CONTROL_SHARE:
        return False
    # GB18030 decodes many random byte strings; real Chinese text is mostly CJK, ASCII and punctuation.
    unusual = sum(1 for ch in text if _is_unusual(ch))
    return unusual / len(text) < 0.05


def _is_unusual(ch: str) -> bool:
    code = ord(ch)
    if code < 0x80 or 0x4E00 <= code <= 0x9FFF:
        return False
    return not (
        0x3000 <= code <= 0x303F or 0xFF00 <= code <= 0xFFEF or 0x2000 <= code <= 0x206F or code == 0xA0
    )
