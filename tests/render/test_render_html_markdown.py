"""HTML and Markdown writers: standalone page with merged tables; pipe tables with every cell filled."""

from __future__ import annotations

from lxml import html as lxml_html

from nianbao.render import render_html, render_markdown
from nianbao.synth import generate


def test_html_is_standalone_with_merged_tables() -> None:
    page = render_html(generate(4, 2024, "示例县民政局"))
    tree = lxml_html.fromstring(page)
    assert tree.findtext(".//h1") == "示例县民政局2024年政府信息公开工作年度报告"
    assert not tree.xpath("//script | //link | //img")
    assert "@page" in page and "A4" in page
    assert tree.findtext(".//h2") == "一、总体情况"
    tables = tree.findall(".//table")
    assert len(tables) == 3
    note = tables[1].find(".//th")
    assert note.get("colspan") == "3" and note.get("rowspan") == "3"
    values = [td.text for td in tables[1].xpath(".//td[not(@class)]")]
    assert len(values) == 25 * 7 and all(v and v.strip() for v in values)


def test_html_draft_banner_after_content() -> None:
    tree = lxml_html.fromstring(render_html(generate(4, 2024), draft=True))
    banner = tree.find_class("draft")
    assert banner and "草稿" in banner[0].text_content()
    assert "草稿" not in (tree.findtext(".//h1") or "")


def test_markdown_pipe_tables_full_width() -> None:
    text = render_markdown(generate(9, 2020))
    lines = text.splitlines()
    assert lines[0].startswith("# ") and lines[0].endswith("年政府信息公开工作年度报告")
    table_lines = [line for line in lines if line.startswith("|")]
    t3 = [line for line in table_lines if line.count("|") == 11]
    assert len(t3) == 3 + 1 + 23  # three header rows, the separator, 23 E2019 data rows
    assert "## 六、其他需要报告的事项" in lines
    assert "草稿" in render_markdown(generate(9, 2020), draft=True)
