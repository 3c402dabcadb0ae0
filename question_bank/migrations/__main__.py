"""`python -m question_bank.migrations ...` keeps working: the tool lives in the store now.

The migrations moved to `question_bank.store.migrations`; see its `__main__` for the commands.
"""

from question_bank.store.migrations.__main__ import main

if __name__ == "__main__":
    main()
