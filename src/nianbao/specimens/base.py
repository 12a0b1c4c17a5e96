"""What every specimen class shares: the specimen itself, organ names of every kind, and the formats a
generated report can be written in by the project's own renderers."""

from __future__ import annotations

import io
import random
import zipfile
from collections.abc import Callable
from dataclasses import dataclass

from ..model import Report
from ..render.docx import render_docx
from ..render.html import render_html
from ..render.markdown import render_markdown
from ..render.text import render_text
from ..synth import generate


@dataclass(frozen=True)
class Specimen:
    """A document and the Report it must read as. `planted` names rules the document breaks on purpose."""

    name: str
    data: bytes
    truth: Report
    planted: tuple[str, ...] = ()


# Invented place names: any resemblance to a real place is in the shape of the name, not the place.
_CITIES = ("江川市", "临河市", "云岭市", "北湖市", "安平市", "东陵市", "西塘市", "南岗市")
_COUNTIES = ("青山", "石桥", "白沙", "长宁", "清水", "龙泉", "桃源", "凤鸣", "柳溪", "松林", "金沙", "望江")
_COUNTY_ENDS = ("县", "区", "县", "区", "市")
_TOWNS = ("城关", "新集", "河口", "双塔", "马坊", "杨柳", "三合", "高庄")
_TOWN_ENDS = ("镇人民政府", "乡人民政府", "街道办事处", "镇")
_DEPARTMENTS = (
    "民政局", "教育局", "自然资源局", "市场监督管理局", "卫生健康委员会", "人力资源和社会保障局",
    "住房和城乡建设局", "统计局", "地方志办公室", "国有资产监督管理委员会", "交通运输局", "人民政府办公室",
    "生态环境局", "农业农村局", "司法局", "财政局",
)  # fmt: skip

TOWNSHIP, DEPARTMENT, GOVERNMENT = "township", "department", "government"
# Generated reports of the 2019 and 2021 forms are for years up to this one.
LAST_YEAR = 2024
KINDS = (TOWNSHIP, DEPARTMENT, GOVERNMENT)


def organ_name(rng: random.Random, kind: str) -> str:
    """An organ's name as titles print it, with or without the higher divisions in front."""
    city = rng.choice(_CITIES)
    county = rng.choice(_COUNTIES) + rng.choice(_COUNTY_ENDS)
    prefix = city if rng.random() < 0.4 else ""
    if kind == TOWNSHIP:
        return f"{prefix}{county}{rng.choice(_TOWNS)}{rng.choice(_TOWN_ENDS)}"
    if kind == DEPARTMENT:
        owner = rng.choice((f"{prefix}{county}", city))
        return f"{owner}{rng.choice(_DEPARTMENTS)}"
    return rng.choice(
        (f"{prefix}{county}人民政府", f"{city}{county}", f"{city}人民政府", f"{prefix}{county}")
    )


def site_name(organ: str) -> str:
    """The web site a report is published on: its government's portal."""
    for city in _CITIES:
        if organ.startswith(city):
            return f"{city}人民政府"
    return "人民政府门户网站"


@dataclass(frozen=True)
class Draw:
    """The start of most specimens: a seeded random source, a year, an organ and its generated report."""

    rng: random.Random
    year: int
    organ: str
    report: Report


def draw(seed: int, first_year: int = 2019, kind: str | None = None) -> Draw:
    rng = random.Random(seed)
    year = rng.randint(first_year, LAST_YEAR)
    organ = organ_name(rng, kind or rng.choice(KINDS))
    return Draw(rng, year, organ, generate(seed, year, organ))


Writer = Callable[[Report], bytes]


def _docx(report: Report) -> bytes:
    return render_docx(report)


WRITERS: dict[str, Writer] = {
    ".txt": lambda r: render_text(r).encode("utf-8"),
    ".md": lambda r: render_markdown(r).encode("utf-8"),
    ".html": lambda r: render_html(r).encode("utf-8"),
    ".docx": _docx,
}


def replace_text(data: bytes, suffix: str, changes: list[tuple[str, str]]) -> bytes:
    """A written report with some of its printed texts replaced (a title or a heading worded otherwise).

    The project's writers print the form's own wording; real reports word it their way. In a DOCX each
    paragraph is one run, so the text is replaced inside word/document.xml."""
    if suffix != ".docx":
        text = data.decode("utf-8")
        for old, new in changes:
            text = text.replace(old, new)
        return text.encode("utf-8")

    def replaced(xml: str) -> str:
        for old, new in changes:
            xml = xml.replace(f">{old}<", f">{new}<")
        return xml

    return with_document_xml(data, replaced)


def with_document_xml(docx: bytes, edit: Callable[[str], str]) -> bytes:
    """A DOCX with its body (word/document.xml) edited as text and every other part as it was."""
    source = zipfile.ZipFile(io.BytesIO(docx))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename == "word/document.xml":
                content = edit(content.decode("utf-8")).encode("utf-8")
            target.writestr(item, content)
    return out.getvalue()
