"""Open what a path names, safely: regular files only, bounded in size, never blocking.

A FIFO, a device or a socket is refused from `stat` alone, before anything opens it (opening a
FIFO blocks until a writer comes; `/dev/zero` never ends). The file is then opened without
blocking and checked again on the open descriptor, so a path swapped between the two checks is
still refused. A looping symlink and a dangling one each say what they are.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterator
from pathlib import Path

from question_bank.errors import ArticleError
from question_bank.readers.raw import ReadOptions

_KINDS = (
    (stat.S_ISFIFO, "a FIFO (named pipe), not a file; to read from a pipe use `-` (stdin)"),
    (stat.S_ISCHR, "a character device, not a file"),
    (stat.S_ISBLK, "a block device, not a file"),
    (stat.S_ISSOCK, "a socket, not a file"),
)


def read_file_bytes(path: Path, options: ReadOptions) -> bytes:
    """The bytes of a regular file, refusing anything else and anything over the size cap."""
    status = _stat(path)
    _refuse_special(path, status.st_mode)
    if stat.S_ISDIR(status.st_mode):
        raise ArticleError(f"{path}: is a directory")
    if status.st_size > options.max_bytes:
        raise options.too_large(str(path), status.st_size)
    try:
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as error:
        raise _os_error(path, error) from None
    with os.fdopen(descriptor, "rb") as handle:
        _refuse_special(path, os.fstat(descriptor).st_mode)
        # One byte past the cap tells a file that grew since `stat` (or lies about its size).
        data = handle.read(options.max_bytes + 1)
    if len(data) > options.max_bytes:
        raise options.too_large(str(path))
    return data


def read_stream_bytes(stream: object, name: str, options: ReadOptions) -> bytes:
    """Read at most the cap from a binary stream (standard input)."""
    read = getattr(stream, "read")  # noqa: B009 - any object with a binary read()
    data: bytes = read(options.max_bytes + 1)
    if len(data) > options.max_bytes:
        raise options.too_large(name)
    return data


def files_under(directory: Path, suffixes: tuple[str, ...]) -> Iterator[Path]:
    """Regular files with a readable suffix under a directory, in a stable order.

    Symlinks that loop or dangle, FIFOs and devices are skipped here: a directory is read for
    its articles, and naming each oddity would drown them.
    """
    found: list[Path] = []
    for path in directory.rglob("*"):
        if path.suffix.lower() not in suffixes:
            continue
        try:
            if stat.S_ISREG(path.stat().st_mode):
                found.append(path)
        except OSError:
            continue
    yield from sorted(found)


def check_exists(path: Path) -> os.stat_result:
    """`stat` a path with a one-line error for each way it can be missing."""
    return _stat(path)


def _stat(path: Path) -> os.stat_result:
    try:
        return path.stat()
    except OSError as error:
        raise _os_error(path, error) from None


def _refuse_special(path: Path, mode: int) -> None:
    for test, what in _KINDS:
        if test(mode):
            raise ArticleError(f"{path}: is {what}")


def _os_error(path: Path, error: OSError) -> ArticleError:
    if error.errno == errno.ELOOP:
        return ArticleError(f"{path}: a symbolic link that loops (it points back to itself)")
    if error.errno == errno.ENOENT:
        if path.is_symlink():
            target = os.readlink(path)
            return ArticleError(f"{path}: a symbolic link to {target}, which does not exist")
        return ArticleError(f"{path}: no such file or directory")
    if error.errno == errno.EACCES:
        return ArticleError(f"{path}: permission denied")
    if error.errno == errno.EISDIR:
        return ArticleError(f"{path}: is a directory")
    return ArticleError(f"{path}: cannot read ({error.strerror or error})")
