"""`make bench`: runs every benchmarks/bench_*.py and writes the results to docs/benchmarks.md.

Each benchmark module exposes `run() -> str`, returning a Markdown section with its figures and the
goal it is measured against. Benchmarks are never run by `make test`.
"""

from __future__ import annotations

import importlib.util
import os
import platform
import sys
from datetime import datetime
from pathlib import Path
from types import ModuleType

HERE = Path(__file__).resolve().parent
OUTPUT = HERE.parent / "docs" / "benchmarks.md"


def _load(path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location(path.stem, path)
    if spec is None or spec.loader is None:
        raise ImportError(path)
    module = importlib.util.module_from_spec(spec)
    # Registered by name so that worker processes can unpickle the module's functions.
    sys.modules[path.stem] = module
    spec.loader.exec_module(module)
    return module


def _merged(previous: str, new: list[str]) -> list[str]:
    """The sections of an earlier results page with those just measured put in place (a section is
    known by its heading line); `make bench NAME` re-runs one benchmark without losing the others."""
    old = ["## " + part.strip() for part in previous.split("\n## ")[1:]]
    fresh = {section.splitlines()[0]: section for section in new}
    kept = [fresh.pop(section.splitlines()[0], section) for section in old]
    return kept + list(fresh.values())


def main(selected: list[str]) -> None:
    sys.path.insert(0, str(HERE))
    paths = sorted(HERE.glob("bench_*.py"))
    if selected:
        paths = [p for p in paths if p.stem in selected or p.stem.removeprefix("bench_") in selected]
    sections = []
    for path in paths:
        print(f"运行 {path.name} …", flush=True)
        sections.append(_load(path).run().strip())
    if selected and OUTPUT.exists():
        sections = _merged(OUTPUT.read_text(encoding="utf-8"), sections)
    header = (
        "# 基准测试结果 / Benchmarks\n\n"
        f"由 `make bench` 生成于 {datetime.now():%Y-%m-%d %H:%M}；机器：{os.cpu_count()} 核，"
        f"Python {platform.python_version()}，{platform.system()} {platform.machine()}。\n"
    )
    body = "\n\n".join(sections) if sections else "（还没有基准测试。）"
    OUTPUT.write_text(header + "\n" + body + "\n", encoding="utf-8")
    print(f"已写入 {OUTPUT.relative_to(HERE.parent)}")


if __name__ == "__main__":
    main(sys.argv[1:])
