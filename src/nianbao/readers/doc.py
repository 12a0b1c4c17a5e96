"""Legacy Word (.doc), WPS (.wps) and RTF files: LibreOffice converts them to DOCX, the DOCX reader
reads the result.

Each Python process keeps one LibreOffice profile (reused: a fresh profile is slow to start) and its
conversions take turns; nianbao.office runs LibreOffice and kills a conversion that runs too long.
"""

from __future__ import annotations

import os
import tempfile
import threading
from collections.abc import Sequence
from pathlib import Path

from ..document import Block
from ..office import OfficeError, convert
from .docx import read_docx
from .errors import ReadError

DEFAULT_TIMEOUT = 120.0
_LOCK = threading.Lock()
# Input suffix by sniffed container: LibreOffice picks its import filter partly by the name.
_SUFFIX = {"ole": ".doc", "rtf": ".rtf"}


def _profile_dir() -> Path:
    return Path(tempfile.gettempdir()) / f"nianbao-libreoffice-{os.getuid()}-{os.getpid()}"


def convert_files(
    files: Sequence[Path], outdir: Path, target: str = "docx", timeout: float = DEFAULT_TIMEOUT
) -> None:
    """Convert several files in one LibreOffice run, in this process's own profile (one run at a time).

    Raises ReadError naming the first file when LibreOffice is missing or runs past `timeout`.
    """
    try:
        with _LOCK:
            convert(files, outdir, target, timeout, profile=_profile_dir())
    except OfficeError as exc:
        name = str(files[0]) if files else "LibreOffice"
        raise ReadError(name, f"读取 DOC/WPS/RTF 文件需要 LibreOffice：{exc}") from None


def read_doc(data: bytes, path: str, kind: str, timeout: float = DEFAULT_TIMEOUT) -> list[Block]:
    """The blocks of a DOC, WPS (`kind="ole"`) or RTF (`kind="rtf"`) file, by way of DOCX."""
    with tempfile.TemporaryDirectory(prefix="nianbao-doc-") as work:
        source = Path(work) / f"input{_SUFFIX.get(kind, '.doc')}"
        source.write_bytes(data)
        outdir = Path(work) / "out"
        outdir.mkdir()
        try:
            convert_files([source], outdir, "docx", timeout)
        except ReadError as exc:
            raise ReadError(path, exc.reason) from None
        result = outdir / "input.docx"
        if not result.is_file() or result.stat().st_size == 0:
            raise ReadError(
                path, "LibreOffice 无法转换该文件，文件可能已损坏、已加密或不是 Word/WPS/RTF 文档"
            )
        return read_docx(result.read_bytes(), path)
