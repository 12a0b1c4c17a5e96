"""Fuzzing every reader with truncated and mutated files: the outcome is always a Report (possibly
partial, with findings) or a ReadError with a reason for people — never another exception or a hang."""

from __future__ import annotations

import io
import re
import tempfile
import zipfile
from collections.abc import Callable
from datetime import timedelta
from functools import cache
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from report_layouts import Layout, to_docx, to_html, to_markdown

from nianbao import parse
from nianbao.readers import ReadError
from nianbao.render import render_text
from nianbao.synth import generate

CJK = re.compile(r"[\u4e00-\u9fff]")
FUZZ = settings(
    max_examples=40,
    deadline=timedelta(seconds=10),
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    derandomize=True,
)


@cache
def seeds() -> dict[str, bytes]:
    """One valid file per format, the starting point of every mutation."""
    report = generate(7, 2024)
    layout = Layout(spaced=True, split=True)
    return {
        "text": render_text(report).encode("utf-8"),
        "docx": to_docx(report, layout),
        "html-utf8": to_html(report, layout, "utf-8", 1),
        "html-gbk": to_html(report, layout, "gbk", 2),
        "markdown": to_markdown(report, Layout(merged=False)).encode("utf-8"),
    }


def outcome(data: bytes) -> str:
    """Parse bytes as a file; return "report" or "error", failing on any other exception."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "fuzzed"
        path.write_bytes(data)
        try:
            report = parse(path)
        except ReadError as exc:
            # A clear message: it names the file and gives a reason in Chinese.
            assert exc.path == str(path)
            assert CJK.search(exc.reason), exc.reason
            return "error"
    assert report.source.path == str(path)
    report.to_json()  # a partial report is still a valid contract object
    return "report"


def truncations(data: bytes) -> st.SearchStrategy[bytes]:
    return st.integers(min_value=0, max_value=len(data)).map(lambda n: data[:n])


def mutations(data: bytes) -> st.SearchStrategy[bytes]:
    """Bytes overwritten, inserted or deleted at a few positions."""

    @st.composite
    def mutate(draw: st.DrawFn) -> bytes:
        buffer = bytearray(data)
        for _ in range(draw(st.integers(1, 8))):
            if not buffer:
                break
            at = draw(st.integers(0, len(buffer) - 1))
            action = draw(st.sampled_from(["flip", "insert", "delete"]))
            if action == "flip":
                buffer[at] = draw(st.integers(0, 255))
            elif action == "insert":
                buffer[at:at] = draw(st.binary(min_size=1, max_size=16))
            else:
                del buffer[at : at + draw(st.integers(1, 64))]
        return bytes(buffer)

    return mutate()


def rezipped_mutations(docx: bytes) -> st.SearchStrategy[bytes]:
    """DOCX whose document.xml is mutated and packed again, so the damage reaches the XML reader."""
    with zipfile.ZipFile(io.BytesIO(docx)) as package:
        parts = {name: package.read(name) for name in package.namelist()}

    def pack(xml: bytes) -> bytes:
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as out:
            for name, content in parts.items():
                out.writestr(name, xml if name == "word/document.xml" else content)
        return buffer.getvalue()

    xml = parts["word/document.xml"]
    return st.one_of(truncations(xml), mutations(xml)).map(pack)


FORMATS = ["text", "docx", "html-utf8", "html-gbk", "markdown"]


@pytest.mark.parametrize("fmt", FORMATS)
def test_truncated_files_never_crash(fmt: str) -> None:
    @FUZZ
    @given(truncations(seeds()[fmt]))
    def check(data: bytes) -> None:
        outcome(data)

    check()


@pytest.mark.parametrize("fmt", FORMATS)
def test_mutated_files_never_crash(fmt: str) -> None:
    @FUZZ
    @given(mutations(seeds()[fmt]))
    def check(data: bytes) -> None:
        outcome(data)

    check()


def test_docx_with_mutated_xml_never_crashes() -> None:
    @FUZZ
    @given(rezipped_mutations(seeds()["docx"]))
    def check(data: bytes) -> None:
        outcome(data)

    check()


def test_arbitrary_bytes_never_crash() -> None:
    @FUZZ
    @given(st.binary(max_size=2048))
    def check(data: bytes) -> None:
        outcome(data)

    check()


def test_pdf_truncated_and_mutated_never_crash(corpus: Path) -> None:
    pdf = (corpus / "jiangsu" / "hongze-2024.pdf").read_bytes()
    cut: Callable[[int], bytes] = lambda n: pdf[:n]  # noqa: E731

    @settings(FUZZ, max_examples=12, deadline=timedelta(seconds=60))
    @given(st.one_of(st.integers(0, len(pdf)).map(cut), mutations(pdf)))
    def check(data: bytes) -> None:
        outcome(data)

    check()


def test_damage_gives_a_partial_report_or_a_reason() -> None:
    # Cutting a DOCX package or an HTML page short: both outcomes happen, and neither is a crash.
    docx, page = seeds()["docx"], seeds()["html-utf8"]
    assert outcome(docx[: len(docx) // 2]) == "error"
    assert outcome(page[: len(page) // 2]) == "report"


@cache
def generated_pdf() -> bytes:
    """A text-layer PDF of a generated report (DOCX renderer + LibreOffice), with ruled tables."""
    from nianbao.render.pdf import find_soffice, render_pdf

    if find_soffice() is None:
        pytest.fail("LibreOffice is needed to make the PDF fixture: run scripts/install-system-deps.sh")
    return render_pdf(generate(7, 2024))


def test_generated_pdf_truncated_and_mutated_never_crash() -> None:
    pdf = generated_pdf()
    cut: Callable[[int], bytes] = lambda n: pdf[:n]  # noqa: E731

    @settings(FUZZ, max_examples=30, deadline=timedelta(seconds=60))
    @given(st.one_of(st.integers(0, len(pdf)).map(cut), mutations(pdf)))
    def check(data: bytes) -> None:
        outcome(data)

    check()


def test_generated_pdf_cut_short_gives_a_report_or_a_reason() -> None:
    pdf = generated_pdf()
    assert outcome(pdf) == "report"
    # Without its trailer neither pdfium nor pdfplumber can open the file: a reason, not a crash
    # (`outcome` checks that the message names the file and says why in Chinese).
    assert outcome(pdf[: len(pdf) - 200]) == "error"
    assert outcome(pdf[: len(pdf) // 2]) == "error"


@cache
def generated_doc() -> bytes:
    """A Word 97 .doc of a generated report, converted by LibreOffice from the DOCX seed."""
    from nianbao.office import find_soffice
    from nianbao.readers.doc import convert_files

    if find_soffice() is None:
        pytest.fail("LibreOffice is needed to make the DOC fixture: run scripts/install-system-deps.sh")
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "seed.docx"
        source.write_bytes(seeds()["docx"])
        convert_files([source], Path(folder), "doc")
        return (Path(folder) / "seed.doc").read_bytes()


def test_doc_truncated_and_mutated_never_crash() -> None:
    # Few examples: every one starts LibreOffice, which takes a second or two.
    doc = generated_doc()

    @settings(FUZZ, max_examples=6, deadline=timedelta(seconds=150))
    @given(st.one_of(truncations(doc), mutations(doc)))
    def check(data: bytes) -> None:
        outcome(data)

    check()
