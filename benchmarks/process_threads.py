"""How many threads of a process tree are busy at once, sampled from /proc while it runs (Linux).

Every SAMPLE seconds each thread of the tree (the process and all its descendants) is looked at:
whether it is runnable (running, or ready and waiting for a CPU) and the CPU time it has used
(schedstat). A thread is busy in a window of WINDOW seconds when it was runnable at least BUSY_SHARE
of the looks in it: it wanted a CPU most of that time. That holds on a machine shared with other
work too, where a busy thread may get only a small share of a core — a CPU-time threshold would miss it.
"""

from __future__ import annotations

import os
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

SAMPLE = 0.05
WINDOW = 1.0
BUSY_SHARE = 0.5
PROC = Path("/proc")


def _after_name(stat: str) -> list[str]:
    # The command name may hold spaces and parentheses: the fields after its closing ')' are fixed.
    return stat.rsplit(")", 1)[1].split()


def _tree(root: int) -> list[int]:
    """The process and all its descendants."""
    children: dict[int, list[int]] = {}
    for entry in PROC.iterdir():
        if entry.name.isdigit():
            try:
                parent = int(_after_name((entry / "stat").read_text())[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(parent, []).append(int(entry.name))
    found, todo = [], [root]
    while todo:
        pid = todo.pop()
        found.append(pid)
        todo.extend(children.get(pid, []))
    return found


def _threads(pid: int) -> dict[tuple[int, int], tuple[bool, int]]:
    """Each thread of a process: runnable now, and CPU nanoseconds used so far."""
    out: dict[tuple[int, int], tuple[bool, int]] = {}
    try:
        tids = os.listdir(PROC / str(pid) / "task")
    except OSError:
        return out
    for tid in tids:
        task = PROC / str(pid) / "task" / tid
        try:
            state = _after_name((task / "stat").read_text())[0]
            ran = int((task / "schedstat").read_text().split()[0])
        except (OSError, ValueError, IndexError):
            continue
        out[(pid, int(tid))] = (state == "R", ran)
    return out


@dataclass
class ThreadUse:
    """What the sampler saw."""

    looks: int = 0
    windows: int = 0
    most_busy: int = 0  # the most threads busy in one window
    most_runnable: int = 0  # the most threads runnable at one look
    most_threads: int = 0  # the most threads the tree had at one look
    cpu_seconds: float = 0.0  # CPU time the tree's threads used while sampled
    busy_windows: Counter[int] = field(default_factory=Counter)  # busy threads → windows


class Sampler:
    """Samples the threads of process `pid` and its descendants until stopped."""

    def __init__(self, pid: int) -> None:
        self.pid = pid
        self.use = ThreadUse()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> Sampler:
        self._thread.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        used: dict[tuple[int, int], int] = {}
        runnable_looks: Counter[tuple[int, int]] = Counter()
        looks_in_window = 0
        window_end = time.monotonic() + WINDOW
        pids: list[int] = []
        refreshed = 0.0
        while not self._stop.wait(SAMPLE):
            now = time.monotonic()
            if now - refreshed > WINDOW:
                pids, refreshed = _tree(self.pid), now
            seen: dict[tuple[int, int], tuple[bool, int]] = {}
            for pid in pids:
                seen.update(_threads(pid))
            self.use.looks += 1
            looks_in_window += 1
            self.use.most_threads = max(self.use.most_threads, len(seen))
            self.use.most_runnable = max(self.use.most_runnable, sum(r for r, _ in seen.values()))
            for key, (runnable, ran) in seen.items():
                runnable_looks[key] += runnable
                self.use.cpu_seconds += (ran - used.get(key, ran if self.use.looks == 1 else 0)) / 1e9
                used[key] = ran
            if now >= window_end:
                busy = sum(1 for n in runnable_looks.values() if n >= BUSY_SHARE * looks_in_window)
                self.use.windows += 1
                self.use.busy_windows[busy] += 1
                self.use.most_busy = max(self.use.most_busy, busy)
                runnable_looks.clear()
                looks_in_window = 0
                window_end = now + WINDOW
