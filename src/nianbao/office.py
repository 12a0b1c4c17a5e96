"""LibreOffice headless: the one place that starts it, for reading (DOC/WPS/RTF → DOCX) and for
writing (DOCX → PDF).

LibreOffice keeps state in a user profile, and two processes sharing one profile make the second
conversion silently produce nothing: every run gets a profile of its own, either a throw-away one or
one the caller keeps for its process (and then runs one conversion at a time). A run past its time
limit is killed with its whole process group. Many files go into one run, because starting
LibreOffice costs far more than converting a report.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import tempfile
from collections.abc import Sequence
from contextlib import AbstractContextManager, nullcontext
from pathlib import Path

INSTALL_HINT = "请运行 scripts/install-system-deps.sh（安装 libreoffice-writer-nogui 与 fonts-noto-cjk）"


class OfficeError(RuntimeError):
    """LibreOffice is missing or ran too long; the message is for people (Chinese)."""


def find_soffice() -> str | None:
    """The LibreOffice program on PATH, or None when it is not installed."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert(
    files: Sequence[Path],
    outdir: Path,
    target: str,
    timeout: float,
    profile: Path | None = None,
    fonts: Path | None = None,
) -> str:
    """Convert `files` into `outdir` as `target` (e.g. "docx", "pdf:writer_pdf_Export") in one run.

    Outputs are named like the inputs; a file LibreOffice cannot read simply has none, which the
    caller reports. Returns LibreOffice's error output for such messages. `fonts` is a fontconfig
    file for the run (it maps the 公文 font names onto installed CJK fonts).
    """
    binary = find_soffice()
    if binary is None:
        raise OfficeError(f"本机未安装 LibreOffice。{INSTALL_HINT}")
    outdir.mkdir(parents=True, exist_ok=True)
    place: AbstractContextManager[str] = (
        nullcontext(str(profile)) if profile else tempfile.TemporaryDirectory(prefix="nianbao-lo-")
    )
    # LibreOffice's own temporary files go into a folder removed after the run, even a killed run.
    with place as folder, tempfile.TemporaryDirectory(prefix="nianbao-lo-tmp-") as scratch:
        env = dict(os.environ, HOME=folder, TMPDIR=scratch)
        if fonts is not None:
            env["FONTCONFIG_FILE"] = str(fonts)
        command = [
            binary,
            f"-env:UserInstallation={Path(folder).as_uri()}",
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
        process = subprocess.Popen(
            command,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            start_new_session=True,  # its own process group, so a timeout can stop every child
        )
        try:
            _, errors = process.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            _stop(process)
            raise OfficeError(f"LibreOffice 转换超过 {timeout:.0f} 秒仍未完成，已停止") from None
        except BaseException:
            # The caller's own limit fired (or the user pressed Ctrl-C): LibreOffice must not outlive it.
            _stop(process)
            raise
    return errors.decode("utf-8", "replace")


def _stop(process: subprocess.Popen[bytes]) -> None:
    """Kill LibreOffice with every process it started (its own process group) and reap it."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)
    process.communicate()
