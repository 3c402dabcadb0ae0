"""Errors the library raises for bad input; the CLI turns each into a one-line message."""


class QuestionBankError(Exception):
    """Base class: the message is shown to the user as-is, on one line."""


class ArticleError(QuestionBankError):
    """An article could not be read (missing, empty, binary, undecodable, no articles)."""


class BankError(QuestionBankError):
    """The bank could not be opened or written (bad URL, locked, newer schema...)."""


class InterchangeError(QuestionBankError):
    """A bank document (JSON export) is malformed."""
