"""A CMS page's own title outside its article: the headline, the ArticleTitle/Title meta, <title> without the
site's name. They reach the Document as title hints, and a page whose body prints no title gets its organ."""

from __future__ import annotations

from pathlib import Path

import nianbao
from nianbao.readers import read_bytes
from nianbao.readers.file_metadata import file_titles

TITLE = "某市商务局2023年政府信息公开工作年度报告"
BODY = "<p>本报告根据《中华人民共和国政府信息公开条例》编制。</p><p>一、总体情况</p><p>正文。</p>" * 3


def page(head: str, before_article: str = "") -> bytes:
    return (
        f'<html><head><meta charset="utf-8">{head}</head><body>'
        f'<div class="nav"><a href="/">首页</a></div>{before_article}'
        f'<div class="article_content">{BODY}</div>'
        '<ul class="related"><li><a href="/x">某市商务局2022年政府信息公开工作年度报告</a></li></ul>'
        "</body></html>"
    ).encode()


def test_title_element_loses_the_site_and_column_names() -> None:
    for whole in (
        f"{TITLE}_政府信息公开年报_某市人民政府",
        f"某市人民政府 - {TITLE}",
        f"{TITLE}|某市商务局",
        f"{TITLE}——某市人民政府门户网站",
    ):
        assert file_titles(page(f"<title>{whole}</title>"), "html") == [TITLE]


def test_meta_names_come_before_the_title_element() -> None:
    head = (
        f'<title>首页_某市人民政府</title><meta name="ArticleTitle" content="{TITLE}">'
        '<meta property="og:title" content="另一个标题">'
    )
    # <title> gives its longest part: the site's name here, which names no report and is never taken.
    assert file_titles(page(head), "html") == [TITLE, "另一个标题", "某市人民政府"]
    assert file_titles(b"%PDF-1.4", "pdf") == []


def test_headline_outside_the_article_and_link_lists_left_out() -> None:
    document = read_bytes(page("", f'<div class="detail-title">{TITLE}</div>'), "a.html")
    assert document.metadata_titles == [TITLE]
    assert all(TITLE not in getattr(b, "text", "") for b in document.blocks)


def test_page_without_a_title_in_its_body_gets_organ_and_title_from_its_meta(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_bytes(page(f'<meta name="ArticleTitle" content="{TITLE}"><title>{TITLE}_某市人民政府</title>'))
    report = nianbao.parse(path)
    assert (report.title, report.organ, report.year) == (TITLE, "某市商务局", 2023)
