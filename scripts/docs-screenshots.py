"""Copy the README's pictures from the browser tests' screenshots (build/screenshots, written by
`pytest -m browser`) to docs/screenshots, reduced to a 256-colour palette so the repository stays small."""

from __future__ import annotations

import sys
from pathlib import Path

from PIL import Image

ROOT = Path(__file__).resolve().parent.parent
CHOSEN = (
    "report-pdf-finding.png",
    "report-docx-finding.png",
    "office.png",
    "compose-live-checks.png",
    "cases.png",
    "case-extended.png",
    "public-status.png",
)


def main() -> int:
    source, target = ROOT / "build" / "screenshots", ROOT / "docs" / "screenshots"
    target.mkdir(parents=True, exist_ok=True)
    for name in CHOSEN:
        if not (source / name).exists():
            print(f"缺少 {source / name}：请先运行 .venv/bin/pytest -m browser", file=sys.stderr)
            return 2
        with Image.open(source / name) as image:
            image.convert("RGB").quantize(256).save(target / name, optimize=True)
        print(f"{target / name}: {(target / name).stat().st_size // 1024} KB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
