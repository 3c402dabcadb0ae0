"""The bank's storage: engine (URL -> engine, pragmas, `Bank`), schema, content, interchange.

- `engine`: open a bank (`open_bank`), its sessions and transactions, schema upgrades.
- `schema`: the typed ORM tables.
- `content`: storing generated articles and their questions, listing them.
- `interchange`: the JSON document (`quizapp.bank`) and backups.
- `migrations`: the Alembic revisions `open_bank()` runs.

`Bank` and `open_bank` are re-exported here: `from question_bank.store import Bank, open_bank`.
"""

from question_bank.store.engine import Bank, backup_sqlite, open_bank, schema_revision

__all__ = ["Bank", "backup_sqlite", "open_bank", "schema_revision"]
