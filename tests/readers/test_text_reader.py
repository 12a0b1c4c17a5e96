"""The text reader: encodings are detected, both table layouts become grids, bad bytes are refused."""

from __future__ import annotations

import io
import os
import zipfile
from pathlib import Path

import pytest

from nianbao.document import Paragraph, Table
from nianbao.readers import ReadError, read_bytes, read_path
from nianbao.readers.text import text_blocks

SAMPLE = "示例镇2024年政府信息公开工作年度报告\n\n一、总体情况\n\n规章\t1\t0\t3\n"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030", "gbk", "utf-16"])
def test_encodings_are_detected(encoding: str) -> None:
    doc = read_bytes(SAMPLE.encode(encoding), "x.txt")
    assert doc.paragraphs[0].text == "示例镇2024年政府信息公开工作年度报告"
    assert [c.text for c in doc.tables[0].rows[0]] == ["规章", "1", "0", "3"]


def test_tab_rows_keep_line_numbers_and_empty_cells() -> None:
    blocks = text_blocks("标题\n\n甲\t\t1\t\n乙\t2\t\t3\n")
    table = blocks[1]
    assert isinstance(table, Table)
    assert [c.text for c in table.rows[0]] == ["甲", "", "1", ""]
    assert table.rows[1][0].where.line == 4


def test_one_cell_per_line_layout_with_cells_broken_over_lines() -> None:
    text = "\t信息内容\n\t本年新\n制作数量\n\t对外公开\n总数量\n\n\t规章\n\t0\n\t5\n\n正文\n"
    blocks = text_blocks(text)
    table = blocks[0]
    assert isinstance(table, Table)
    assert [c.text for c in table.rows[0]] == ["信息内容", "本年新\n制作数量", "对外公开\n总数量"]
    assert [c.text for c in table.rows[1]] == ["规章", "0", "5"]
    assert isinstance(blocks[1], Paragraph) and blocks[1].text == "正文"


def test_blank_lines_inside_a_tab_table_do_not_split_it() -> None:
    blocks = text_blocks("a\t1\n\n\t\t续\t\n\nb\t2\n")
    assert len(blocks) == 1 and len(blocks[0].rows) == 3  # type: ignore[union-attr]


def test_empty_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    with pytest.raises(ReadError, match="文件为空"):
        read_path(path)


def test_random_bytes_are_refused() -> None:
    with pytest.raises(ReadError, match="编码"):
        read_bytes(os.urandom(4096) + b"\x00", "random.bin")


def test_missing_path_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ReadError, match="不存在"):
        read_path(tmp_path / "nope.txt")


def test_unsupported_container_names_the_format() -> None:
    # A ZIP package that is not a Word document (here a spreadsheet) is refused with a reason.
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        package.writestr("xl/workbook.xml", "<workbook/>")
    with pytest.raises(ReadError, match="DOCX") as excinfo:
        read_bytes(buffer.getvalue(), "a.xlsx")
    assert excinfo.value.path == "a.xlsx"
