"""Ingest: find files, skip those already stored, parse the rest in parallel (a process pool, or a
Dask cluster) and store each result in its own transaction, in input order.

Storing in input order makes a run that was killed and started again end with the same database
as one uninterrupted run: the first run stored a prefix of the order, the second stores the rest."""

from __future__ import annotations

import importlib
import os
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from ..readers import budget
from .crossyear import store_cross_year
from .sources import SourceRef, sources
from .store import Store
from .work import Failed, Outcome, Parsed, parse_batch

# Files per task: large enough that scheduling costs little, small enough to keep workers balanced.
BATCH = 8


class _Result(Protocol):
    def result(self) -> list[Outcome]: ...


Submit = Callable[[list[SourceRef]], _Result]


@dataclass
class IngestSummary:
    seen: int = 0
    skipped: int = 0
    parsed: int = 0
    failed: int = 0
    severities: Counter[str] = field(default_factory=Counter)
    failures: list[tuple[str, str]] = field(default_factory=list)
    # Organ and year of each report stored in this run, and the cross-year findings stored for them.
    touched: set[tuple[str, int]] = field(default_factory=set)
    cross_year: int = 0


Progress = Callable[[int], None]


def _batches(refs: Sequence[SourceRef], size: int) -> Iterator[list[SourceRef]]:
    for start in range(0, len(refs), size):
        yield list(refs[start : start + size])


def _ordered(submit: Submit, batches: Iterable[list[SourceRef]], window: int) -> Iterator[list[Outcome]]:
    """Results in submission order with at most `window` batches in flight (bounded memory)."""
    pending: deque[_Result] = deque()
    for batch in batches:
        pending.append(submit(batch))
        if len(pending) >= window:
            yield pending.popleft().result()
    while pending:
        yield pending.popleft().result()


def plan(
    store: Store, paths: Iterable[str | Path], retry_failed: bool = False
) -> tuple[list[SourceRef], int, list[str]]:
    """The files still to parse (first occurrence of each content), how many were skipped, and the
    hashes of those skipped (their cross-year findings are brought up to date too)."""
    known = store.known_hashes()
    if retry_failed:
        known -= store.failed_hashes()
    todo: list[SourceRef] = []
    skipped: list[str] = []
    for ref in sources(paths):
        if ref.sha256 in known:
            skipped.append(ref.sha256)
            continue
        known.add(ref.sha256)
        todo.append(ref)
    return todo, len(skipped), skipped


def ingest(
    store: Store,
    paths: Iterable[str | Path],
    workers: int | None = None,
    scheduler: str | None = None,
    local_cluster: bool = False,
    retry_failed: bool = False,
    progress: Progress | None = None,
    on_start: Callable[[int], None] | None = None,
) -> IngestSummary:
    todo, skipped, already = plan(store, paths, retry_failed)
    summary = IngestSummary(seen=len(todo) + skipped, skipped=skipped)
    # Stored earlier (maybe by a run killed before its cross-year step): checked again with the new ones.
    summary.touched.update(store.organ_years(already))
    if on_start:
        on_start(len(todo))
    if not todo:
        summary.cross_year = store_cross_year(store, summary.touched)
        return summary
    workers = workers or os.cpu_count() or 1
    batches = _batches(todo, BATCH)
    if scheduler or local_cluster:
        results = _run_dask(batches, workers, scheduler)
    elif workers == 1:
        results = (parse_batch(b) for b in batches)
    else:
        results = _run_pool(batches, workers)
    for outcomes in results:
        for outcome in outcomes:
            _record(store, outcome, summary)
        if progress:
            progress(len(outcomes))
    # Consecutive years of one organ, once both are stored (in this run or an earlier one).
    summary.cross_year = store_cross_year(store, summary.touched)
    return summary


def _record(store: Store, outcome: Outcome, summary: IngestSummary) -> None:
    store.save(outcome)
    if isinstance(outcome, Failed):
        summary.failed += 1
        summary.failures.append((outcome.path, outcome.reason))
    elif isinstance(outcome, Parsed):
        summary.parsed += 1
        summary.severities.update({k: v for k, v in outcome.severities.items() if v})
        if outcome.organ and outcome.year is not None:
            summary.touched.add((outcome.organ, outcome.year))


def _run_pool(batches: Iterable[list[SourceRef]], workers: int) -> Iterator[list[Outcome]]:
    with ProcessPoolExecutor(max_workers=workers) as pool:

        def submit(batch: list[SourceRef]) -> Future[list[Outcome]]:
            return pool.submit(parse_batch, batch, budget.share(workers))

        yield from _ordered(submit, batches, window=workers * 4)


def _run_dask(
    batches: Iterable[list[SourceRef]], workers: int, scheduler: str | None
) -> Iterator[list[Outcome]]:
    # Imported here: Dask is an optional extra, and untyped.
    distributed: Any = importlib.import_module("distributed")
    Client, LocalCluster = distributed.Client, distributed.LocalCluster
    cluster: Any = None
    if scheduler:
        client = Client(scheduler)
    else:
        cluster = LocalCluster(
            n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None
        )
        client = Client(cluster)
    try:
        # Workers of a local cluster share this machine's cores; a remote one's are its own.
        threads = None if scheduler else budget.share(workers)

        def submit(batch: list[SourceRef]) -> Any:
            return client.submit(parse_batch, batch, threads, pure=False)

        yield from _ordered(submit, batches, window=max(workers * 4, 8))
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
