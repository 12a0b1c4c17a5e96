"""Finding the files to ingest: files as given, directories walked, zip archives opened; each file
named and keyed by the SHA-256 of its bytes."""

from __future__ import annotations

import hashlib
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from ..api import REPORT_SUFFIXES

ZIP_SEPARATOR = "!"


@dataclass(frozen=True)
class SourceRef:
    """One file to read: on disk (`member` None) or inside a zip archive at `path`."""

    path: str
    member: str | None
    sha256: str

    @property
    def display(self) -> str:
        return f"{self.path}{ZIP_SEPARATOR}{self.member}" if self.member else self.path

    @property
    def suffix(self) -> str:
        return PurePosixPath(self.member or self.path).suffix.lower()


def _wanted(name: str) -> bool:
    parts = PurePosixPath(name).parts
    return not any(p.startswith((".", "__MACOSX")) for p in parts) and PurePosixPath(name).suffix.lower() in (
        REPORT_SUFFIXES
    )


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _zip_members(path: Path) -> Iterator[SourceRef]:
    try:
        with zipfile.ZipFile(path) as archive:
            for info in sorted(archive.infolist(), key=lambda i: i.filename):
                if not info.is_dir() and _wanted(info.filename):
                    yield SourceRef(str(path), info.filename, _digest(archive.read(info)))
    except (zipfile.BadZipFile, OSError):
        # A broken archive is itself a file that failed; the worker reports why.
        yield SourceRef(str(path), None, _digest(path.read_bytes()))


def _is_zip_archive(path: Path) -> bool:
    # A .docx is also a zip file; only archives named .zip are opened and walked.
    return path.suffix.lower() == ".zip"


def _file(path: Path) -> Iterator[SourceRef]:
    if _is_zip_archive(path):
        yield from _zip_members(path)
    else:
        try:
            data = path.read_bytes()
        except OSError:
            data = b""
        yield SourceRef(str(path), None, _digest(data))


def walk(paths: Iterable[str | Path]) -> Iterator[SourceRef]:
    """Every report file under the given paths, in a stable order (arguments, then names)."""
    for path in map(Path, paths):
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                relative = child.relative_to(path).as_posix()
                if child.is_file() and (_is_zip_archive(child) or _wanted(relative)):
                    yield from _file(child)
        else:
            yield from _file(path)


def read_source(ref: SourceRef) -> bytes:
    if ref.member is None:
        return Path(ref.path).read_bytes()
    with zipfile.ZipFile(ref.path) as archive:
        return archive.read(ref.member)
