"""The `--organs` mapping file: corrections to organ names and places, as CSV or YAML."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import yaml

from .identity import PLACE_FIELDS, OrganMapping
from .places import normalise

MAPPING_COLUMNS = ("name", "canonical", "level", *PLACE_FIELDS)


class MappingError(ValueError):
    """A mapping file that cannot be used, with the reason for people."""


def _rows(path: Path) -> list[dict[str, str]]:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise MappingError(f"无法读取机关对照表 {path}：{exc}") from exc
    if path.suffix.lower() not in (".yaml", ".yml"):
        return list(csv.DictReader(text.splitlines()))
    try:
        loaded: Any = yaml.safe_load(text) or []
    except yaml.YAMLError as exc:
        raise MappingError(f"机关对照表 {path} 不是有效的 YAML：{exc}") from exc
    if not isinstance(loaded, list) or not all(isinstance(item, dict) for item in loaded):
        raise MappingError(f"机关对照表 {path} 应是一个列表，每项含 {','.join(MAPPING_COLUMNS)} 等键")
    return [{str(k): "" if v is None else str(v) for k, v in item.items()} for item in loaded]


def load_mapping(path: str | Path) -> OrganMapping:
    """A CSV (header: name,canonical,level,province,city,county,township,department) or a YAML list of
    the same keys. `name` is matched after normalising; empty fields leave the inferred value alone."""
    names: dict[str, str] = {}
    fixes: dict[str, dict[str, str]] = {}
    for row in _rows(Path(path)):
        name = normalise(row.get("name") or "")
        if not name:
            continue
        canonical = normalise(row.get("canonical") or "") or name
        if canonical != name:
            names[name] = canonical
        values = {k: row[k] for k in (*PLACE_FIELDS, "level") if row.get(k)}
        if values:
            fixes[canonical] = values
    return OrganMapping(names, fixes)
