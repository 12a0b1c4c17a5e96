"""Government CMS pages whose article does not print the report's title: the title is only in the page's
headline above the article, in the ArticleTitle/Title/og:title meta, or in <title> with the column's and
site's names around it. Around the article: a logo heading, menus, a breadcrumb, an info bar, a list of
other years' reports and a footer, in UTF-8 or GBK."""

from __future__ import annotations

import random
from html import escape

from ..render.html import render_html
from .base import Specimen, draw, site_name

_HEADLINES = (
    '<div class="article_title_group"><div class="article_title">{t}</div></div>',
    '<h1 class="title">{t}</h1>',
    '<div class="detail-tit"><h2>{t}</h2></div>',
    '<header class="art-header"><h1>{t}</h1></header>',
    '<p class="bt">{t}</p>',
    '<div class="xxgk_title"><span>{t}</span></div>',
)
_META_NAMES = (("name", "ArticleTitle"), ("name", "Title"), ("property", "og:title"), ("name", "DC.title"))
_TITLE_ELEMENTS = ("{t}_政府信息公开年报_{s}", "{t} - {s}", "{s} | {t}", "{t}——{s}", "{t}")
_ARTICLE_CLASSES = ("article_content", "TRS_Editor", "zoom", "con_text", "detail-content")


def _title(rng: random.Random, organ: str, year: int) -> str:
    shape = rng.randrange(3)
    if shape == 0:
        return f"{organ}{year}年政府信息公开工作年度报告"
    if shape == 1:
        return f"{organ}{year}年度政府信息公开工作年度报告"
    return f"{year}年{organ}政府信息公开工作年度报告"


def make(seed: int) -> Specimen:
    start = draw(seed)
    rng, year, organ, report = start.rng, start.year, start.organ, start.report
    title = _title(rng, organ, year)
    site = site_name(organ)
    page = render_html(report)
    article = page[page.index("</h1>") + len("</h1>") : page.rindex("</body>")]
    # At least one place carries the title; which ones varies.
    places = rng.sample(("headline", "meta", "element"), rng.randint(1, 3))
    t = escape(title)
    head = "".join(
        f'<meta {kind}="{name}" content="{t}">'
        for kind, name in rng.sample(_META_NAMES, rng.randint(1, 2))
        if "meta" in places
    )
    element = rng.choice(_TITLE_ELEMENTS) if "element" in places else "{s}"
    head += f"<title>{element.format(t=t, s=escape(site))}</title>"
    head += (
        f'<meta name="SiteName" content="{escape(site)}"><meta name="ColumnName" content="政府信息公开年报">'
    )
    headline = rng.choice(_HEADLINES).format(t=t) if "headline" in places else ""
    published = f"{year + 1}-01-{rng.randint(5, 28):02d}"
    info = (
        f'<div class="article_extend"><span>来源：{escape(organ)}</span><span>发布时间：{published}</span>'
        f"<span>浏览次数：{rng.randint(10, 999)}</span></div>"
    )
    # Links to the same organ's earlier reports: titles, but not this page's.
    earlier = "".join(
        f'<li><a href="/nb/{y}.htm">{escape(organ)}{y}年政府信息公开工作年度报告</a></li>'
        for y in (year - 1, year - 2)
    )
    related = f'<div class="related"><h3>相关阅读</h3><ul>{earlier}</ul></div>'
    footer = f"<p>主办单位：{escape(site)}办公室</p><p>网站标识码：0000000000 某ICP备00000000号</p>"
    encoding = "gbk" if rng.random() < 0.3 else "utf-8"
    charset = "gb2312" if encoding == "gbk" else "utf-8"
    html = (
        f'<!DOCTYPE html><html><head><meta charset="{charset}">{head}</head><body>'
        f'<div class="top"><div class="logo"><h1>{escape(site)}</h1></div>'
        '<div class="nav"><ul><li><a href="/">首页</a></li><li><a href="/zwgk">政务公开</a></li>'
        '<li><a href="/bsfw">办事服务</a></li><li><a href="/hdjl">互动交流</a></li></ul></div></div>'
        '<div class="breadcrumb">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk">政务公开</a> &gt; '
        '<a href="/nb">政府信息公开年报</a></div>'
        f'<div class="main">{headline}{info if rng.random() < 0.7 else ""}'
        f'<div class="{rng.choice(_ARTICLE_CLASSES)}">{article}</div>{related}</div>'
        f'<div class="footer">{footer}</div>'
        "</body></html>"
    )
    report.title = title
    return Specimen(f"cms-{seed}.html", html.encode(encoding), report)
