"""Imports: other tools' files into the bank, one module per format.

- `anki` — Anki packages (.apkg / .colpkg) read into a `quizapp.bank` document.
"""
