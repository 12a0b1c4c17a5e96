"""The files to ingest, keyed by the SHA-256 of their bytes: found by the one walker (`loader.walk`:
files as given, directories walked, zip archives opened)."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from ..loader import Input, walk
from ..readers import ReadError


@dataclass(frozen=True)
class SourceRef:
    """One input to ingest and the hash of its content (of nothing, when it cannot be read)."""

    input: Input
    sha256: str

    @property
    def display(self) -> str:
        return self.input.display


def digest(item: Input) -> str:
    try:
        data = item.read()
    except ReadError:
        # Missing or unreadable: keyed by its name (not as empty content); the worker reports why.
        data = f"unreadable:{item.display}".encode()
    return hashlib.sha256(data).hexdigest()


def sources(paths: Iterable[str | Path]) -> Iterator[SourceRef]:
    """Every input under the given paths, in the walker's stable order, with its content hash."""
    for item in walk(paths):
        yield SourceRef(item, digest(item))
