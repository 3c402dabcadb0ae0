"""The sentence index answers "does another sentence say this value?" exactly as a scan of every
sentence did (the scan made a part's cost grow with the square of its length)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

import pytest
from spacy.language import Language
from spacy.tokens import Doc

from question_bank.distractors import nearby_numbers, normalise, rng_for
from question_bank.facts.model import Fact
from question_bank.facts.sentence import sentence_facts
from question_bank.nlp import PARSE_DISABLED, load_pipeline
from question_bank.sentence_index import SentenceIndex

SEED = Path(__file__).resolve().parents[3] / "seeds" / "nato-kfor-kosovo-clashes.txt"

# Values said twice with the same words, in one paragraph and across paragraphs; a value that is
# part of a longer number (19855), one of several words ("the 1850s"), and a sentence that
# says a value with too few shared words.
PARAGRAPHS = (
    "The college was founded in 1850 by the city council. The college moved to a new campus in "
    "1856, when the city council bought the land. Its library opened in 1850.",
    "The city council of Springfield met in 1856. About 19855 students attended the college "
    "in 1901. The college library held 3,800 books in the 1850s.",
    "Nothing here: a river runs through 1856 hills.",
)


def _scan(fact: Fact, value: str, docs: Sequence[Doc] = ()) -> bool:
    """The scan the index replaced (question_bank/generator.py before it), kept as the oracle."""
    answer_ids = set(range(fact.start, fact.end))
    content = {
        t.lower_
        for t in fact.sent
        if t.i not in answer_ids and t.is_alpha and not t.is_stop and len(t) > 2
    }
    wanted = normalise(value)
    own = fact.sent.doc
    names = re.compile(rf"(?<!\w){re.escape(wanted)}(?!\w)").search
    paragraphs = [own, *(doc for doc in docs if doc is not own)] if wanted else []
    for other in (s for doc in paragraphs for s in doc.sents):
        if (other.doc is own and other.start == fact.sent.start) or not names(
            normalise(other.text)
        ):
            continue
        shared = {t.lower_ for t in other if t.is_alpha and not t.is_stop} & content
        if len(shared) >= 2:
            return True
    return False


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_pipeline()


def _docs(nlp: Language) -> list[Doc]:
    lines = SEED.read_text("utf-8").splitlines()[2:]
    texts = [*PARAGRAPHS, *(line for line in lines if line.strip())]
    off = [name for name in PARSE_DISABLED if name in nlp.pipe_names]
    return list(nlp.pipe(texts, disable=off))


def test_the_index_answers_as_the_scan_did(nlp: Language) -> None:
    docs = _docs(nlp)
    index = SentenceIndex()
    for doc in docs:
        index.add(doc)
    facts = [f for doc in docs for sent in doc.sents for f in sentence_facts(sent, "")]
    answers = sorted({f.answer for f in facts})
    said = {True: 0, False: 0}
    for n, fact in enumerate(facts):
        values = [fact.answer, *answers[n % 7 :: 7]]  # every answer is asked about somewhere
        values += nearby_numbers(fact.answer, rng_for(n), 4)
        values += ["1850", "1856", "1855", "the 1850s", "", "!!"]
        for value in values:
            whole = index.stated_elsewhere(fact, value, whole_part=True)
            own = index.stated_elsewhere(fact, value, whole_part=False)
            assert whole == _scan(fact, value, docs), (fact.sentence, value)
            assert own == _scan(fact, value), (fact.sentence, value)
            said[whole] += 1
    assert said[True] > 10 and said[False] > 100  # both answers were put to the test


def test_a_doc_outside_the_index_is_still_its_own_paragraph(nlp: Language) -> None:
    docs = _docs(nlp)
    index = SentenceIndex(docs[1:])  # the fact's own paragraph was never added
    fact = next(f for sent in docs[0].sents for f in sentence_facts(sent, "") if f.answer == "1850")
    assert index.stated_elsewhere(fact, "1856", whole_part=True) == _scan(fact, "1856", docs[1:])
    assert index.stated_elsewhere(fact, "1856", whole_part=True)


def test_added_paragraphs_are_read_after_a_whole_part_question(nlp: Language) -> None:
    docs = _docs(nlp)
    fact = next(f for sent in docs[0].sents for f in sentence_facts(sent, "") if f.answer == "1850")
    index = SentenceIndex(docs[:1])
    assert not index.stated_elsewhere(fact, "Springfield", whole_part=True)
    index.add(docs[1])
    assert index.stated_elsewhere(fact, "Springfield", whole_part=True)
    assert _scan(fact, "Springfield", docs[:2])
