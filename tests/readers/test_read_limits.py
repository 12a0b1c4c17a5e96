"""The per-document time limit: a reader that runs too long ends with a clear ReadError."""

from __future__ import annotations

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
