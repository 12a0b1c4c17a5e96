"""The per-document time limit: a reader that runs too long ends with a clear ReadError."""

from __future__ import annotations

import threading
import time

import pytest

from nianbao.readers import ReadError
from nianbao.readers.limits import Deadline, current_deadline, time_limit


def test_time_limit_stops_work_stuck_inside_a_call() -> None:
    start = time.monotonic()
    with pytest.raises(ReadError) as caught, time_limit("slow.pdf", 0.2):
        while True:  # stands for a parser stuck on one page
            time.sleep(0.01)
    assert time.monotonic() - start < 5
    assert caught.value.path == "slow.pdf" and "超时" in caught.value.reason


def test_deadline_check_raises_once_expired_and_extend_gives_more_time() -> None:
    deadline = Deadline("a.pdf", 0.05)
    deadline.check()
    time.sleep(0.1)
    with pytest.raises(ReadError):
        deadline.check()
    deadline.extend(10)
    deadline.check()


def test_readers_see_the_enclosing_deadline() -> None:
    with time_limit("a.pdf", 30) as deadline:
        assert current_deadline("a.pdf") is deadline
    assert current_deadline("b.pdf") is not deadline


def test_work_within_the_limit_is_untouched() -> None:
    with time_limit("fast.txt", 5) as deadline:
        value = sum(range(1000))
    assert value == 499500 and deadline.remaining is not None and deadline.remaining > 0


def test_the_limit_also_stops_work_in_a_thread_that_is_not_the_main_one() -> None:
    """Dask workers and the web application run files in threads, where no timer signal can reach."""
    outcome: list[BaseException | None] = []

    def work() -> None:
        try:
            with time_limit("threaded.pdf", 0.3):
                while True:  # stands for extraction stuck in Python code
                    sum(range(1000))
        except BaseException as exc:
            outcome.append(exc)

    worker = threading.Thread(target=work)
    start = time.monotonic()
    worker.start()
    worker.join(20)
    assert not worker.is_alive() and time.monotonic() - start < 20
    assert isinstance(outcome[0], ReadError) and "超时" in outcome[0].reason


def test_an_inner_limit_joins_the_enclosing_one() -> None:
    with time_limit("a.txt", 30) as outer, time_limit("a.txt", 1) as inner:
        assert inner is outer
