"""An article's candidate facts: collected sentence by sentence with the context to phrase
them, given one type per name across the article, and ranked by the learned answer ranker
(`question_bank.ranking`).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from question_bank.context import Context
from question_bank.facts.model import Fact, answer_type_for
from question_bank.facts.sentence import sentence_facts
from question_bank.models import AnswerType, Article
from question_bank.ranking import ArticleStats, answer_features, score, sentence_features
from question_bank.sentence_index import SentenceIndex

if TYPE_CHECKING:
    from spacy.tokens import Doc


@dataclass
class Candidate:
    """All facts found for one answer span of one sentence, and the context to phrase them."""

    facts: list[Fact]
    context: Context
    order: int
    sentence_index: int = 0
    # How likely a reader is asked about this answer (question_bank.ranking), set per article.
    worth: float = 0.0

    @property
    def best(self) -> Fact:
        return max(self.facts, key=lambda f: f.score)

    @property
    def score(self) -> float:
        return max(f.score for f in self.facts)


@dataclass
class ArticleState:
    article: Article
    candidates: list[Candidate] = field(default_factory=list)
    context: Context = field(default_factory=Context.empty)
    stats: ArticleStats = field(default_factory=ArticleStats)
    words: int | None = None  # of this part of a split article (None: the whole article)
    # The whole article's word counts (the card ranker's repetition feature), when they were
    # counted once for all its parts rather than by each part (speed; same values).
    word_counts: Counter[str] | None = None
    # The parsed paragraphs so far, their sentences indexed on first use: a wrong option must
    # not be what another paragraph says.
    sentences: SentenceIndex = field(default_factory=SentenceIndex)

    def __post_init__(self) -> None:
        self.context = Context.empty(self.article.title)
        self.stats = ArticleStats.for_title(self.article.title)


def collect(state: ArticleState, doc: Doc, section: str) -> None:
    state.sentences.add(doc)
    for sent in doc.sents:
        snapshot = state.context.copy()
        by_span: dict[tuple[int, int], list[Fact]] = defaultdict(list)
        for fact in sentence_facts(sent, section, state.article.title):
            _retype(fact)
            by_span[(fact.start, fact.end)].append(fact)
        index = state.stats.sentences
        for facts in by_span.values():
            state.candidates.append(Candidate(facts, snapshot, len(state.candidates), index))
        state.context.observe(sent)
        state.stats.observe(sent)


# Head nouns that follow the name of a place, never of a person ("the Aare river").
PLACE_HEADS = frozenset(
    """river stream lake sea ocean mountain mountains valley canal island islands bay gulf
    street avenue road bridge park forest desert plain basin glacier delta""".split()
)

# Last words of a building's or an institution's name: never a person ("John Crerar Library").
BUILDING_WORDS = frozenset(
    """library museum hall center centre university college school hospital church cathedral
    stadium airport station tower building castle palace theatre theater abbey""".split()
)


def _retype(fact: Fact) -> None:
    """A "person" the recogniser found that is a place by its grammar: "the Aare" (people take
    no article), "the Aare river"; asked "what", with places as options, never "who"."""
    if fact.label != "PERSON" or fact.role != "entity":
        return
    doc = fact.sent.doc
    before = doc[fact.start - 1] if fact.start > fact.sent.start else None
    after = doc[fact.end] if fact.end < fact.sent.end else None
    article = before is not None and before.lower_ == "the"
    place_head = after is not None and after.lower_ in PLACE_HEADS
    building = doc[fact.end - 1].lower_ in BUILDING_WORDS | PLACE_HEADS
    if article or place_head or building:
        fact.answer_type = AnswerType.PLACE
        fact.label = "LOC"


def agree_labels(candidates: list[Candidate]) -> None:
    """One name, one type across the article: the recogniser calls "Chopin" a person in most
    sentences and an organisation in one; the majority wins (a surname counts with its full
    name), so the card asks "who" and offers people."""
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    entity_facts = [f for c in candidates for f in c.facts if f.role == "entity" and f.label]
    for fact in entity_facts:
        votes[fact.answer].update([fact.label])
        if fact.label == "PERSON" and " " in fact.answer:
            votes[fact.answer.split()[-1]].update([fact.label])
    for fact in entity_facts:
        counted = votes[fact.answer]
        label, count = counted.most_common(1)[0]
        if label != fact.label and count > counted[fact.label]:
            fact.label = label
            fact.answer_type = answer_type_for(label)
        _retype(fact)


def candidate_features(state: ArticleState) -> list[dict[str, float]]:
    """The answer ranker's features of each candidate, once the whole article is read."""
    by_sentence: dict[tuple[int, int], list[int]] = defaultdict(list)
    for n, candidate in enumerate(state.candidates):
        by_sentence[(id(candidate.best.sent.doc), candidate.best.sent.start)].append(n)
    out = [
        answer_features(candidate.facts, candidate.sentence_index, state.stats)
        for candidate in state.candidates
    ]
    for members in by_sentence.values():
        extra = sentence_features([state.candidates[n].facts for n in members])
        for n, features in zip(members, extra, strict=True):
            out[n].update(features)
    return out


def rank(state: ArticleState) -> list[Candidate]:
    """The article's candidates, most answer-worthy first (the learned answer ranker)."""
    for candidate, features in zip(state.candidates, candidate_features(state), strict=True):
        candidate.worth = score(features)
    ranked = sorted(state.candidates, key=lambda c: (-c.worth, c.order))
    # Crowd questions (the training data) rarely ask "why", so causes score low; but a cause is
    # a fact a learner of the article should meet (DESIGN.md, "Extract facts"): the article's
    # best-scored cause goes first, the rest by worth.
    causes = [c for c in ranked if c.best.role == "cause"][:1]
    first = set(map(id, causes))
    return [c for c in ranked if id(c) in first] + [c for c in ranked if id(c) not in first]
