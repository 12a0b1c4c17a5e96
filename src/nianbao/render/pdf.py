"""A Report as PDF: the DOCX writer's output converted by LibreOffice headless.

Each LibreOffice process gets its own throw-away profile (`-env:UserInstallation`): two processes
sharing one profile make the second conversion silently produce nothing. The process sees our
fontconfig file (fonts.conf), which maps the 公文 font names onto Noto CJK, so the PDF embeds real
Chinese glyphs. Many files are converted in one call (`docx_to_pdf_many`): starting LibreOffice
costs far more than converting one report.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections.abc import Sequence
from pathlib import Path

from ..model import Report
from .docx import render_docx

FONTS_CONF = Path(__file__).with_name("fonts.conf")
# Seconds for starting LibreOffice plus a few seconds per file.
BASE_TIMEOUT = 120
PER_FILE_TIMEOUT = 10
_BINARIES = ("soffice", "libreoffice")


class PdfError(RuntimeError):
    """Why a PDF could not be written, in words for the user (Chinese)."""


def find_soffice() -> str | None:
    for name in _BINARIES:
        found = shutil.which(name)
        if found:
            return found
    return None


def docx_to_pdf_many(docx_files: Sequence[Path], outdir: Path, timeout: float | None = None) -> list[Path]:
    """Convert DOCX files to PDF in one LibreOffice run; the PDFs land in `outdir` by file stem."""
    soffice = find_soffice()
    if soffice is None:
        raise PdfError(
            "未找到 LibreOffice（soffice），无法生成 PDF。请先运行 scripts/install-system-deps.sh"
            "（或安装 libreoffice-writer-nogui 与 fonts-noto-cjk），也可以先输出 DOCX。"
        )
    stems = [p.stem for p in docx_files]
    if len(set(stems)) != len(stems):
        raise ValueError("DOCX files converted together need distinct names")
    outdir.mkdir(parents=True, exist_ok=True)
    limit = timeout if timeout is not None else BASE_TIMEOUT + PER_FILE_TIMEOUT * len(docx_files)
    with tempfile.TemporaryDirectory(prefix="nianbao-lo-") as profile:
        env = dict(os.environ, FONTCONFIG_FILE=str(FONTS_CONF), HOME=profile)
        command = [
            soffice,
            f"-env:UserInstallation={Path(profile).as_uri()}",
            "--headless",
            "--norestore",
            "--nolockcheck",
            "--convert-to",
            "pdf:writer_pdf_Export",
            "--outdir",
            str(outdir),
            *(str(p) for p in docx_files),
        ]
        try:
            done = subprocess.run(command, env=env, capture_output=True, timeout=limit, check=False)
        except subprocess.TimeoutExpired as exc:
            raise PdfError(f"LibreOffice 转换 PDF 超时（{limit:.0f} 秒），已放弃") from exc
    outputs = [outdir / f"{stem}.pdf" for stem in stems]
    missing = [p.name for p in outputs if not p.is_file() or p.stat().st_size == 0]
    if missing:
        detail = done.stderr.decode("utf-8", "replace").strip()[-300:]
        names = "、".join(missing[:5])
        raise PdfError(f"LibreOffice 未能生成 PDF：{names}（退出码 {done.returncode}；{detail}）")
    return outputs


def render_pdf(report: Report, draft: bool = False, timeout: float | None = None) -> bytes:
    with tempfile.TemporaryDirectory(prefix="nianbao-pdf-") as work:
        source = Path(work) / "report.docx"
        source.write_bytes(render_docx(report, draft))
        (pdf,) = docx_to_pdf_many([source], Path(work) / "out", timeout)
        return pdf.read_bytes()


def write_pdf(report: Report, path: str | Path, draft: bool = False) -> None:
    Path(path).write_bytes(render_pdf(report, draft))
