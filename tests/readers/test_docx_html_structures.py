"""Structures real Word files and web pages have: layout tables framing the form, text boxes, revisions,
legacy merges, site chrome, GBK pages and `&nbsp;` cells."""

from __future__ import annotations

import io
import zipfile

from nianbao.document import Paragraph, Table
from nianbao.readers import read_bytes

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"


def docx(body: str) -> bytes:
    document = f'<w:document xmlns:w="{W}" xmlns:mc="{MC}"><w:body>{body}</w:body></w:document>'
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        package.writestr("[Content_Types].xml", "<Types/>")
        package.writestr("word/document.xml", document)
    return buffer.getvalue()


def p(text: str) -> str:
    return f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>"


def tc(content: str, props: str = "") -> str:
    return f"<w:tc><w:tcPr>{props}</w:tcPr>{content}</w:tc>"


def test_layout_table_framing_a_report_reads_as_its_paragraphs_and_inner_table() -> None:
    inner = f"<w:tbl><w:tr>{tc(p('规章'))}{tc(p('3'))}</w:tr></w:tbl>"
    body = p("前言") + f"<w:tbl><w:tr>{tc(p('标题') + inner + p('结尾'))}</w:tr></w:tbl>" + p("后记")
    blocks = read_bytes(docx(body), "a.docx").blocks
    kinds = [b.text if isinstance(b, Paragraph) else [[c.text for c in r] for r in b.rows] for b in blocks]
    assert kinds == ["前言", "标题", [["规章", "3"]], "结尾", "后记"]


def test_text_box_is_read_once_and_deleted_revisions_are_not_text() -> None:
    box = f"<w:txbxContent>{p('文本框内容')}</w:txbxContent>"
    run = (
        f"<w:r><mc:AlternateContent><mc:Choice><w:drawing>{box}</w:drawing></mc:Choice>"
        f"<mc:Fallback><w:pict>{box}</w:pict></mc:Fallback></mc:AlternateContent></w:r>"
    )
    body = (
        f"<w:p><w:r><w:t>正文</w:t></w:r><w:del><w:r><w:delText>删掉的</w:delText></w:r></w:del>{run}</w:p>"
    )
    texts = [b.text for b in read_bytes(docx(body), "a.docx").paragraphs]
    assert texts == ["正文", "文本框内容"]


def test_vertical_and_legacy_horizontal_merges_follow_the_document_convention() -> None:
    restart = '<w:vMerge w:val="restart"/>'
    h_restart = '<w:hMerge w:val="restart"/>'
    rows = (
        f"<w:tr>{tc(p('甲'), restart)}{tc(p('乙'), h_restart)}{tc('<w:p/>', '<w:hMerge/>')}</w:tr>"
        f"<w:tr>{tc('<w:p/>', '<w:vMerge/>')}{tc(p('1'))}{tc(p(''))}</w:tr>"
    )
    table = read_bytes(docx(f"<w:tbl>{rows}</w:tbl>"), "a.docx").tables[0]
    assert [(c.text, c.colspan, c.rowspan) for c in table.rows[0]] == [("甲", 1, 2), ("乙", 2, 1)]
    # The merged cell appears once; the blank cell is present and blank.
    assert [c.text for c in table.rows[1]] == ["1", ""]


PAGE = """<!DOCTYPE html><html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">
<title>站点</title></head><body>
<div class="top"><a href="#">无障碍</a> <a href="#">长者模式</a></div>
<ul class="nav"><li><a href="/">首页</a></li><li><a href="/a">政务公开</a></li></ul>
<table width="100%"><tr><td>
<h1>示例镇2024年政府信息公开工作年度报告</h1>
<p>本镇全年主动公开信息一百余条，依法办理公开申请，答复均在法定期限内完成，群众满意度较高。</p>
<table border="1"><tr><td rowspan="2">规章</td><td>&nbsp;</td><td colspan="2">5</td></tr>
<tr><td>镕</td></tr></table>
</td></tr></table>
<div id="footer">版权所有：示例镇人民政府 示ICP备12345678号</div>
</body></html>"""


def test_gbk_page_drops_chrome_and_keeps_spans_and_blank_cells() -> None:
    document = read_bytes(PAGE.encode("gb18030"), "page.htm")
    assert document.format == "html"
    texts = [b.text for b in document.paragraphs]
    assert texts[0] == "示例镇2024年政府信息公开工作年度报告"
    assert not any(word in t for t in texts for word in ("无障碍", "首页", "ICP备", "版权所有"))
    table = next(t for t in document.tables if any(c.text == "规章" for r in t.rows for c in r))
    assert [(c.text, c.colspan, c.rowspan) for c in table.rows[0]] == [
        ("规章", 1, 2),
        ("", 1, 1),
        ("5", 2, 1),
    ]
    # A character outside GB2312 survives because GBK-family pages are decoded as GB18030.
    assert table.rows[1][0].text == "镕"


def test_markdown_pipe_table_skips_separator_and_keeps_breaks() -> None:
    text = (
        "# 标题\n\n| 信息内容 | 本年制发件数 |\n|:---|---:|\n| 规章 | 3 |\n| 行政<br>规范性文件 | &nbsp; |\n"
    )
    document = read_bytes(text.encode("utf-8"), "a.txt")
    assert document.format == "md"
    assert document.paragraphs[0].text == "标题"
    rows = [[c.text for c in r] for r in document.tables[0].rows]
    assert rows == [["信息内容", "本年制发件数"], ["规章", "3"], ["行政\n规范性文件", ""]]
    assert isinstance(document.blocks[1], Table)
    assert document.tables[0].rows[1][0].where.line == 5
