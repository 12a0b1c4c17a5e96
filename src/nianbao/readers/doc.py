"""Legacy Word (.doc), WPS (.wps) and RTF files: LibreOffice converts them to DOCX, the DOCX reader
reads the result.

LibreOffice keeps state in a user profile, and two processes sharing one profile make the second
conversion silently produce nothing; so each Python process gets its own profile directory and
conversions inside one process take turns. A conversion that runs past its time limit is killed.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
import threading
from collections.abc import Sequence
from pathlib import Path

from ..document import Block
from .docx import read_docx
from .errors import ReadError

DEFAULT_TIMEOUT = 120.0
_INSTALL_HINT = "请运行 scripts/install-system-deps.sh，或执行 apt-get install libreoffice-writer-nogui"
_LOCK = threading.Lock()
# Input suffix by sniffed container: LibreOffice picks its import filter partly by the name.
_SUFFIX = {"ole": ".doc", "rtf": ".rtf"}


def soffice_binary() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def _profile_dir() -> Path:
    return Path(tempfile.gettempdir()) / f"nianbao-libreoffice-{os.getuid()}-{os.getpid()}"


def convert_files(
    files: Sequence[Path], outdir: Path, target: str = "docx", timeout: float = DEFAULT_TIMEOUT
) -> None:
    """Convert several files in one LibreOffice run (start-up is most of the cost).

    Output files are named like the inputs with the target suffix; a file LibreOffice cannot read
    simply has no output, which the caller reports. Raises ReadError naming the first file when
    LibreOffice is missing or runs past `timeout`.
    """
    name = str(files[0]) if files else "LibreOffice"
    binary = soffice_binary()
    if binary is None:
        raise ReadError(name, f"读取 DOC/WPS/RTF 文件需要 LibreOffice，但本机未安装。{_INSTALL_HINT}")
    command = [
        binary,
        f"-env:UserInstallation={_profile_dir().as_uri()}",
        "--headless",
        "--invisible",
        "--norestore",
        "--nolockcheck",
        "--nodefault",
        "--nologo",
        "--convert-to",
        target,
        "--outdir",
        str(outdir),
        *map(str, files),
    ]
    with _LOCK:
        process = subprocess.Popen(
            command,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            start_new_session=True,  # its own process group, so a timeout can stop every child
        )
        try:
            process.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.communicate()
            raise ReadError(name, f"LibreOffice 转换超过 {timeout:.0f} 秒仍未完成，已停止") from None


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
