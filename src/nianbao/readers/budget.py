"""How many threads one process may keep busy while it reads: the machine's cores shared among the
worker processes reading at the same time, so that workers × threads never exceeds the cores.

Only OCR runs threads of its own (onnxruntime, OpenCV); it asks `threads()` whenever it starts work.
A batch run sets the share of each worker with `set_threads(share(workers))`.
"""

from __future__ import annotations

import os

_threads: int | None = None


def cores() -> int:
    """The cores this process may run on (a container or `taskset` may allow fewer than the machine has)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def share(workers: int) -> int:
    """Threads for each of `workers` processes working side by side."""
    return max(1, cores() // max(1, workers))


def set_threads(count: int | None) -> None:
    """Let this process keep `count` threads busy (None: all cores, the default of a single process)."""
    global _threads
    _threads = None if count is None else max(1, count)


def threads() -> int:
    return _threads or cores()
