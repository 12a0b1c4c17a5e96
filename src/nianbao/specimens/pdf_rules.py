"""PDFs whose tables have no ruling lines, or only horizontal rules (a 三线表, rows ruled off but no column
lines): the project's own DOCX of reports of every organ kind, with the table borders taken away or the
vertical ones only, printed by LibreOffice. Their cells can only be read by the text's positions.
Needs LibreOffice (scripts/install-system-deps.sh)."""

from __future__ import annotations

import re
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path

from ..render.docx import render_docx
from ..render.pdf import docx_to_pdf_many
from .base import Specimen, draw, with_document_xml

_SIDES = ("top", "left", "bottom", "right", "insideH", "insideV")
HORIZONTAL = frozenset({"top", "bottom", "insideH"})
NONE: frozenset[str] = frozenset()
# What a PDF writer stamps that changes from run to run (dates, the file identifier): fixed here so the
# same seed gives the same bytes.
_STAMPS = re.compile(rb"(/CreationDate\s*\(|/ModDate\s*\(|/DocChecksum\s*/)([^)\n]*)|(/ID\s*\[)([^\]]*)")


def _ruled(docx: bytes, ruled: frozenset[str]) -> bytes:
    """The document with every table's borders set: `ruled` sides single, the others none."""
    borders = "".join(
        f'<w:{side} w:val="{"single" if side in ruled else "nil"}" w:sz="4" w:space="0" w:color="000000"/>'
        for side in _SIDES
    )

    def bordered(xml: str) -> str:
        xml = re.sub(r"<w:tblBorders>.*?</w:tblBorders>", "", xml)
        return xml.replace("</w:tblPr>", f"<w:tblBorders>{borders}</w:tblBorders></w:tblPr>")

    return with_document_xml(docx, bordered)


def _steady(pdf: bytes) -> bytes:
    """The PDF with its stamps' letters and digits zeroed (same length: the offsets stay right)."""

    def zeroed(match: re.Match[bytes]) -> bytes:
        key, value = (match.group(1), match.group(2)) if match.group(1) else (match.group(3), match.group(4))
        return key + re.sub(rb"[0-9A-Za-z+'\-]", b"0", value)

    return _STAMPS.sub(zeroed, pdf)


def maker(ruled: frozenset[str], name: str) -> Callable[[Sequence[int]], list[Specimen]]:
    def make_many(seeds: Sequence[int]) -> list[Specimen]:
        reports = [draw(seed).report for seed in seeds]
        with tempfile.TemporaryDirectory(prefix="nianbao-rules-") as work:
            sources = []
            for seed, report in zip(seeds, reports, strict=True):
                source = Path(work) / f"{name}-{seed}.docx"
                source.write_bytes(_ruled(render_docx(report), ruled))
                sources.append(source)
            pdfs = docx_to_pdf_many(sources, Path(work) / "pdf")
            return [
                Specimen(f"{name}-{seed}.pdf", _steady(pdf.read_bytes()), report)
                for seed, report, pdf in zip(seeds, reports, pdfs, strict=True)
            ]

    return make_many
