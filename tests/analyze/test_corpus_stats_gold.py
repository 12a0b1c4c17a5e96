"""`nianbao stats` and `nianbao export` on the ingested ../shared/corpus give the numbers of the
hand-checked gold files."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from nianbao.cli import app
from nianbao.store import open_store


def _total(gold: dict[str, Any], row: str) -> float:
    return float(gold["tables"]["applications"][row]["total"] or 0)


def _ratio(part: float, whole: float) -> float | None:
    return part / whole if whole else None


def test_shared_corpus_stats_and_export_match_gold(corpus: Path, tmp_path: Path) -> None:
    db = str(tmp_path / "corpus.db")
    runner = CliRunner()
    result = runner.invoke(app, ["ingest", str(corpus), "--db", db, "--workers", "2"])
    assert result.exit_code == 0, result.output

    golds = {
        p.stem: json.loads(p.read_text(encoding="utf-8")) for p in sorted((corpus / "gold").glob("*.json"))
    }
    sources = {
        p.stem: p for p in corpus.rglob("*") if p.is_file() and p.parent.name != "gold" and p.stem in golds
    }
    assert sources.keys() == golds.keys()
    store = open_store(db)
    stored = {Path(r.path).stem: r for r in store.current_reports()}
    store.close()

    stats = runner.invoke(app, ["stats", "--db", db, "--by", "organ", "--by", "year", "--json"])
    assert stats.exit_code == 0, stats.output
    by_group = {tuple(row["group"]): row for row in map(json.loads, stats.output.splitlines())}

    export_path = tmp_path / "tidy.csv"
    exported = runner.invoke(app, ["export", "--db", db, "--to", "csv", "--out", str(export_path)])
    assert exported.exit_code == 0, exported.output
    with export_path.open(encoding="utf-8-sig") as handle:
        tidy = list(csv.DictReader(handle))

    for name, gold in golds.items():
        report = stored[name]  # every gold report was read and stored (none failed)
        assert (report.year, report.edition) == (gold["year"], gold["edition"])
        row = by_group[(report.organ_name, str(gold["year"]))]
        assert row["reports"] == 1
        assert row["received"] == _total(gold, "new_received")
        assert row["handled"] == _total(gold, "r_total")
        granted, partial = _total(gold, "r_granted"), _total(gold, "r_partial")
        assert row["substantive_rate"] == _ratio(granted + partial, _total(gold, "r_total"))
        review = gold["tables"]["review_litigation"]["review"]
        assert row["review_correction_rate"] == _ratio(
            float(review["corrected"] or 0), float(review["total"] or 0)
        )

        cells = {
            (r["table"], r["row"], r["column"]): r["value"] for r in tidy if Path(r["source"]).stem == name
        }
        expected = {
            (t, rw, c): "" if v is None else str(v)
            for t, rows in gold["tables"].items()
            for rw, cols in rows.items()
            for c, v in cols.items()
        }
        assert cells == expected, name
