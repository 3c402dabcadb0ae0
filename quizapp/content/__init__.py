"""The bank's content, as the application manages it.

- `generation`: articles -> questions in the bank (reading, the spaCy pipeline, storing).
- `seeding`: an empty bank is first filled from the bundled seed articles.
- `articles`: resolving article ids and titles the user types.
- `backup`: whole-bank backups and restores (JSON documents or SQLite copies).
"""
