"""A Report as PDF: the DOCX writer's output converted by LibreOffice headless.

Each run gets a throw-away LibreOffice profile (nianbao.office), so conversions may run side by side.
The process sees our fontconfig file (fonts.conf), which maps the 公文 font names onto Noto CJK, so
the PDF embeds real Chinese glyphs. Many files are converted in one call (`docx_to_pdf_many`).
"""

from __future__ import annotations

import tempfile
from collections.abc import Sequence
from pathlib import Path

from ..model import Report
from ..office import INSTALL_HINT, OfficeError, convert, find_soffice
from .docx import docx_of, render_docx
from .layout import Composition

FONTS_CONF = Path(__file__).with_name("fonts.conf")
# Seconds for starting LibreOffice plus a few seconds per file.
BASE_TIMEOUT = 120
PER_FILE_TIMEOUT = 10


class PdfError(RuntimeError):
    """Why a PDF could not be written, in words for the user (Chinese)."""


def docx_to_pdf_many(docx_files: Sequence[Path], outdir: Path, timeout: float | None = None) -> list[Path]:
    """Convert DOCX files to PDF in one LibreOffice run; the PDFs land in `outdir` by file stem."""
    if find_soffice() is None:
        raise PdfError(f"未找到 LibreOffice（soffice），无法生成 PDF。{INSTALL_HINT}，也可以先输出 DOCX。")
    stems = [p.stem for p in docx_files]
    if len(set(stems)) != len(stems):
        raise ValueError("DOCX files converted together need distinct names")
    limit = timeout if timeout is not None else BASE_TIMEOUT + PER_FILE_TIMEOUT * len(docx_files)
    try:
        errors = convert(docx_files, outdir, "pdf:writer_pdf_Export", limit, fonts=FONTS_CONF)
    except OfficeError as exc:
        raise PdfError(f"LibreOffice 无法生成 PDF：{exc}") from None
    outputs = [outdir / f"{stem}.pdf" for stem in stems]
    missing = [p.name for p in outputs if not p.is_file() or p.stat().st_size == 0]
    if missing:
        names = "、".join(missing[:5])
        raise PdfError(f"LibreOffice 未能生成 PDF：{names}（{errors.strip()[-300:]}）")
    return outputs


def reports_to_pdfs(
    reports: Sequence[Report], workdir: Path, draft: bool = False, timeout: float | None = None
) -> list[Path]:
    """Many Reports as PDF files in `workdir` (one LibreOffice run), in the order given."""
    workdir.mkdir(parents=True, exist_ok=True)
    sources = []
    for index, report in enumerate(reports):
        source = workdir / f"report-{index:05d}.docx"
        source.write_bytes(render_docx(report, draft))
        sources.append(source)
    return docx_to_pdf_many(sources, workdir / "pdf", timeout)


def render_pdf(report: Report, draft: bool = False, timeout: float | None = None) -> bytes:
    with tempfile.TemporaryDirectory(prefix="nianbao-pdf-") as work:
        (pdf,) = reports_to_pdfs([report], Path(work), draft, timeout)
        return pdf.read_bytes()


def write_pdf(report: Report, path: str | Path, draft: bool = False) -> None:
    Path(path).write_bytes(render_pdf(report, draft))


def save_pdf(comp: Composition, path: Path, draft: bool = False, letterhead: Path | None = None) -> None:
    """The composed report as a PDF file (one LibreOffice run), on a unit's letterhead if given."""
    with tempfile.TemporaryDirectory(prefix="nianbao-pdf-") as work:
        source = Path(work) / "report.docx"
        source.write_bytes(docx_of(comp, draft, letterhead))
        (pdf,) = docx_to_pdf_many([source], Path(work) / "pdf")
        path.write_bytes(pdf.read_bytes())
