"""Exports: the bank to other tools, one module per format.

Every exporter is a pure mapping from plain rows (`quizapp.exports.source`) to a file's content;
the CLI (`quizapp.cli.transfer_commands`) reads the rows, calls the mapping and writes the file.
Retired questions never leave the bank.

- `anki` — Anki packages (.apkg) with genanki: stable model, deck and note ids.
- `quizlet` — Quizlet's "term TAB definition" import text.
- `table` — every field of every question as CSV.
- `kahoot` — Kahoot's quiz spreadsheet template (.xlsx) with openpyxl.
- `printable` — a printable quiz sheet with an answer key (HTML or Markdown).
"""
