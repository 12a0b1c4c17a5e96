"""docs/rules.md, generated from the registry: `python -m nianbao.rules.docs` (or `make rules-doc`)."""

from __future__ import annotations

import sys
from pathlib import Path

from . import REGISTRY
from .registry import SEVERITY_NAMES

FAMILIES = {
    "values": "单元格的值",
    "arithmetic": "表三、表四的勾稽关系",
    "t2": "表二",
    "t3": "表三的行列",
    "text": "正文与表格",
    "prose": "正文自身的算术",
    "structure": "结构与要素",
    "timeliness": "发布时限",
    "crossyear": "跨年度（同一机关相邻年度的报告一起核对时）",
    "reading": "读取时发现",
}
DOC_PATH = Path(__file__).resolve().parents[3] / "docs" / "rules.md"


def render_rules_markdown() -> str:
    lines = [
        "# 核对规则",
        "",
        "本页由 `python -m nianbao.rules.docs`（或 `make rules-doc`）根据规则登记表生成，请勿手工修改。",
        f"共 {len(REGISTRY)} 条规则；`nianbao rules` 在命令行列出同样的内容。",
        "",
    ]
    for family, title in FAMILIES.items():
        rules = sorted((r for r in REGISTRY.values() if r.family == family), key=lambda r: r.id)
        if not rules:
            continue
        lines += [f"## {title}", "", "| 编号 | 级别 | 说明 | 依据 |", "|---|---|---|---|"]
        lines += [f"| {r.id} | {SEVERITY_NAMES[r.severity]} | {r.description} | {r.source} |" for r in rules]
        lines.append("")
    unknown = sorted({r.family for r in REGISTRY.values()} - FAMILIES.keys())
    if unknown:
        raise ValueError(f"rule families without a docs heading: {unknown}")
    return "\n".join(lines)


def main() -> None:
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else DOC_PATH
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(render_rules_markdown(), encoding="utf-8")
    print(f"wrote {target} ({len(REGISTRY)} rules)")


if __name__ == "__main__":
    main()
