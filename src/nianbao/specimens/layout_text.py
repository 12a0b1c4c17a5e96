"""Text made by `pdftotext -layout` from a PDF: columns aligned by spaces, labels wrapped in their cells,
vertical labels down the left edge of 表三, page numbers between the lines of a table that runs over a
page break. The PDF is the project's own (render.pdf, through LibreOffice) of reports of every organ kind
and scale; the text is what poppler-utils' pdftotext makes of it, with or without its page-break marks.
Needs LibreOffice and poppler-utils (scripts/install-system-deps.sh)."""

from __future__ import annotations

import random
import shutil
import subprocess
import tempfile
from collections.abc import Sequence
from pathlib import Path

from ..render.pdf import reports_to_pdfs
from ..synth import SMALL, TOWNSHIP, generate
from .base import KINDS, LAST_YEAR, Specimen, organ_name

# Counts of up to three digits: a longer 总计 wraps inside its cell in the rendered PDF (not read yet).
_SCALES = (SMALL, TOWNSHIP)


def make_many(seeds: Sequence[int]) -> list[Specimen]:
    pdftotext = shutil.which("pdftotext")
    if pdftotext is None:
        raise RuntimeError("需要 poppler-utils 的 pdftotext：请运行 scripts/install-system-deps.sh")
    reports, options = [], []
    for seed in seeds:
        rng = random.Random(seed)
        year = rng.randint(2019, LAST_YEAR)
        reports.append(generate(seed, year, organ_name(rng, rng.choice(KINDS)), rng.choice(_SCALES)))
        options.append(["-nopgbrk"] if rng.random() < 0.3 else [])
    specimens = []
    with tempfile.TemporaryDirectory(prefix="nianbao-layout-") as work:
        pdfs = reports_to_pdfs(reports, Path(work))
        for seed, report, pdf, extra in zip(seeds, reports, pdfs, options, strict=True):
            text = subprocess.run(
                [pdftotext, "-layout", *extra, str(pdf), "-"], check=True, capture_output=True
            ).stdout
            specimens.append(Specimen(f"pdftotext-layout-{seed}.txt", text, report))
    return specimens


def make(seed: int) -> Specimen:
    return make_many([seed])[0]
