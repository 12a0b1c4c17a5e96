"""The limits of one file's work — time and size — so one pathological file cannot hang a batch or
take the machine's memory.

One time limit covers the whole work on a file (reading, extraction, rules): the outermost
`time_limit()` sets it and an inner one (a reader's own) joins it. Two layers enforce it: code calls
`Deadline.check()` between pages, paragraphs and rules (cheap, works in any thread), and `time_limit()`
also interrupts work stuck inside one call — by a timer signal in the main thread on POSIX, by an
exception raised asynchronously into any other thread (Dask workers, the web application's threads).
Neither can stop a single long call into C code; such calls are bounded by size before they start
(`MAX_FILE_BYTES`, `MAX_PIXELS`, `MAX_INFLATED_BYTES`) and regular expressions are kept linear.
"""

from __future__ import annotations

import ctypes
import os
import signal
import threading
import time
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from types import FrameType
from typing import Any

import yaml

from .errors import ReadError

# The time one file's whole work may take (NIANBAO_FILE_SECONDS changes it, e.g. for a slow machine).
DEFAULT_SECONDS = float(os.environ.get("NIANBAO_FILE_SECONDS") or 60)
# Extra time allowed per page read by OCR: a scan is slow by nature, not pathological. Pages without
# anything drawn on them are not read and get no extra time; the whole file gets at most OCR_MAX_SECONDS.
OCR_PAGE_SECONDS = 30.0
OCR_MAX_SECONDS = 1800.0
# The largest file read at all (a real report, even a scanned one, is a few MB).
MAX_FILE_BYTES = 100 * 1024 * 1024
# The most bytes one compressed part (a DOCX part, a zip member, a workbook sheet) may inflate to.
MAX_INFLATED_BYTES = 200 * 1024 * 1024
# The most bytes a side part (package relationships, document properties) may inflate to.
SIDE_PART_BYTES = 8 * 1024 * 1024
# The most pixels one page is rasterised to (about A4 at 400 dpi); a larger page is drawn smaller.
MAX_PIXELS = 20_000_000


def _timeout_reason(seconds: float) -> str:
    return f"读取超时（超过 {seconds:g} 秒），文件可能已损坏或过于复杂，已跳过"


@dataclass
class Deadline:
    """The moment by which reading one document must end; `None` seconds means no limit."""

    path: str
    seconds: float | None = DEFAULT_SECONDS
    start: float = field(default_factory=time.monotonic)
    armed: bool = False  # a timer signal enforces the limit too

    rearm: list[object] = field(default_factory=list)  # the armed watchdog, told when the limit moves

    def extend(self, seconds: float, ceiling: float = OCR_MAX_SECONDS) -> None:
        """More time for slow but honest work (each OCR page), up to `ceiling` seconds in all."""
        if self.seconds is None:
            return
        self.seconds = max(self.seconds, min(self.seconds + seconds, ceiling))
        remaining = self.remaining
        if self.armed and remaining is not None and remaining > 0:
            for watchdog in self.rearm:
                if isinstance(watchdog, _Watchdog):
                    watchdog.arm(remaining)

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
    """Run a block under a time limit; on expiry it raises ReadError naming the file. Inside an
    enclosing `time_limit` the block joins that limit (one limit for the whole work on a file)."""
    enclosing = _CURRENT.get()
    if enclosing is not None:
        yield enclosing
        return
    deadline = Deadline(path, seconds)
    token = _CURRENT.set(deadline)
    try:
        if seconds is None or seconds <= 0:
            yield deadline
        else:
            watchdog: _Watchdog = _SignalWatchdog() if _can_use_signal() else _ThreadWatchdog()
            deadline.rearm.append(watchdog)
            deadline.armed = True
            try:
                try:
                    watchdog.arm(seconds)
                    yield deadline
                finally:
                    watchdog.disarm()
            except _Expired:
                raise ReadError(deadline.path, _timeout_reason(deadline.seconds or seconds)) from None
    finally:
        _CURRENT.reset(token)


class _Watchdog:
    """Raises `_Expired` in the thread that armed it once the time is up."""

    def arm(self, seconds: float) -> None:
        raise NotImplementedError

    def disarm(self) -> None:
        raise NotImplementedError


class _SignalWatchdog(_Watchdog):
    """The main thread: a real-time timer signal."""

    def __init__(self) -> None:
        def _on_alarm(_signum: int, _frame: FrameType | None) -> None:
            raise _Expired()

        self._previous = signal.signal(signal.SIGALRM, _on_alarm)

    def arm(self, seconds: float) -> None:
        signal.setitimer(signal.ITIMER_REAL, seconds)

    def disarm(self) -> None:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, self._previous)


class _ThreadWatchdog(_Watchdog):
    """Any other thread: a timer thread raises the exception asynchronously into the working thread
    (it lands at the next bytecode, as a signal handler's would)."""

    def __init__(self) -> None:
        self._target = threading.get_ident()
        self._lock = threading.Lock()
        self._timer: threading.Timer | None = None
        self._done = False
        self._fired = False

    def arm(self, seconds: float) -> None:
        with self._lock:
            if self._done:
                return
            if self._timer is not None:
                self._timer.cancel()
            self._timer = threading.Timer(seconds, self._fire)
            self._timer.daemon = True
            self._timer.start()

    def _fire(self) -> None:
        with self._lock:
            if self._done:
                return
            self._fired = True
            _async_raise(self._target, _Expired)

    def disarm(self) -> None:
        with self._lock:
            self._done = True
            if self._timer is not None:
                self._timer.cancel()
            if self._fired:
                # Fired while the block was ending: take back an exception not yet delivered.
                _async_raise(self._target, None)


def _async_raise(thread_id: int, exc: type[BaseException] | None) -> None:
    ctypes.pythonapi.PyThreadState_SetAsyncExc(
        ctypes.c_ulong(thread_id), ctypes.py_object(exc) if exc else None
    )


class TooLarge(ValueError):
    """A compressed part inflates to more than its budget; nothing beyond the budget was inflated."""


def read_member(
    archive: zipfile.ZipFile, member: str | zipfile.ZipInfo, limit: int = MAX_INFLATED_BYTES
) -> bytes:
    """One member of a zip archive, inflated as a stream and stopped at `limit` bytes (TooLarge), so a
    member that claims to be small but inflates to gigabytes costs at most `limit` bytes of memory."""
    with archive.open(member) as stream:
        data = stream.read(limit + 1)
    if len(data) > limit:
        raise TooLarge(f"解压后超过 {limit / 2**20:.0f} MB")
    return data


def check_archive(archive: zipfile.ZipFile, limit: int, members: int = 10_000) -> None:
    """Refuse (TooLarge) an archive whose members would inflate to more than `limit` bytes in all, or
    that has more than `members` members, before anything is inflated. zipfile stops every member at
    its declared size, so the declared sizes bound what reading it can cost."""
    infos = archive.infolist()
    if len(infos) > members:
        raise TooLarge(f"压缩包内有 {len(infos)} 个部件，超过上限 {members}")
    total = sum(info.file_size for info in infos)
    if total > limit:
        raise TooLarge(f"解压后共 {total / 2**20:.0f} MB，超过上限 {limit / 2**20:.0f} MB")


# YAML given by people (a report, an organ table): no anchors or aliases (an alias "bomb" of a few KB
# expands to gigabytes) and at most this many levels of nesting.
YAML_DEPTH = 32


class _BoundedLoader(yaml.SafeLoader):
    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self._depth = 0

    def compose_node(self, parent: yaml.Node | None, index: int) -> yaml.Node | None:
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()  # type: ignore[no-untyped-call]
            raise yaml.composer.ComposerError(
                None, None, "YAML 别名（*名称）不受支持，请直接写出内容", event.start_mark
            )
        self._depth += 1
        if self._depth > YAML_DEPTH:
            raise yaml.composer.ComposerError(
                None,
                None,
                f"嵌套层数超过 {YAML_DEPTH} 层",
                self.peek_event().start_mark,  # type: ignore[no-untyped-call]
            )
        try:
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


def load_yaml(text: str) -> Any:
    """`yaml.safe_load` for text from people, without aliases and with a nesting limit (YAMLError)."""
    loader = _BoundedLoader(text)
    try:
        return loader.get_single_data()
    finally:
        loader.dispose()
