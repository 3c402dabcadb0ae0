"""Zip-based documents (EPUB, DOCX) are checked before a library unpacks them.

A zip can declare gigabytes inside a few kilobytes (a zip bomb); the declared sizes are summed
and refused past the size cap before any member is read.
"""

from __future__ import annotations

import io
import zipfile

from question_bank.errors import ArticleError
from question_bank.readers.raw import RawDocument


def check_archive(document: RawDocument, what: str) -> None:
    """Refuse a damaged zip, or one that unpacks to more than the size cap."""
    try:
        with zipfile.ZipFile(io.BytesIO(document.data)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
            damaged = archive.testzip()
    except (zipfile.BadZipFile, OSError, EOFError, RuntimeError) as error:
        raise ArticleError(f"{document.name}: a damaged {what} ({error})") from None
    if damaged is not None:
        raise ArticleError(f"{document.name}: a damaged {what} (bad member {damaged})")
    if unpacked > document.options.max_bytes:
        raise document.options.too_large(f"{document.name} unpacked", unpacked)
