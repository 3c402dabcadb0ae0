"""Imports: other tools' files into the bank, one module per format.

- `anki` — Anki packages (.apkg / .colpkg) and text exports read into a `quizapp.bank` document;
  `anki_notes` turns each note into questions.
- `files` — regular files only, with size caps (untrusted input).
"""
