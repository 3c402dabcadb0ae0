"""Grading a typed answer with rapidfuzz: exact, close or wrong, and the rating it suggests.

Both sides are normalised first (case, accents, punctuation, spacing, "%" as "percent", a
leading "in"/"on"/"since"/"about"... and a leading "the"/"a"/"an"), so "the Kosovo Force" typed
for "Kosovo Force" and "in 2018" for "2018" are exact. Then the typed text is compared with the
answer and every accepted answer; the closest one decides:

- exact after normalisation -> Good (3);
- close: rapidfuzz ratio >= 85, the typed words are the answer in another order, or a typo
  away (two letters swapped, or one letter wrong, missing or extra per six letters) -> Hard (2);
- anything else -> Again (1).

Numbers are never "close": 1998 typed for 1999 is wrong, however similar the strings look.
The learner can always change the suggested rating; this only suggests it.
"""

from __future__ import annotations

import re
import unicodedata

from rapidfuzz import fuzz
from rapidfuzz.distance import OSA, Levenshtein

from question_bank.models import StoredQuestion
from quizapp.study.views import AGAIN, GOOD, HARD, DiffSegment, TypedGrade

CLOSE_RATIO = 85.0
_ARTICLES = ("the ", "a ", "an ")
# Words a learner may put before a date, place or number without being wrong: "in 2018".
_LEADING_WORDS = ("in ", "on ", "at ", "by ", "since ", "from ", "about ", "around ")
_TRUE_WORDS = {"true", "t", "yes", "y", "correct", "right"}
_FALSE_WORDS = {"false", "f", "no", "n", "wrong", "incorrect"}


def normalise(text: str) -> str:
    """Lower case, no accents, no punctuation, single spaces, no leading article."""
    decomposed = unicodedata.normalize("NFKD", text)
    no_accents = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    folded = no_accents.casefold()
    # Digit grouping ("1,000") and apostrophes ("NATO's") vanish rather than splitting words.
    folded = re.sub(r"(?<=\d)[,.](?=\d{3}\b)|['’]", "", folded)
    folded = folded.replace("%", " percent")
    words = re.sub(r"[^\w]+", " ", folded).strip()
    for prefixes in (_LEADING_WORDS, _ARTICLES):
        for prefix in prefixes:
            if words.startswith(prefix) and len(words) > len(prefix):
                words = words[len(prefix) :]
                break
    return words


def _numbers(text: str) -> list[str]:
    return re.findall(r"\d+", text)


def _truth(text: str) -> bool | None:
    word = normalise(text)
    if word in _TRUE_WORDS or (len(word) > 2 and _is_typo(word, "true")):
        return True
    if word in _FALSE_WORDS or (len(word) > 2 and _is_typo(word, "false")):
        return False
    return None


def _similarity(typed: str, expected: str) -> float:
    """0-100: how close two normalised answers are (word order forgiven)."""
    if not typed or not expected:
        return 0.0
    return max(fuzz.ratio(typed, expected), fuzz.token_sort_ratio(typed, expected))


def _is_typo(typed: str, expected: str) -> bool:
    """A slip of the fingers: two letters swapped, or one edit per six letters of the answer.

    The ratio alone calls "Olso" for "Oslo" 75% similar. Short answers get no other edit, so
    "Iraq" for "Iran" stays wrong.
    """
    if not typed or not expected:
        return False
    swapped = OSA.distance(typed, expected) == 1 and Levenshtein.distance(typed, expected) == 2
    allowed = len(expected) // 6
    return swapped or (allowed > 0 and OSA.distance(typed, expected) <= allowed)


def diff(typed: str, expected: str) -> tuple[DiffSegment, ...]:
    """Character-level difference, to show the learner what they got wrong.

    "insert" segments are missing from the typed text, "delete" ones were typed but are not in
    the answer, "replace" ones were typed as `typed` instead of `text`.
    """
    segments: list[DiffSegment] = []
    for op in Levenshtein.opcodes(typed, expected):
        want = expected[op.dest_start : op.dest_end]
        got = typed[op.src_start : op.src_end]
        if op.tag == "equal":
            segments.append(DiffSegment("equal", want))
        elif op.tag == "insert":
            segments.append(DiffSegment("insert", want))
        elif op.tag == "delete":
            segments.append(DiffSegment("delete", "", got))
        else:
            segments.append(DiffSegment("replace", want, got))
    return tuple(segments)


def grade_typed(card: StoredQuestion, typed: str) -> TypedGrade:
    """Compare `typed` with the card's answer and accepted answers (a study card, or any
    question: a quiz night grades its players' typed answers the same way).

    Exact after normalisation (case, spacing, punctuation, accents) -> Good; close (rapidfuzz
    ratio >= 85 against any accepted answer) -> Hard; otherwise wrong -> Again. `diff` shows
    the difference against the closest accepted answer.
    """
    shown = typed.strip()
    if card.kind == "truefalse":
        expected_truth, typed_truth = _truth(card.answer), _truth(shown)
        if expected_truth is not None:
            right = typed_truth is expected_truth
            return TypedGrade(
                verdict="exact" if right else "wrong",
                suggested_rating=GOOD if right else AGAIN,
                similarity=100.0 if right else 0.0,
                expected=card.answer,
                typed=shown,
                diff=(DiffSegment("equal", card.answer),) if right else diff(shown, card.answer),
            )
    typed_norm = normalise(shown)
    candidates = list(dict.fromkeys([card.answer, *card.accepted_answers]))
    # The closest candidate: a close one (numbers agreeing) first, then the most similar.
    best, best_key = card.answer, (False, -1.0)
    for candidate in candidates:
        candidate_norm = normalise(candidate)
        if typed_norm and typed_norm == candidate_norm:
            return TypedGrade(
                verdict="exact",
                suggested_rating=GOOD,
                similarity=100.0,
                expected=candidate,
                typed=shown,
                diff=(DiffSegment("equal", candidate),),
            )
        score = _similarity(typed_norm, candidate_norm)
        # A wrong number is a wrong answer, however similar the strings look.
        close = (score >= CLOSE_RATIO or _is_typo(typed_norm, candidate_norm)) and _numbers(
            candidate_norm
        ) == _numbers(typed_norm)
        if (close, score) > best_key:
            best, best_key = candidate, (close, score)
    close, best_score = best_key
    return TypedGrade(
        verdict="close" if close else "wrong",
        suggested_rating=HARD if close else AGAIN,
        similarity=round(max(best_score, 0.0), 1),
        expected=best,
        typed=shown,
        diff=diff(shown, best),
    )
