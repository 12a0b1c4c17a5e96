"""Ingest a generated corpus (both editions, plain/GBK/zipped text, broken files) into SQLite and
PostgreSQL, through a process pool and a Dask cluster: the databases must be identical."""

from __future__ import annotations

from pathlib import Path

from store_fixtures import snapshot

from nianbao.store import ingest, open_store


def _ingest(db: str, corpus: Path, **options: object) -> dict[str, object]:
    store = open_store(db)
    try:
        summary = ingest(store, [corpus], **options)  # type: ignore[arg-type]
        assert summary.parsed > 0 and summary.failed > 0
        return snapshot(store)
    finally:
        store.close()


def test_sqlite_and_postgres_hold_the_same(tmp_path: Path, small_corpus: Path, postgres_url: str) -> None:
    lite = _ingest(str(tmp_path / "a.db"), small_corpus, workers=2)
    pg = _ingest(postgres_url, small_corpus, workers=2)
    assert lite == pg


def test_corpus_content_is_stored_with_versions_and_failures(tmp_path: Path, small_corpus: Path) -> None:
    snap = _ingest(str(tmp_path / "a.db"), small_corpus, workers=2)
    reports = snap["reports"]
    assert isinstance(reports, list)
    assert {r["edition"] for r in reports} == {"E2019", "E2021"}
    assert {r["format"] for r in reports} >= {"txt"}
    assert any(r["path"].endswith(".zip!in-zip/0003.txt") for r in reports)
    # 41 reports written (40 + a second version), 4 broken files; all failures carry a reason.
    assert len(reports) == 41
    failures = snap["failures"]
    assert isinstance(failures, list) and len(failures) == 4
    assert all(reason for _sha, _path, reason in failures)
    second = [r for r in reports if r["path"].endswith("zz-second-version.txt")]
    assert second and second[0]["version"] == 2
    # Every stored cell value equals the value in the stored document.
    cells = snap["cells"]
    assert isinstance(cells, list) and len(cells) > 41 * 100
    docs = {r["sha256"]: r["document"] for r in reports}
    for sha, tbl, row, col, value, exact, *_ in cells[:2000]:
        stored = docs[sha]["tables"][tbl][row][col]
        assert (stored is None and value is None) or float(stored) == value
        assert exact == (None if stored is None else str(stored))


def test_reingest_does_no_work(tmp_path: Path, small_corpus: Path) -> None:
    db = str(tmp_path / "a.db")
    first = _ingest(db, small_corpus, workers=2)
    store = open_store(db)
    summary = ingest(store, [small_corpus], workers=2)
    assert (summary.parsed, summary.failed) == (0, 0)
    assert summary.skipped == summary.seen > 0
    assert snapshot(store) == first
    store.close()


def test_dask_local_cluster_gives_the_same_database(tmp_path: Path, small_corpus: Path) -> None:
    pool = _ingest(str(tmp_path / "pool.db"), small_corpus, workers=2)
    dask = _ingest(str(tmp_path / "dask.db"), small_corpus, workers=2, local_cluster=True)
    assert dask == pool
