"""The sentences of one part of an article, indexed once: "does another sentence say this?".

A wrong option must not be what the article says elsewhere: "X was founded in 1850" swapped to
1856 when the next sentence says "X ... in 1856" is not surely false. The generator asks that for
every wrong number or date it considers (and for every false statement's name, within its own
paragraph). Asked by scanning every sentence of the part, each question cost the part's whole
length, and a part's cost grew with the square of its length: on a 40,000-word part, 2,295
questions re-read ~2,000 sentences each (their text re-joined token by token every time), 85% of
the time after the parse; a 5,000-word article barely noticed. Here each sentence's normalised
text and content words are computed once, and a word -> sentences map hands a question only the
sentences that hold its value's rarest word. The answer is the scan's, exactly: a sentence that
names the value holds every one of its words.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from question_bank.distractors import normalise

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from question_bank.facts.model import Fact

# normalise's own function, uncached: indexing thousands of sentences once must not flush the
# cache the options' and answers' look-ups use.
_normalise = normalise.__wrapped__

# How many content words of the fact's sentence another sentence must share to say the same.
SHARED_WORDS = 2


@dataclass(frozen=True, eq=False)
class _Sentence:
    doc: Doc
    start: int  # token index of the sentence in its doc
    text: str  # normalised (distractors.normalise): lowercase words, stop words out
    words: frozenset[str]  # lowercased alphabetic non-stop tokens, as written


_Postings = dict[str, list[_Sentence]]


class SentenceIndex:
    """The sentences of a part's docs (its paragraphs, `add`ed as they are parsed), indexed on
    first use: a paragraph when a question is about it, the whole part once a question is about
    the whole part."""

    def __init__(self, docs: Sequence[Doc] = ()) -> None:
        self._docs: list[Doc] = []
        self._indexed: set[int] = set()
        self._per_doc: dict[int, _Postings] = {}
        self._all: _Postings | None = None
        for doc in docs:
            self.add(doc)

    def add(self, doc: Doc) -> None:
        self._docs.append(doc)
        self._indexed.add(id(doc))
        self._all = None  # the whole part's map is made again if a question needs it

    def stated_elsewhere(self, fact: Fact, value: str, *, whole_part: bool) -> bool:
        """Another sentence names `value` (whole words, normalised) with two of the fact
        sentence's content words (as written: the generator parses without the lemmatizer).
        `whole_part`: any paragraph of the part; otherwise the fact's own paragraph only."""
        wanted = normalise(value)
        if not wanted:
            return False
        answer_ids = range(fact.start, fact.end)
        content = {
            t.lower_
            for t in fact.sent
            if t.i not in answer_ids and t.is_alpha and not t.is_stop and len(t) > 2
        }
        if len(content) < SHARED_WORDS:
            return False  # no sentence can share enough words
        own = fact.sent.doc
        sources = [self._of(own)]
        if whole_part:
            sources = [self._everywhere()] + (sources if id(own) not in self._indexed else [])
        words = wanted.split()
        names = None  # compiled for the first sentence that shares the words (most never do)
        for postings in sources:
            candidates = min((postings.get(word, ()) for word in words), key=len)
            for other in candidates:
                if other.doc is own and other.start == fact.sent.start:
                    continue
                if len(other.words & content) < SHARED_WORDS:
                    continue
                if names is None:  # whole words: not 19855
                    names = re.compile(rf"(?<!\w){re.escape(wanted)}(?!\w)").search
                if names(other.text):
                    return True
        return False

    def _of(self, doc: Doc) -> _Postings:
        postings = self._per_doc.get(id(doc))
        if postings is None:
            postings = self._per_doc[id(doc)] = _postings(_sentences(doc))
        return postings

    def _everywhere(self) -> _Postings:
        if self._all is None:
            merged: _Postings = defaultdict(list)
            for doc in self._docs:
                for word, sentences in self._of(doc).items():
                    merged[word].extend(sentences)
            self._all = dict(merged)
        return self._all


def _sentences(doc: Doc) -> list[_Sentence]:
    return [
        _Sentence(
            doc,
            sent.start,
            _normalise(sent.text),
            frozenset(t.lower_ for t in sent if t.is_alpha and not t.is_stop),
        )
        for sent in doc.sents
    ]


def _postings(sentences: Iterable[_Sentence]) -> _Postings:
    out: _Postings = defaultdict(list)
    for sentence in sentences:
        for word in set(sentence.text.split()):
            out[word].append(sentence)
    return dict(out)
