"""Open an import file as untrusted input: a regular file, read with a size cap.

A FIFO would block `open()` until a writer comes (quizapp hung), a device such as /dev/zero never
ends, and a huge file would be read whole into memory. The file is opened without blocking and
without following a final symlink loop forever, checked with `fstat` on the open descriptor (no
race between the check and the read), and read up to the cap.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from question_bank.errors import QuestionBankError

MIB = 1024 * 1024


def _describe(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISDIR(mode):
        return "a directory"
    return "not a regular file"


def open_regular(path: Path, what: str) -> int:
    """A descriptor on `path`, which must be a regular file; QuestionBankError otherwise."""
    try:
        # O_NONBLOCK: opening a FIFO for reading must not wait for a writer.
        descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        raise QuestionBankError(f"{path}: no such file") from None
    except OSError as error:
        if error.errno == errno.ELOOP:
            raise QuestionBankError(f"{path}: symbolic link loop") from None
        if error.errno == errno.EISDIR:
            raise QuestionBankError(f"{path}: is a directory, not {what}") from None
        raise QuestionBankError(f"{path}: cannot read ({error.strerror})") from None
    mode = os.fstat(descriptor).st_mode
    if not stat.S_ISREG(mode):
        os.close(descriptor)
        raise QuestionBankError(f"{path}: refused: {_describe(mode)}, not {what}")
    os.set_blocking(descriptor, True)
    return descriptor


def check_size(path: Path, descriptor: int, limit_bytes: int, setting: str) -> int:
    """The file's size, refused past the cap (the message names the setting that raises it)."""
    size = os.fstat(descriptor).st_size
    if size > limit_bytes:
        raise QuestionBankError(
            f"{path}: refused: {size / MIB:.0f} MiB is over the {limit_bytes // MIB} MiB limit "
            f"(raise it with the {setting} setting)"
        )
    return size


def read_capped(path: Path, what: str, limit_bytes: int, setting: str) -> bytes:
    """The bytes of a regular file no larger than the cap."""
    descriptor = open_regular(path, what)
    try:
        check_size(path, descriptor, limit_bytes, setting)
        with os.fdopen(descriptor, "rb", closefd=False) as stream:
            data = stream.read(limit_bytes + 1)  # the file may grow while it is read
    except OSError as error:
        raise QuestionBankError(f"{path}: cannot read ({error.strerror or error})") from None
    finally:
        os.close(descriptor)
    if len(data) > limit_bytes:
        raise QuestionBankError(
            f"{path}: refused: over the {limit_bytes // MIB} MiB limit "
            f"(raise it with the {setting} setting)"
        )
    return data
