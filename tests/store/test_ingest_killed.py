"""Killing ingest with SIGKILL part-way and running it again ends with the same database as one
uninterrupted run: nothing duplicated, nothing half-written."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from store_fixtures import snapshot, write_corpus

from nianbao.store import ingest, open_store


def _stored(db: Path) -> int:
    try:
        with sqlite3.connect(db, timeout=5) as conn:
            return int(conn.execute("SELECT count(*) FROM reports").fetchone()[0])
    except sqlite3.Error:
        return 0


def test_killed_ingest_resumes_to_the_same_database(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    write_corpus(corpus, 100)
    reference = open_store(str(tmp_path / "reference.db"))
    ingest(reference, [corpus], workers=2)
    expected = snapshot(reference)
    reference.close()
    total = len(expected["reports"])  # type: ignore[arg-type]

    db = tmp_path / "killed.db"
    launcher = "import sys; from nianbao.cli import main; sys.argv[0] = 'nianbao'; main()"
    command = [sys.executable, "-c", launcher, "ingest", str(corpus), "--db", str(db), "--workers", "2"]
    # Its own session, so the kill takes the whole process group (pool workers included) at once.
    proc = subprocess.Popen(
        command, start_new_session=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    deadline = time.monotonic() + 60
    while _stored(db) < 20 and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.02)
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    at_kill = _stored(db)
    assert 0 < at_kill < total, "the kill must land part-way through the run"

    resumed = open_store(str(db))
    summary = ingest(resumed, [corpus], workers=2)
    assert summary.skipped >= at_kill
    assert snapshot(resumed) == expected
    resumed.close()
