"""Enumerators, blank marks and spacing as Chinese documents print them."""

from __future__ import annotations

import re

# The numerals of headings and list items (`一、`, `（三）`): reports number at most a few dozen.
HEADING_NUMERALS = "一二三四五六七八九十"
# A leading enumerator: `一、` `二.` `（一）` `(1)` `1.` `1、` `1．`, after optional spaces.
ENUMERATOR = re.compile(rf"^\s*(?:[{HEADING_NUMERALS}]+[、.．]|[(（][{HEADING_NUMERALS}\d]+[)）]|\d+[.、．])")
# A top-level heading's numeral: `一、总体情况`.
TOP_HEADING = re.compile(rf"^[{HEADING_NUMERALS}]+、")

# What a table cell prints to say it deliberately holds no number (the contract keeps it as null).
DASHES = frozenset({"/", "-", "—", "–", "－", "——", "无", "／", "\\"})
# The same marks as a pattern, in any run of the dash characters (`---`, `——`) or the word 无.
BLANK_MARK = (
    "[" + re.escape("".join(sorted({ch for mark in DASHES if mark != "无" for ch in mark}))) + "]+|无"
)

SPACE = re.compile(r"\s+")


def strip_enumerator(text: str) -> str:
    return ENUMERATOR.sub("", text, count=1)


def squash(text: str) -> str:
    """The text without any whitespace: Chinese needs none, and reports scatter it (`结 果 维 持`)."""
    return SPACE.sub("", text)
