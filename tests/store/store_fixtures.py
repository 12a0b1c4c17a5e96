"""Helpers for the store tests: a generated corpus on disk and a canonical dump of a database."""

from __future__ import annotations

import json
import zipfile
import zlib
from pathlib import Path
from typing import Any

from sqlalchemy import text

from nianbao.render.text import render_text
from nianbao.store import Store
from nianbao.synth import generate

ORGANS = ["示例县城关镇人民政府", "示例县河西乡人民政府", "示例市东区教育局", "示例市东区"]


def write_corpus(root: Path, count: int) -> dict[str, int]:
    """`count` generated reports over both editions plus a zip, a GBK file, a second version and
    broken files; returns how many files of each kind were written."""
    root.mkdir(parents=True, exist_ok=True)
    kinds = {"txt": 0, "gbk": 0, "zip": 0, "broken": 0, "version2": 0}
    with zipfile.ZipFile(root / "archive.zip", "w") as archive:
        for i in range(count):
            organ = ORGANS[i % len(ORGANS)]
            year = 2019 + (i // len(ORGANS)) % 6  # E2019 for 2019-2020, E2021 after
            # The same organ appears both with and without 人民政府 in different years.
            name = organ if (i // len(ORGANS)) % 2 == 0 else organ.removesuffix("人民政府")
            body = render_text(generate(seed=i, year=year, organ=f"{name}{i // 24 or ''}"))
            if i % 7 == 3:
                archive.writestr(f"in-zip/{i:04d}.txt", body.encode("utf-8"))
                kinds["zip"] += 1
            elif i % 11 == 5:
                (root / f"{i:04d}-gbk.txt").write_bytes(body.encode("gb18030"))
                kinds["gbk"] += 1
            else:
                (root / f"{i:04d}.txt").write_text(body, encoding="utf-8")
                kinds["txt"] += 1
    # Another file for an organ and year already present: a second version (different numbers).
    again = generate(seed=10_000, year=2019, organ=ORGANS[0])
    (root / "zz-second-version.txt").write_text(render_text(again), encoding="utf-8")
    kinds["version2"] += 1
    (root / "empty.txt").write_bytes(b"")
    (root / "not-a-report.txt").write_text("会议纪要\n今天开会讨论了绿化工作。\n", encoding="utf-8")
    (root / "garbage.pdf").write_bytes(b"%PDF-1.4\n" + bytes(range(256)) * 4)
    (root / "broken.docx").write_bytes(b"PK\x03\x04" + b"\x00" * 64)
    kinds["broken"] += 4
    return kinds


def snapshot(store: Store) -> dict[str, Any]:
    """Everything a database holds, without surrogate ids, in a canonical order."""
    with store.engine.connect() as conn:
        organs = {r.id: r.name for r in conn.execute(text("SELECT id, name FROM organs"))}
        organ_rows = sorted(
            tuple(r)
            for r in conn.execute(
                text(
                    "SELECT name, display_name, level, province, city, county, "
                    "township, department, region FROM organs"
                )
            )
        )
        reports: dict[int, str] = {}
        report_rows = []
        for r in conn.execute(text("SELECT * FROM reports ORDER BY id")).mappings():
            reports[r["id"]] = r["sha256"]
            row = {k: v for k, v in r.items() if k not in ("id", "organ_id", "document")}
            row["organ_key"] = organs.get(r["organ_id"])
            row["document"] = json.loads(zlib.decompress(r["document"]))
            report_rows.append(row)
        cells = sorted(
            (reports[r[0]], *r[1:])
            for r in conn.execute(
                text("SELECT report_id, tbl, row, col, value, exact, text, page, line FROM cells")
            )
        )
        findings = sorted(
            (reports[r[0]], *r[1:])
            for r in conn.execute(
                text("SELECT report_id, seq, rule, severity, message, cells, page, line FROM findings")
            )
        )
        totals = sorted((reports[r[0]], *r[1:]) for r in conn.execute(text("SELECT * FROM report_totals")))
        failures = sorted(tuple(r) for r in conn.execute(text("SELECT sha256, path, reason FROM failures")))
    return {
        "organs": organ_rows,
        "reports": sorted(report_rows, key=lambda r: r["sha256"]),
        "cells": cells,
        "findings": findings,
        "totals": totals,
        "failures": failures,
    }
