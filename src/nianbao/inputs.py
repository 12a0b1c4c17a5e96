"""What `nianbao render` takes in: report JSON (the contract), YAML of the same shape, or a
fill-in workbook made by `nianbao template`. The kind is told from the content, not the name."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from .extract.published import publication
from .model import Report
from .readers import ReadError
from .workbook import read_workbook

_ZIP = b"PK\x03\x04"


def load_report(path: str | Path) -> Report:
    p = Path(path)
    name = str(path)
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise ReadError(name, f"无法读取文件（{exc.strerror or exc}）") from exc
    if data.startswith(_ZIP):
        return read_workbook(p)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ReadError(name, "文件不是 UTF-8 编码的 JSON 或 YAML，也不是 Excel 填报表") from exc
    raw: Any
    try:
        raw = json.loads(text, parse_float=Decimal)
    except json.JSONDecodeError:
        try:
            raw = yaml.safe_load(text)
        except yaml.YAMLError as exc:
            raise ReadError(name, f"既不是有效的 JSON，也不是有效的 YAML（{exc}）") from exc
    if not isinstance(raw, dict):
        raise ReadError(name, "内容不是一份报告（应为 nianbao.report/1 形状的对象）")
    raw.setdefault("source", {"path": name, "format": "json" if text.lstrip().startswith("{") else "yaml"})
    raw.pop("findings", None)
    try:
        report = Report.from_json(raw)
    except ValidationError as exc:
        problems = "；".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors()[:5])
        raise ReadError(name, f"报告内容不符合 nianbao.report/1 契约：{problems}") from exc
    # The rules read the publication date from the Report: a closing date line in its text counts.
    report.source.published = publication(report)
    return report
