"""Label normalisation and matching: compare what a report prints with the form's labels.

Matching always works on a normalised key, never on raw text: reports insert spaces inside labels
(`结 果 维 持`), mix half and full width (`(一)` / `（一）`), carry Word or Markdown artefacts
(`[bookmark: _GoBack]`, `**`) and typos (`本年度止件数`). The raw text is kept by the caller.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache
from typing import Generic, TypeVar

from ..chinese.marks import squash, strip_enumerator

_ARTEFACTS = re.compile(r"\[bookmark:[^\]]*\]|\*\*|[<>]")


@lru_cache(maxsize=8192)
def label_key(text: str) -> str:
    """A comparison key: artefacts stripped, NFKC-folded, all whitespace removed (memoised)."""
    text = _ARTEFACTS.sub("", text)
    text = unicodedata.normalize("NFKC", text)
    return squash(text)


@lru_cache(maxsize=8192)
def core_key(text: str) -> str:
    """The label key without its leading enumerator (`（三）不予公开` → `不予公开`) (memoised: extraction
    asks for the key of every cell text several times)."""
    return strip_enumerator(label_key(text))


T = TypeVar("T")


@dataclass(frozen=True)
class Match(Generic[T]):
    target: T
    score: float


# Below this similarity two labels are not taken for the same one.
MIN_SIMILARITY = 0.8
# A shorter label counts as the start of a longer one (a label cut by a line break) from this length.
MIN_PREFIX = 4


def similarity(observed: str, canonical: str) -> float:
    if observed == canonical:
        return 1.0
    if len(observed) >= MIN_PREFIX and canonical.startswith(observed):
        return 0.9
    if len(canonical) >= MIN_PREFIX and observed.startswith(canonical):
        return 0.85
    matcher = SequenceMatcher(None, observed, canonical)
    # The cheap upper bounds settle most pairs without the full comparison.
    if matcher.real_quick_ratio() < MIN_SIMILARITY or matcher.quick_ratio() < MIN_SIMILARITY:
        return 0.0
    return matcher.ratio()


class LabelIndex(Generic[T]):
    """Finds which of a set of targets a printed label names, by the targets' labels and aliases."""

    def __init__(self, entries: Iterable[tuple[T, Sequence[str]]]) -> None:
        self._entries: list[tuple[T, list[str]]] = [
            (target, [k for k in (core_key(label) for label in labels) if k]) for target, labels in entries
        ]
        self._memo: dict[str, Match[T] | None] = {}

    def match(self, text: str) -> Match[T] | None:
        # Reports repeat the same labels endlessly: remember each answer.
        if text not in self._memo:
            self._memo[text] = self._match(core_key(text))
        return self._memo[text]

    def _match(self, observed: str) -> Match[T] | None:
        if not observed:
            return None
        for target, keys in self._entries:
            if observed in keys:
                return Match(target, 1.0)
        scored = sorted(
            ((max(similarity(observed, k) for k in keys), i) for i, (_, keys) in enumerate(self._entries)),
            reverse=True,
        )
        best, index = scored[0]
        if best < MIN_SIMILARITY:
            return None
        # An ambiguous match (two targets equally close) is no match: a number is never guessed.
        if len(scored) > 1 and scored[1][0] == best:
            return None
        return Match(self._entries[index][0], best)
