"""Big letters for a projector, drawn with half blocks: a 3x5 pixel font, 4 cells per letter.

A terminal cannot change its font size, so large text is drawn: each letter is 3x5 pixels,
two pixel rows per cell with the half-block characters, so a letter takes 3 rows and 4 columns
(with its spacing), and a blank row parts two lines (none where the screen is short: the
letters' last pixel row is a half-filled cell, so lines never touch). Capitals, digits and
common punctuation have glyphs, accented and other Latin letters are spelled with them;
`big_fits` tells a caller whether a text can be drawn, and `big_wraps_whole` whether it wraps
at a width without cutting a word, so it can fall back to plain bold text.
"""

from __future__ import annotations

import textwrap
import unicodedata

from question_bank.models import CLOZE_GAP

# Each glyph: five rows of three pixels, "#" on.
_GLYPHS: dict[str, str] = {
    "A": ".#. #.# ### #.# #.#",
    "B": "##. #.# ##. #.# ##.",
    "C": ".## #.. #.. #.. .##",
    "D": "##. #.# #.# #.# ##.",
    "E": "### #.. ##. #.. ###",
    "F": "### #.. ##. #.. #..",
    "G": ".## #.. #.# #.# .##",
    "H": "#.# #.# ### #.# #.#",
    "I": "### .#. .#. .#. ###",
    "J": "..# ..# ..# #.# .#.",
    "K": "#.# #.# ##. #.# #.#",
    "L": "#.. #.. #.. #.. ###",
    "M": "#.# ### ### #.# #.#",
    "N": "##. #.# #.# #.# #.#",
    "O": ".#. #.# #.# #.# .#.",
    "P": "##. #.# ##. #.. #..",
    "Q": ".#. #.# #.# ##. .##",
    "R": "##. #.# ##. #.# #.#",
    "S": ".## #.. .#. ..# ##.",
    "T": "### .#. .#. .#. .#.",
    "U": "#.# #.# #.# #.# ###",
    "V": "#.# #.# #.# #.# .#.",
    "W": "#.# #.# ### ### #.#",
    "X": "#.# #.# .#. #.# #.#",
    "Y": "#.# #.# .#. .#. .#.",
    "Z": "### ..# .#. #.. ###",
    "0": "### #.# #.# #.# ###",
    "1": ".#. ##. .#. .#. ###",
    "2": "##. ..# .#. #.. ###",
    "3": "##. ..# .#. ..# ##.",
    "4": "#.# #.# ### ..# ..#",
    "5": "### #.. ##. ..# ##.",
    "6": ".## #.. ### #.# ###",
    "7": "### ..# .#. .#. .#.",
    "8": "### #.# ### #.# ###",
    "9": "### #.# ### ..# ##.",
    " ": "... ... ... ... ...",
    ".": "... ... ... ... .#.",
    ",": "... ... ... .#. #..",
    "?": "##. ..# .#. ... .#.",
    "!": ".#. .#. .#. ... .#.",
    "'": ".#. .#. ... ... ...",
    '"': "#.# #.# ... ... ...",
    "-": "... ... ### ... ...",
    ":": "... .#. ... .#. ...",
    ";": "... .#. ... .#. #..",
    "(": "..# .#. .#. .#. ..#",
    ")": "#.. .#. .#. .#. #..",
    "/": "..# ..# .#. #.. #..",
    "%": "#.# ..# .#. #.. #.#",
    "&": ".#. #.# .#. #.# .##",
    "+": "... .#. ### .#. ...",
    "=": "... ### ... ### ...",
    "_": "... ... ... ... ###",
    "#": "#.# ### #.# ### #.#",
    "*": "... #.# .#. #.# ...",
    "<": "..# .#. #.. .#. ..#",
    ">": "#.. .#. ..# .#. #..",
    "[": "##. #.. #.. #.. ##.",
    "]": ".## ..# ..# ..# .##",
    "@": ".#. #.# ### #.. .##",
}
_HALF = {(True, True): "█", (True, False): "▀", (False, True): "▄", (False, False): " "}
_REPLACEMENTS = {
    CLOZE_GAP: "___",
    "…": "...",
    "’": "'",
    "‘": "'",
    "“": '"',
    "”": '"',
    "–": "-",
    "—": "-",
    "€": "EUR",
    "£": "GBP",
    "$": "USD",
    "⁄": "/",  # NFKD turns ½ into 1⁄2
    "×": "X",
    "°": " DEG",
    # Latin letters that have no accent to drop, spelled as a reader would expect
    "ß": "SS",
    "æ": "AE",
    "Æ": "AE",
    "œ": "OE",
    "Œ": "OE",
    "ø": "O",
    "Ø": "O",
    "ł": "L",
    "Ł": "L",
    "đ": "D",
    "Đ": "D",
    "ð": "D",
    "Ð": "D",
    "þ": "TH",
    "Þ": "TH",
    "ı": "I",
}

CELL_WIDTH = 4  # three pixel columns and a space
GLYPH_ROWS = 3  # five pixel rows in half blocks
LINE_HEIGHT = GLYPH_ROWS + 1  # and a blank row


def _normalise_letters(text: str) -> str:
    # Accents are dropped (Vučić -> VUCIC): legible from the back of the room, and the glyphs
    # stay a small hand-drawn set. Decomposed first, so that ½ (1⁄2) meets its replacement.
    text = unicodedata.normalize("NFKD", text)
    for old, new in _REPLACEMENTS.items():
        text = text.replace(old, new)
    return "".join(c for c in text if not unicodedata.combining(c)).upper()


def _normalise(text: str) -> str:
    return " ".join(_normalise_letters(text).split())


def big_fits(text: str) -> bool:
    """Whether every character of the text has a big glyph."""
    return all(c in _GLYPHS for c in _normalise(text))


def big_wrap(text: str, width: int) -> list[str]:
    """The text's lines of letters for a width in cells (empty when not even a letter fits)."""
    letters = width // CELL_WIDTH
    if letters < 1:
        return []
    return textwrap.wrap(_normalise(text), letters, break_long_words=True) or [""]


def big_wraps_whole(text: str, width: int) -> bool:
    """Whether the text wraps at this width without cutting a word in two."""
    letters = width // CELL_WIDTH
    return letters >= 1 and all(len(word) <= letters for word in _normalise(text).split())


def big_height(text: str, width: int, gap: int = 1) -> int:
    """Rows the text takes drawn big at this width, `gap` blank rows between its lines."""
    lines = big_wrap(text, width)
    return len(lines) * (GLYPH_ROWS + gap) - gap if lines else 0


def big_lines(text: str, width: int, gap: int = 1) -> list[str]:
    """The text drawn in big letters: three rows per line of letters, `gap` blank rows between."""
    rows: list[str] = []
    for index, line in enumerate(big_wrap(text, width)):
        if index:
            rows.extend([""] * gap)
        rows.extend(_draw(line))
    return rows


def big_row(text: str) -> list[str]:
    """One line drawn big as it is, spaces kept (for columns); three rows, never wrapped."""
    plain = _normalise_letters(text)
    return [row.ljust(len(plain) * CELL_WIDTH) for row in _draw(plain)]


def _draw(line: str) -> list[str]:
    glyphs = [_GLYPHS.get(c, _GLYPHS["?"]).split() for c in line]
    rows: list[str] = []
    for top in (0, 2, 4):
        cells: list[str] = []
        for glyph in glyphs:
            upper = glyph[top]
            lower = glyph[top + 1] if top + 1 < 5 else "..."
            cells.append("".join(_HALF[(upper[x] == "#", lower[x] == "#")] for x in range(3)) + " ")
        # Every row of a line keeps the same length (only the last spacing column goes), so
        # centring the rows one by one never shears the letters.
        rows.append("".join(cells)[:-1])
    return rows
