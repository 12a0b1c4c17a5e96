"""Cross-year rules run on the store: consecutive years of one organ are linked through it."""

from __future__ import annotations

from pathlib import Path

from nianbao.render.text import render_text
from nianbao.store import ingest, open_store
from nianbao.store.crossyear import cross_year_check
from nianbao.synth import generate


def test_cross_year_rules_run_on_stored_reports(tmp_path: Path) -> None:
    corpus = tmp_path / "c"
    corpus.mkdir()
    earlier = generate(seed=1, year=2022, organ="示例县城关镇人民政府")
    later = generate(seed=2, year=2023, organ="示例县城关镇")  # same organ, name without 人民政府
    forward = earlier.tables["applications"]["carry_forward"]["natural"]
    carried = later.tables["applications"]["carried_over"]["natural"]
    (corpus / "2022.txt").write_text(render_text(earlier), encoding="utf-8")
    (corpus / "2023.txt").write_text(render_text(later), encoding="utf-8")
    store = open_store(str(tmp_path / "db.sqlite"))
    ingest(store, [corpus], workers=1)
    results = list(cross_year_check(store))
    store.close()
    assert [(r.year, p.year) for r, p, _ in results] == [(2023, 2022)]
    rules = {f.rule for f in results[0][2]}
    assert ("T3-CARRY-XYEAR" in rules) == (forward != carried)
