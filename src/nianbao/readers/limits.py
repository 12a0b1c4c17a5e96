"""A per-document time limit, so one pathological file cannot hang a batch.

Two layers: readers call `Deadline.check()` between pages (cheap, works in any thread), and
`time_limit()` also arms a timer signal where that is possible (main thread on POSIX), which stops
work stuck inside a single page of a third-party parser.
"""

from __future__ import annotations

import signal
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from types import FrameType

from .errors import ReadError

DEFAULT_SECONDS = 60.0
# Extra time allowed per page read by OCR: a scan is slow by nature, not pathological.
OCR_PAGE_SECONDS = 30.0


def _timeout_reason(seconds: float) -> str:
    return f"读取超时（超过 {seconds:g} 秒），文件可能已损坏或过于复杂，已跳过"


@dataclass
class Deadline:
    """The moment by which reading one document must end; `None` seconds means no limit."""

    path: str
    seconds: float | None = DEFAULT_SECONDS
    start: float = field(default_factory=time.monotonic)
    armed: bool = False  # a timer signal enforces the limit too

    def extend(self, seconds: float) -> None:
        """More time for slow but honest work (each OCR page), also for an armed timer signal."""
        if self.seconds is None:
            return
        self.seconds += seconds
        remaining = self.remaining
        if self.armed and remaining is not None and remaining > 0:
            signal.setitimer(signal.ITIMER_REAL, remaining)

    @property
    def remaining(self) -> float | None:
        if self.seconds is None:
            return None
        return self.seconds - (time.monotonic() - self.start)

    def check(self) -> None:
        remaining = self.remaining
        if remaining is not None and remaining <= 0:
            raise ReadError(self.path, _timeout_reason(self.seconds or 0))


_CURRENT: ContextVar[Deadline | None] = ContextVar("nianbao_deadline", default=None)


def current_deadline(path: str) -> Deadline:
    """The deadline of the enclosing `time_limit` block, or a fresh one for this file."""
    return _CURRENT.get() or Deadline(path)


class _Expired(BaseException):
    # A BaseException so that a parser's own `except Exception` cannot swallow the timeout.
    pass


def _can_use_signal() -> bool:
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


@contextmanager
def time_limit(path: str, seconds: float | None = DEFAULT_SECONDS) -> Iterator[Deadline]:
    """Run a block under a time limit; on expiry it raises ReadError naming the file."""
    deadline = Deadline(path, seconds)
    token = _CURRENT.set(deadline)
    try:
        if seconds is None or seconds <= 0 or not _can_use_signal():
            yield deadline
        else:
            with _alarm(deadline, seconds):
                yield deadline
    finally:
        _CURRENT.reset(token)


@contextmanager
def _alarm(deadline: Deadline, seconds: float) -> Iterator[None]:

    def _on_alarm(_signum: int, _frame: FrameType | None) -> None:
        raise _Expired()

    previous = signal.signal(signal.SIGALRM, _on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    deadline.armed = True
    try:
        yield
    except _Expired:
        raise ReadError(deadline.path, _timeout_reason(deadline.seconds or seconds)) from None
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
