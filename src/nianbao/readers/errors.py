"""The one error a reader raises: the input cannot be read as a report. Its message is for people."""

from __future__ import annotations

from ..files import printable

__all__ = ["ReadError", "printable"]


class ReadError(Exception):
    def __init__(self, path: str, reason: str) -> None:
        path = printable(path)
        super().__init__(f"{path}：{reason}")
        self.path = path
        self.reason = reason
