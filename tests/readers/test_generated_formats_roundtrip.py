"""Generated reports laid out as DOCX, HTML (UTF-8 and GBK) and Markdown in varied layouts parse back
with every cell right: the readers and extraction together lose and invent nothing."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from report_layouts import Layout, layouts, to_docx, to_html, to_markdown

from nianbao import parse
from nianbao.model import Report
from nianbao.readers import read_bytes, sniff
from nianbao.synth import generate

DOCUMENTS = 20
ORGANS = ("示例县城关镇人民政府", "示例市自然资源局", "示例区人民政府办公室")


def generated(index: int) -> tuple[Report, Layout]:
    year = 2020 if index % 3 == 0 else 2021 + index % 4
    report = generate(seed=1000 + index, year=year, organ=ORGANS[index % len(ORGANS)])
    if index % 5 == 4:
        # Blank cells, as in reports that fill only the 总计 column: they must read back as None.
        for cells in report.tables["applications"].values():
            for col in cells:
                if col != "total":
                    cells[col] = None
        report.tables["review_litigation"]["lit_direct"]["pending"] = None
    if index % 5 == 2:
        # Rows ending in blank cells, as web pages print them (`<td>&nbsp;</td>`): 表三 with its 总计
        # column left blank and 表四 with its last group blank; the blanks are cells, not padding.
        for cells in report.tables["applications"].values():
            cells["total"] = None
        for col in report.tables["review_litigation"]["lit_after_review"]:
            report.tables["review_litigation"]["lit_after_review"][col] = None
    return report, layouts()[index % len(layouts())]


def cell_mismatches(parsed: Report, expected: Report) -> list[str]:
    """Every cell of the expected tables, compared by value and type (1 and 1.0 and None differ)."""
    wrong: list[str] = []
    for table, rows in expected.tables.items():
        for row, cells in rows.items():
            for col, value in cells.items():
                got = parsed.tables.get(table, {}).get(row, {}).get(col, "<missing>")
                if got != value or type(got) is not type(value):
                    wrong.append(f"{table}.{row}.{col}: {got!r} != {value!r}")
    for table, rows in parsed.tables.items():
        for row, cells in rows.items():
            for col in cells:
                if col not in expected.tables.get(table, {}).get(row, {}):
                    wrong.append(f"{table}.{row}.{col}: extra cell")
    return wrong


def check(path: Path, expected: Report, fmt: str) -> None:
    parsed = parse(path)
    assert parsed.source.format == fmt
    assert (parsed.organ, parsed.year, parsed.edition) == (expected.organ, expected.year, expected.edition)
    assert cell_mismatches(parsed, expected) == []
    assert not [f for f in parsed.findings if f.rule in ("G-UNPLACED", "T4-SHAPE")]


Writer = Callable[[Report, Layout, int], bytes]
WRITERS: dict[str, tuple[Writer, str]] = {
    "docx": (lambda r, lay, i: to_docx(r, lay), "docx"),
    "html-utf8": (lambda r, lay, i: to_html(r, lay, "utf-8", i), "html"),
    "html-gbk": (lambda r, lay, i: to_html(r, lay, "gbk", i), "html"),
    "markdown": (lambda r, lay, i: to_markdown(r, lay).encode("utf-8"), "md"),
}


@pytest.mark.parametrize("kind", list(WRITERS))
def test_generated_documents_parse_with_every_cell_right(kind: str, tmp_path: Path) -> None:
    write, fmt = WRITERS[kind]
    for index in range(DOCUMENTS):
        expected, layout = generated(index)
        # A misleading file name: the format must come from the content.
        path = tmp_path / f"report-{index}.bin"
        path.write_bytes(write(expected, layout, index))
        check(path, expected, fmt)


def test_format_is_sniffed_from_content_not_name(tmp_path: Path) -> None:
    expected, layout = generated(1)
    samples = {
        "docx": to_docx(expected, layout),
        "html": to_html(expected, layout, "gbk", 0),
        "md": to_markdown(expected, layout).encode("utf-8"),
    }
    for fmt, data in samples.items():
        assert read_bytes(data, "report.txt").format == fmt
    assert sniff(samples["docx"]) == "zip"
