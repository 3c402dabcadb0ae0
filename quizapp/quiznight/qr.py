"""The join address as a QR code drawn with half blocks, for a terminal (segno makes the code).

Two rows of modules go in one line of text, so the code is square on a terminal whose cells
are twice as tall as they are wide. Light modules are drawn (full, upper or lower half block)
and dark ones left blank: on a dark terminal the drawing reads as dark modules on a light
square, which is what a phone's camera looks for. The quiet zone is kept (`BORDER` modules).
"""

from __future__ import annotations

import segno

BORDER = 2
_HALF = {(True, True): "█", (True, False): "▀", (False, True): "▄", (False, False): " "}


def qr_lines(data: str) -> list[str]:
    """The QR code of `data` as lines of text (light modules drawn), quiet zone included."""
    code = segno.make(data, error="l", boost_error=False)
    matrix = [[bool(module) for module in row] for row in code.matrix_iter(border=BORDER)]
    if len(matrix) % 2:
        matrix.append([False] * len(matrix[0]))
    lines = []
    for top, bottom in zip(matrix[::2], matrix[1::2], strict=True):
        lines.append("".join(_HALF[(not t, not b)] for t, b in zip(top, bottom, strict=True)))
    return lines
