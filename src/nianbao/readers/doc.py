"""Legacy Word (.doc), WPS (.wps) and RTF files: LibreOffice converts them to DOCX, the DOCX reader
reads the result.

Each Python process keeps one LibreOffice profile (reused: a fresh profile is slow to start) and its
conversions take turns; nianbao.office runs LibreOffice and kills a conversion that runs too long.
"""

from __future__ import annotations

import atexit
import multiprocessing.util
import os
import shutil
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


_PROFILE_PREFIX = "nianbao-libreoffice-"
_profiles: set[Path] = set()


def _profile_dir() -> Path:
    """This process's profile, removed when the process ends (also a pool worker, which runs
    multiprocessing's finalizers rather than atexit); a profile left by a killed process is removed by
    the next process that needs one."""
    folder = Path(tempfile.gettempdir()) / f"{_PROFILE_PREFIX}{os.getuid()}-{os.getpid()}"
    if folder not in _profiles:
        _profiles.add(folder)
        _remove_orphans()
        atexit.register(_remove_profiles)
        multiprocessing.util.Finalize(None, _remove_profiles, exitpriority=10)
    return folder


def _remove_profiles() -> None:
    for folder in list(_profiles):
        if folder.name.endswith(f"-{os.getpid()}"):  # not a forked child's copy of the parent's set
            shutil.rmtree(folder, ignore_errors=True)
            _profiles.discard(folder)


def _remove_orphans() -> None:
    """Profiles of this user's processes that no longer exist."""
    for folder in Path(tempfile.gettempdir()).glob(f"{_PROFILE_PREFIX}{os.getuid()}-*"):
        pid = folder.name.rsplit("-", 1)[-1]
        if pid.isdigit() and not _alive(int(pid)):
            shutil.rmtree(folder, ignore_errors=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


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
