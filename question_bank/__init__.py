"""question_bank: turn English articles into question banks.

The library half of quizapp. It reads articles, parses them with spaCy, extracts facts, forms
questions with distractors and stores them in a SQLAlchemy bank. It knows nothing of the
application (`quizapp`) and nothing of Textual.
"""

from question_bank.errors import QuestionBankError
from question_bank.models import CLOZE_GAP, AnswerType, QuestionKind

__all__ = ["CLOZE_GAP", "AnswerType", "QuestionBankError", "QuestionKind"]
