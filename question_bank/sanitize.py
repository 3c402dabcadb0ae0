"""One policy for text that enters the bank or reaches a terminal.

Text comes in from articles, Anki decks, JSON documents and card edits, and goes out to the
terminal, the TUI and export files. Terminal escape sequences (OSC retitles, CSI screen wipes),
other control characters and bidi overrides must never pass either way: they are removed when
text is read, and removed again when it is shown, so a bank written by an older quizapp is safe
too. Tab and newline are text; a carriage return becomes a newline.
"""

from __future__ import annotations

import dataclasses
import re
from typing import TypeVar

__all__ = ["clean_text", "is_clean", "safe_for_terminal", "terminal_safe"]

# Whole escape sequences first, so that their printable tails ("]0;title") go with them.
_ESCAPE_SEQUENCE = re.compile(
    r"\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?"  # OSC ... BEL or ST (window titles, hyperlinks)
    r"|\x1b\[[0-?]*[ -/]*[@-~]"  # CSI (cursor moves, screen wipes, colours)
    r"|\x9b[0-?]*[ -/]*[@-~]"  # 8-bit CSI
    r"|\x1b[PX^_][^\x1b]*(?:\x1b\\)?"  # DCS, SOS, PM, APC strings
    r"|\x1b[@-Z\\-_]?"  # any other escape: ESC and its one-character command
)
# C0 controls except tab and newline, DEL, C1 controls.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
# Bidi embeddings, overrides and isolates: they reorder what a reader sees ("Trojan Source").
_BIDI_CONTROL = re.compile("[\u202a-\u202e\u2066-\u2069]")


# Anything the three passes below would change: most text has none, and is returned at once
# (exports clean every field of 100,000 questions).
_ANY_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def is_clean(text: str) -> bool:
    """True when `clean_text` would hand `text` back unchanged.

    For bulk readers: one test of several fields joined, instead of a call per field.
    """
    return _ANY_UNSAFE.search(text) is None


def clean_text(text: str) -> str:
    """Text as it may be stored: escapes, control characters and bidi overrides removed."""
    if _ANY_UNSAFE.search(text) is None:
        return text
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _ESCAPE_SEQUENCE.sub("", text)
    return _BIDI_CONTROL.sub("", _CONTROL.sub("", text))


def safe_for_terminal(text: str) -> str:
    """Text that may be printed or rendered, whatever the bank holds (older banks included)."""
    return clean_text(text)


T = TypeVar("T")


# Per class, the names of the fields that may hold text: found once, not on every instance
# (the home screen builds thousands of rows whose counts are only numbers).
_TEXT_FIELDS: dict[type, tuple[str, ...]] = {}


def _text_fields(cls: type) -> tuple[str, ...]:
    names = _TEXT_FIELDS.get(cls)
    if names is None:
        numbers = {"int", "float", "bool", int, float, bool}
        names = tuple(f.name for f in dataclasses.fields(cls) if f.type not in numbers)
        _TEXT_FIELDS[cls] = names
    return names


def _clean_fields(self: object) -> None:
    for name in _text_fields(type(self)):
        value = getattr(self, name)
        if isinstance(value, str):
            cleaned: object = safe_for_terminal(value)
        elif isinstance(value, tuple) and any(isinstance(item, str) for item in value):
            cleaned = tuple(safe_for_terminal(v) if isinstance(v, str) else v for v in value)
        else:
            continue
        if cleaned != value:
            object.__setattr__(self, name, cleaned)  # frozen dataclasses too


def terminal_safe(cls: type[T]) -> type[T]:
    """Class decorator, placed under `@dataclass`: the text fields of every instance (str, and
    the str items of tuples) are safe for a terminal, whatever the bank they were read from held.

    For the plain types services hand to a UI: one place, instead of every widget that shows one.
    """
    cls.__post_init__ = _clean_fields  # type: ignore[attr-defined]
    return cls
