"""Writing an output file safely: into a temporary file beside it, renamed over it only when the
writing succeeded, so a failed render or export never destroys a file that was already there. A name
the system refuses (too long, a NUL byte, a folder that cannot be made) is an OutputError for people.
File names are shown with `printable` (bytes that are not UTF-8, control characters escaped)."""

from __future__ import annotations

import contextlib
import errno
import os
import re
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


class OutputError(RuntimeError):
    """An output file cannot be written; the message (Chinese) names the file and the reason."""


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


# Files made by mkstemp are private (0600); a finished output gets the mode a plain open() would give.
_MODE = 0o666 & ~_umask()


def printable(name: str | Path) -> str:
    """A file name as it can be shown and written anywhere: bytes that are not UTF-8 (kept by Python
    as lone surrogates) and control characters become visible escapes such as \\xff."""
    text = str(name)
    if text.isprintable():
        return text
    text = text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    return "".join(c if c.isprintable() else c.encode("unicode_escape").decode("ascii") for c in text)


def _reason(error: OSError | ValueError) -> str:
    if isinstance(error, ValueError):
        return "文件名中含有空字符"
    if error.errno == errno.ENAMETOOLONG:
        return "文件名过长"
    if error.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return "没有写入权限"
    if error.errno == errno.ENOSPC:
        return "磁盘空间不足"
    if error.errno == errno.EISDIR:
        return "这是一个目录"
    return error.strerror or str(error)


@contextmanager
def output_file(path: Path | str) -> Iterator[Path]:
    """A temporary path to write into; when the block ends without error it becomes `path`."""
    target = Path(path)
    try:
        if "\0" in str(target):
            raise ValueError("embedded null byte")
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, name = tempfile.mkstemp(prefix=".nianbao-", suffix=target.suffix[:16], dir=target.parent)
        os.close(fd)
    except (OSError, ValueError) as error:
        raise OutputError(f"无法写出 {printable(target)}：{_reason(error)}") from None
    temporary = Path(name)
    try:
        yield temporary
        os.chmod(temporary, _MODE)
        os.replace(temporary, target)
    except OSError as error:
        raise OutputError(f"无法写出 {printable(target)}：{_reason(error)}") from None
    finally:
        with contextlib.suppress(FileNotFoundError):
            temporary.unlink()


_UNSAFE = re.compile(r'[\\/:*?"<>|\s\x00-\x1f\x7f]+')


def safe_name(text: str, limit: int = 120) -> str:
    """`text` as one file name component: no separators, control or reserved characters, at most
    `limit` bytes of UTF-8 (the systems' limit is 255), cut at a character boundary."""
    name = _UNSAFE.sub("_", text).strip("._") or "_"
    encoded = name.encode("utf-8", "surrogateescape")[:limit]
    return encoded.decode("utf-8", "ignore")
