"""Sentence -> facts: the statements worth learning, each with its answer span and type.

A fact is a sentence plus one answer inside it: a named entity (who, where, when, which
organisation), a number with its unit (how many), a noun phrase that is the object or complement
of a verb (what), the cause after "due to"/"because of", or a person named with a title or an
apposition ("Jens Stoltenberg, NATO's Secretary-General"). Facts keep their spaCy tokens so that
`question_bank.questions` can turn the surrounding clause into a question.

Facts are overgenerated here and scored; the generator ranks them and keeps a budget per article.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING

from question_bank.models import AnswerType

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

ENTITY_TYPES: dict[str, AnswerType] = {
    "PERSON": AnswerType.PERSON,
    "GPE": AnswerType.PLACE,
    "LOC": AnswerType.PLACE,
    "FAC": AnswerType.PLACE,
    "ORG": AnswerType.ORGANISATION,
    "DATE": AnswerType.DATE,
    "TIME": AnswerType.DATE,
    "CARDINAL": AnswerType.NUMBER,
    "QUANTITY": AnswerType.QUANTITY,
    "MONEY": AnswerType.QUANTITY,
    "PERCENT": AnswerType.QUANTITY,
    "NORP": AnswerType.GROUP,
    "EVENT": AnswerType.EVENT,
    "WORK_OF_ART": AnswerType.THING,
    "LAW": AnswerType.THING,
    "PRODUCT": AnswerType.THING,
    "LANGUAGE": AnswerType.THING,
    "ORDINAL": AnswerType.THING,
}
# How likely a learner (and a quiz writer) wants this entity as an answer.
# Measured on SQuAD dev passages: the share of such candidates that a person asked about.
ENTITY_SCORES: dict[str, float] = {
    "PERSON": 0.42,
    "DATE": 0.45,
    "CARDINAL": 0.32,
    "MONEY": 0.5,
    "PERCENT": 0.5,
    "QUANTITY": 0.5,
    "GPE": 0.3,
    "LOC": 0.33,
    "ORG": 0.33,
    "FAC": 0.33,
    "EVENT": 0.25,
    "WORK_OF_ART": 0.38,
    "LAW": 0.3,
    "NORP": 0.15,
    "PRODUCT": 0.25,
    "LANGUAGE": 0.25,
    "TIME": 0.1,
    # A rank the sentence states ("is ranked fourth"); "the first landing" is skipped below.
    "ORDINAL": 0.3,
}
# Score adjustments by the answer's syntactic role (same measurement).
ENTITY_DEP_BONUS: dict[str, float] = {"poss": -0.15, "nmod": -0.1, "attr": 0.2, "compound": -0.05}
# Nouns naming people: a noun phrase headed by one is answered with "who".
PERSON_NOUNS = frozenset(
    """man men woman women people person persons child children boy girl soldier officer official
    leader president minister king queen emperor prince princess chief governor mayor judge
    protester protesters citizen citizens worker workers student students teacher scientist
    author writer founder director manager member members player players coach doctor priest
    bishop pope general commander troops farmer farmers settler settlers inhabitants residents
    father mother son daughter wife husband brother sister family architect engineer artist
    composer poet philosopher explorer journalist journalists reporter spokesman spokeswoman
    chairman ceo secretary ambassador senator politician lawyer physician surgeon nurse""".split()
)
# Heads too vague to be an answer on their own ("What did they find? — part").
VAGUE_HEADS = frozenset(
    """part parts number numbers time times way ways lot lots kind kinds sort type types thing
    things one ones other others some many most all use uses end side case cases fact example
    form forms amount level levels order rest term terms addition result results place""".split()
)
PRONOUNS = frozenset(
    """i me my mine we us our ours you your yours he him his she her hers it its they them their
    theirs this that these those who whom whose which what there here itself themselves himself
    herself one""".split()
)
# Nouns that refer back to a named entity ("the country" = Kosovo).
REFERRING_NOUNS = frozenset(
    "country nation state city town company organisation organization alliance region".split()
)
# Subjects that are a quantity of something else ("Much of the area is…"): never asked about.
QUANTIFIER_SUBJECTS = frozenset("much many some most all each one part none few several".split())
# How much lower an answer that is the article's own topic (all its words in the title) scores.
TITLE_PENALTY = 0.3
CAUSE_MARKERS = ("due to", "because of", "owing to", "as a result of", "thanks to")
NOUN_CHUNK_ROLES: dict[str, float] = {
    "dobj": 0.17,
    "attr": 0.17,
    "oprd": 0.17,
    "pobj": 0.18,
    "nsubj": 0.24,
    "nsubjpass": 0.22,
    "appos": 0.17,
    "conj": 0.15,
    "dative": 0.17,
    "agent": 0.2,
}
CHUNK_HEAD_BONUS: dict[str, float] = {
    "advcl": 0.07,
    "agent": 0.1,
    "nsubj": 0.1,
    "relcl": -0.05,
    "acl": -0.08,
    "pcomp": -0.08,
}
# A bare common noun ("patents", "chastity") is an answer only as a verb's argument, and ranks
# below descriptive phrases: most bare nouns are not what a reader is asked about.
SINGLE_NOUN_ROLES = frozenset("dobj nsubj nsubjpass pobj attr".split())
SINGLE_NOUN_PENALTY = -0.08
TIME_NOUNS = frozenset(
    "year day week month moment time period century decade era season hour minute midst".split()
)
MONTHS = frozenset(
    """january february march april may june july august september october november december
    jan feb mar apr jun jul aug sep sept oct nov dec""".split()
)
CURRENCY_SIGNS = frozenset("£ $ € ¥ ₹".split())
MAGNITUDE_SUFFIXES = frozenset("m bn k mn b".split())
_DIGIT = re.compile(r"\d")
# Extra candidates for the learned ranker: whole phrases in these roles, at most this long.
PHRASE_ROLES = frozenset("dobj pobj nsubj nsubjpass attr appos oprd dative agent".split())
MAX_EXTRA_WORDS = 9


@dataclass
class Fact:
    """One answer inside one sentence, with what the question builder needs.

    `start`/`end` are token indices into the sentence's Doc; `span` are character offsets into
    `sentence` (the stable identity of the fact); `role` says how it was found.
    """

    sent: Span = field(repr=False)
    section: str
    start: int
    end: int
    answer_type: AnswerType
    role: str
    score: float
    label: str = ""
    # Appositions and titles: what the answer is named as ("NATO's Secretary-General").
    description: str = ""
    plural: bool = False

    @cached_property
    def sentence(self) -> str:
        return self.sent.text

    @cached_property
    def span(self) -> tuple[int, int]:
        doc = self.sent.doc
        base = self.sent.start_char
        last = doc[self.end - 1]
        end = last.idx + len(last) - base
        glued_stop = len(last) > 2 and last.text.endswith(".") and last.text.count(".") == 1
        if last.i == self.sent.end - 1 and glued_stop:
            end -= 1  # "BSkyB." tokenised with the sentence's full stop: the answer stops before it
        return doc[self.start].idx - base, end

    @property
    def answer(self) -> str:
        start, end = self.span
        return self.sentence[start:end]

    @property
    def tokens(self) -> Span:
        return self.sent.doc[self.start : self.end]


def noun_base(token: Token) -> str:
    """A plural noun's singular, roughly ("soldiers" -> "soldier"); no lemmatizer needed."""
    lower = token.lower_
    if token.tag_ not in ("NNS", "NNPS"):
        return lower
    if lower.endswith("ies"):
        return lower[:-3] + "y"
    if lower.endswith("men"):
        return lower[:-3] + "man"
    return lower[:-1] if lower.endswith("s") else lower


def answer_type_for(ent_label: str) -> AnswerType:
    return ENTITY_TYPES.get(ent_label, AnswerType.THING)


def sentence_facts(sent: Span, section: str, title: str = "") -> list[Fact]:
    """Every candidate fact of one sentence, overgenerated, each with a score in [0, 1].

    An answer that is the article's own topic (it appears in the title) is rarely worth asking:
    its score is lowered.
    """
    if not _worth_asking(sent):
        return []
    facts: list[Fact] = []
    taken: set[int] = set()

    def add(fact: Fact) -> None:
        facts.append(fact)
        taken.update(range(fact.start, fact.end))

    for start, end, label, plural in _entity_spans(sent):
        pair = label.endswith("+")
        label = label.rstrip("+")
        ent_score = ENTITY_SCORES.get(label)
        if ent_score is None:
            continue
        if pair:
            ent_score += 0.1  # "Hungary and Italy": a pair is a fact of its own, rarely a list
        root = _span_root(sent, start, end)
        if label == "CARDINAL" and root.dep_ == "nummod" and root.head.pos_ in ("NOUN", "PROPN"):
            ent_score += 0.08  # "30 soldiers": a count with its unit asks "how many"
        if label == "NORP" and root.dep_ in ("amod", "compound"):
            continue  # "Serbian protesters": an adjective, not an answer
        if label == "ORDINAL" and not _stated_rank(root, end - start):
            continue  # "the first manned landing", "first developed": a modifier, not a rank
        if label in ("CARDINAL",) and root.head.lower_ in ("one",):
            continue
        text = sent.doc[start:end].text
        if _half_quoted(text):
            continue  # 'the "spiritual home': half a quotation
        if text.lower() in PRONOUNS or text.lower() in ("today", "now", "yesterday"):
            continue
        if "," in text and label in ("PERSON", "ORG", "NORP"):
            continue  # "Oliver Lodge, and John Stone": a list, not one answer
        if _piece_of_name(sent, start, end):
            continue
        if label in ("CARDINAL", "QUANTITY") and _conversion(sent, start):
            continue  # "110 °F ([43.3] °C)": the same measure in other units, not a fact
        after = sent.doc[end] if end < sent.end else None
        if label == "DATE" and after is not None and (after.text == "°" or after.text in "FCK"):
            continue  # "January to 82" of "… 53 F in January to 82 F in July": a misread
        if label == "DATE" and not _DIGIT.search(text):
            # "years", "Monday", "that year": vague on their own; "June", "two days" are not.
            named = any(t.like_num or t.lower_ in MONTHS for t in sent.doc[start:end])
            ent_score -= 0.05 if named else 0.2
        ent_score += ENTITY_DEP_BONUS.get(root.dep_, 0.0)
        if in_list(root):
            ent_score -= 0.08  # one item of "France, Spain, Portugal and England": ambiguous
        if root.dep_ in ("nsubj", "nsubjpass") and end - start >= 2:
            ent_score += 0.2
        add(
            Fact(
                sent=sent,
                section=section,
                start=start,
                end=end,
                answer_type=answer_type_for(label),
                role="entity",
                score=ent_score,
                label=label,
                plural=plural,
            )
        )
    facts.extend(_title_facts(sent, section, facts))
    chunks = list(sent.noun_chunks)
    skip = -1
    for index, chunk in enumerate(chunks):
        if index == skip:
            continue
        joined = _chunk_pair(chunk, chunks[index + 1]) if index + 1 < len(chunks) else None
        if joined is not None:
            fact = _chunk_fact(sent, section, joined, taken)
            if fact is not None:
                fact.plural = True
                add(fact)
                skip = index + 1
                continue
        fact = _chunk_fact(sent, section, chunk, taken)
        if fact is not None:
            add(fact)
    facts.extend(_extra_facts(sent, section, facts))
    title_words = set(_words(title))
    for fact in facts:
        words = _words(fact.answer)
        if title_words and words and all(w in title_words for w in words):
            fact.score -= TITLE_PENALTY
        fact.score = max(0.01, min(fact.score, 0.99))
    return facts


def _extra_facts(sent: Span, section: str, found: list[Fact]) -> list[Fact]:
    """Candidates the rules above pass over, for the learned ranker to weigh (score 0, so the
    rule score says "no"): bare and vague noun phrases, whole argument phrases with their
    modifiers ("several regional colleges and universities"), adjective complements
    ("paramagnetic") and the entities the rules skip ("Catholic", "fourth").

    Only what can never make a card is refused here: pronouns, torn quotations or brackets,
    pieces of a longer name, answers longer than a card can gap.
    """
    spans = {(f.start, f.end) for f in found}
    # An entity already asked about is the answer, not a phrase around it ("700" rather than
    # "700 troops": the phrase repeats the entity elsewhere gapped or leaks it); a pair the rules
    # joined ("wages and profits") is asked as a pair.
    held = [(f.start, f.end) for f in found if f.role == "entity" or f.plural]
    out: list[Fact] = []

    def add(start: int, end: int, role: str, answer_type: AnswerType, label: str = "") -> None:
        start, end = _trim_phrase(sent, start, end)
        if end <= start or (start, end) in spans:
            return
        tokens = sent.doc[start:end]
        words = [t for t in tokens if not t.is_punct]
        if not words or len(words) > MAX_EXTRA_WORDS or all(t.is_stop for t in words):
            return
        head = tokens.root
        if head.lower_ in PRONOUNS or head.pos_ == "PRON" or noun_base(head) in VAGUE_HEADS:
            return
        content = [t for t in words if not t.is_stop]
        if len(content) == 1 and head.pos_ == "NOUN" and not _specific_noun(tokens, head):
            return  # "the country", "that moment", "the plan": pointing elsewhere, not a fact
        for left, right in held:
            if (start <= left and right <= end) or (left <= start and end <= right):
                return
        text = tokens.text
        if _half_quoted(text) or text.count("(") != text.count(")"):
            return
        if _piece_of_name(sent, start, end):
            return
        spans.add((start, end))
        out.append(
            Fact(
                sent=sent,
                section=section,
                start=start,
                end=end,
                answer_type=answer_type,
                role=role,
                score=0.0,
                label=label,
                plural=tokens.root.tag_ in ("NNS", "NNPS"),
            )
        )

    for ent in sent.ents:
        if ent.label_ in ENTITY_SCORES:
            start, end = _trim(sent, ent.start, ent.end)
            if ent.label_ in ("CARDINAL", "QUANTITY") and _conversion(sent, start):
                continue  # "110 °F ([43.3] °C)": the same measure again, not a fact
            add(start, end, "entity_minor", answer_type_for(ent.label_), ent.label_)
    for chunk in sent.noun_chunks:
        head = chunk.root
        add(chunk.start, chunk.end, "noun", _noun_type(head))
        if head.dep_ in PHRASE_ROLES:
            left, right = head.left_edge.i, head.right_edge.i + 1
            if right - left > len(chunk):
                add(left, right, "phrase", _noun_type(head))
    for token in sent:
        if token.pos_ == "ADJ" and token.dep_ in ("acomp", "amod", "oprd"):
            left = min([token.i, *(c.i for c in token.lefts if c.dep_ == "advmod")])
            add(left, token.i + 1, "adjective", AnswerType.THING)
    return out


def _specific_noun(tokens: Span, head: Token) -> bool:
    """A lone noun that names something: not a referring noun, a stretch of time, or a noun
    whose "the"/"that" points elsewhere in the text."""
    if head.lower_ in REFERRING_NOUNS or noun_base(head) in TIME_NOUNS:
        return False
    return not any(t.dep_ == "det" and t.lower_ not in ("a", "an") for t in tokens)


def _noun_type(head: Token) -> AnswerType:
    if noun_base(head) in PERSON_NOUNS or head.lower_ in PERSON_NOUNS:
        return AnswerType.GROUP if head.tag_ in ("NNS", "NNPS") else AnswerType.PERSON
    return AnswerType.THING


def _trim_phrase(sent: Span, start: int, end: int) -> tuple[int, int]:
    """A phrase without leading "both"/"his"/brackets or trailing punctuation and "and"."""
    doc = sent.doc
    while start < end - 1 and (
        doc[start].dep_ in ("predet", "preconj", "cc", "punct") or doc[start].pos_ == "PRON"
    ):
        start += 1
    while end > start and (doc[end - 1].is_punct or doc[end - 1].dep_ == "cc"):
        if doc[end - 1].text in ("%", ")", "’", "'"):
            break
        end -= 1
    return start, end


def _words(text: str) -> list[str]:
    return [w for w in re.findall(r"\w+", text.lower()) if w not in ("the", "a", "an", "of")]


def _worth_asking(sent: Span) -> bool:
    words = [t for t in sent if not t.is_punct and not t.is_space]
    if len(words) < 5:
        return False
    last = sent.text.rstrip()[-1:]
    if last not in ".!?\"”’')":
        return False  # a sentence the parser cut short ("…, are" + "Doctor Who's villains.")
    # A sentence has a verb at its root ("Doctor Who's oldest villains." is a fragment).
    return sent.root.pos_ in ("VERB", "AUX")


def _entity_spans(sent: Span) -> list[tuple[int, int, str, bool]]:
    """Entity token spans; two same-label entities joined by "and" become one plural answer."""
    ents = [e for e in sent.ents]
    out: list[tuple[int, int, str, bool]] = []
    index = 0
    while index < len(ents):
        ent = ents[index]
        if index + 1 < len(ents):
            nxt = ents[index + 1]
            between = sent.doc[ent.end : nxt.start]
            if (
                nxt.label_ == ent.label_
                and ent.label_ in ("GPE", "LOC", "PERSON", "ORG", "NORP")
                and [t.lower_ for t in between] in (["and"], [",", "and"], ["or"])
                and nxt.root.head.i == ent.root.i
            ):
                out.append((ent.start, nxt.end, ent.label_ + "+", True))
                index += 2
                continue
        start, end = _trim(sent, ent.start, ent.end)
        label = ent.label_
        if label in ("MONEY", "CARDINAL", "QUANTITY") and start < end:
            start, end, money = _with_currency(sent, start, end)
            label = "MONEY" if money else label
        if start < end:
            out.append((start, end, label, False))
        index += 1
    return out


def _stated_rank(root: Token, length: int) -> bool:
    """ "is ranked fourth", "finished third": an ordinal a verb states, the kind of rank a reader
    is asked about; not "first"/"last", which mostly mean "earliest"."""
    if length > 1 or root.lower_ in ("first", "last"):
        return False
    return root.head.pos_ in ("VERB", "AUX") and root.dep_ in ("oprd", "advmod", "attr", "acomp")


def _with_currency(sent: Span, start: int, end: int) -> tuple[int, int, bool]:
    """ "£30m" is tokenised "£ 30 m" and recognised as "30": the sum keeps its currency sign and
    its attached "m"/"bn" suffix."""
    doc = sent.doc
    money = False
    if (
        start > sent.start
        and doc[start - 1].text in CURRENCY_SIGNS
        and not doc[start - 1].whitespace_
    ):
        start -= 1
        money = True
    last = doc[end - 1]
    if end < sent.end and not last.whitespace_ and doc[end].lower_ in MAGNITUDE_SUFFIXES:
        end += 1
    return start, end, money or doc[start].text in CURRENCY_SIGNS


def _conversion(sent: Span, start: int) -> bool:
    """The number sits in brackets right after another measure: "1,600 mm (5 ft [3] in)"."""
    doc = sent.doc
    opening = next(
        (i for i in range(start - 1, max(sent.start, start - 4) - 1, -1) if doc[i].text == "("),
        None,
    )
    if opening is None or opening - 1 < sent.start:
        return False
    before = doc[max(sent.start, opening - 3) : opening]
    return any(t.like_num for t in before)


def in_list(token: Token) -> bool:
    """The token is an item of a list of three or more."""
    head = token
    while head.dep_ == "conj":
        head = head.head
    items = 1 + sum(1 for t in head.subtree if t.dep_ == "conj" and t.pos_ == head.pos_)
    return items >= 3


def _half_quoted(text: str) -> bool:
    """A span that opens or closes a quotation it does not contain whole."""
    if text.count('"') % 2 or text.count("“") != text.count("”"):
        return True
    return text.startswith(("'", "‘")) != text.endswith(("'", "’")) or text.endswith(("'", "‘"))


def _piece_of_name(sent: Span, start: int, end: int) -> bool:
    """ "Doctor [Who Magazine]", "[Genesis] of the Daleks", "a dedicated [Doctor] Who", "a
    [World War] I claim": a span that is only part of a longer proper name."""
    doc = sent.doc
    before = doc[start - 1] if start > sent.start else None
    if before is not None and before.pos_ == "PROPN" and start <= before.head.i < end:
        return True
    if (
        before is not None
        and before.i > sent.start
        and before.text.istitle()
        and doc[start].text[:1].isupper()
        and before.pos_ not in ("DET", "ADP", "PRON")
    ):
        return True  # "Doctor [Who Magazine]": a capitalised run cut in two
    after = doc[end] if end < sent.end else None
    last = doc[end - 1]
    if after is not None and after.pos_ == "PROPN" and last.pos_ == "PROPN":
        return after.dep_ != "appos"
    if after is not None and after.pos_ == "NUM" and after.text.istitle() and last.pos_ == "PROPN":
        return True  # "[BBC] One", "[Sky] Three": a channel's number is part of its name
    if after is not None and after.lower_ == "of" and end + 1 < sent.end:
        nxt = doc[end + 1] if doc[end + 1].lower_ != "the" else doc[min(end + 2, sent.end - 1)]
        return nxt.pos_ == "PROPN" and nxt.ent_type_ in ("WORK_OF_ART", "ORG", "")
    return False


def _trim(sent: Span, start: int, end: int) -> tuple[int, int]:
    """Entity edges without "the", a dangling "and" or an unclosed bracket ("League (AFL")."""
    doc = sent.doc
    while start < end - 1 and doc[start].lower_ in ("the", "a", "an"):
        start += 1
    for index in range(start, end):
        if doc[index].text == "(" and not any(doc[j].text == ")" for j in range(index, end)):
            end = index
            break
    while end > start + 1 and doc[end - 1].lower_ in ("'s", "’s"):
        end -= 1  # "Marco Polo's": the name, not its possessive
    while end > start and (doc[end - 1].is_punct or doc[end - 1].dep_ == "cc"):
        if doc[end - 1].text in ("%", ")", "’", "'") or (
            doc[end - 1].text == "." and not doc[end - 2].whitespace_
        ):
            break  # "et al.", "Inc.": the full stop belongs to the word
        end -= 1
    return start, end


def _span_root(sent: Span, start: int, end: int) -> Token:
    tokens = sent.doc[start:end]
    return tokens.root


def _title_facts(sent: Span, section: str, found: list[Fact]) -> list[Fact]:
    """People named with a description: "X, NATO's Secretary-General," and "EU chief X"."""
    out: list[Fact] = []
    doc = sent.doc
    for fact in found:
        if fact.label != "PERSON" or fact.plural:
            continue
        head = doc[fact.start : fact.end].root
        description = ""
        for child in head.children:
            if child.dep_ == "appos" and child.i > head.i:
                tokens = [t for t in child.subtree]
                if (
                    1 <= len(tokens) <= 8
                    and not any(t.ent_type_ == "PERSON" for t in tokens)
                    and any(t.pos_ in ("NOUN", "PROPN") for t in tokens)
                    and not any(t.is_punct and t.text in "()[]" for t in tokens)
                ):
                    description = doc[tokens[0].i : tokens[-1].i + 1].text
                break
        if not description:
            # Lowercase title nouns right before the name: "EU foreign policy chief Josep Borrell".
            titles = [
                t
                for t in head.children
                if t.dep_ == "compound" and t.pos_ == "NOUN" and t.i < fact.start
            ]
            if titles:
                title = titles[-1]
                left = title.left_edge.i
                lead_tokens = doc[left : title.i + 1]
                words = [t for t in lead_tokens if t.lower_ not in ("the", "a", "an")]
                # "EU foreign policy chief" names one post; a bare "Economist" names many people.
                possessive = any(t.dep_ in ("poss", "case") for t in lead_tokens)
                # "EU foreign policy chief", "Phillips' superior officer": a post of one named
                # body; "American actor" names thousands of people.
                named = any(t.pos_ == "PROPN" and t.ent_type_ != "NORP" for t in lead_tokens)
                if len(words) >= 2 and len(lead_tokens) <= 6 and named:
                    if possessive or lead_tokens[0].lower_ in ("the", "a", "an"):
                        description = lead_tokens.text  # "Phillips' superior officer"
                    else:
                        description = "the " + lead_tokens.text
        if description:
            out.append(
                Fact(
                    sent=sent,
                    section=section,
                    start=fact.start,
                    end=fact.end,
                    answer_type=AnswerType.PERSON,
                    role="title",
                    score=0.5,
                    label="PERSON",
                    description=description,
                )
            )
    return out


def _chunk_fact(sent: Span, section: str, chunk: Span, taken: set[int]) -> Fact | None:
    """A noun phrase as an answer: objects, complements, causes; not pronouns or vague words."""
    head = chunk.root
    if head.lower_ in PRONOUNS or head.pos_ == "PRON":
        return None
    if any(t.i in taken for t in chunk):
        return None
    start = chunk.start
    end = chunk.end
    # "both [BSkyB]", "[(0.52/sq mi]": the phrase without its leading "both" or a bracket it
    # never closes.
    while start < end - 1 and (
        chunk.doc[start].dep_ in ("det", "poss", "predet", "preconj")
        or chunk.doc[start].text in ("(", "[")
    ):
        if chunk.doc[start].lower_ in ("the", "a", "an"):
            break
        start += 1
    tokens = chunk.doc[start:end]
    words = [t for t in tokens if not t.is_punct]
    if not words or (noun_base(head) in VAGUE_HEADS and len(words) <= 2):
        return None
    content = [t for t in words if not t.is_stop]
    if not content or _half_quoted(tokens.text):
        return None
    if tokens.text.count("(") != tokens.text.count(")"):
        return None  # "110 °F (43.3 °C": a bracket torn apart
    if _piece_of_name(sent, start, chunk.end):
        return None
    if len(content) == 1 and head.lower_ in REFERRING_NOUNS:
        return None  # "the country": a reference, resolved in questions, never an answer
    single = len(content) == 1 and head.pos_ == "NOUN" and role_for(head) != "cause"
    if single and not _bare_noun_answer(chunk, head):
        return None  # "the trees", "the right", "over the years": too vague to ask about
    role_score = NOUN_CHUNK_ROLES.get(head.dep_)
    if role_score is None:
        return None
    if single:
        role_score += SINGLE_NOUN_PENALTY
    role = "chunk"
    prep = head.head if head.dep_ == "pobj" else None
    if prep is not None:
        marker = _prep_phrase(prep)
        if marker in CAUSE_MARKERS:
            role, role_score = "cause", 0.45
    # Descriptive phrases ("a moist broadleaf forest") make better answers than bare nouns.
    score = role_score + CHUNK_HEAD_BONUS.get(head.head.dep_, 0.0)
    if len(words) >= 3:
        score += 0.07
    elif len(words) == 1:
        score -= 0.06
    if len(words) > 7:
        score -= 0.1
    answer_type = AnswerType.THING
    if noun_base(head) in PERSON_NOUNS or head.lower_ in PERSON_NOUNS:
        answer_type = AnswerType.GROUP if head.tag_ in ("NNS", "NNPS") else AnswerType.PERSON
    return Fact(
        sent=sent,
        section=section,
        start=start,
        end=chunk.end,
        answer_type=answer_type,
        role=role,
        score=min(score, 0.95),
        plural=head.tag_ in ("NNS", "NNPS"),
    )


def _chunk_pair(first: Span, second: Span) -> Span | None:
    """ "wages and profits", "Confucian propriety and ancestor veneration": two noun phrases
    joined by "and" answer one question together; an item of a longer list does not."""
    doc = first.doc
    between = [t.lower_ for t in doc[first.end : second.start]]
    if between != ["and"] or second.root.head.i != first.root.i or second.root.dep_ != "conj":
        return None
    if first.root.dep_ == "conj" or any(c.dep_ == "conj" for c in second.root.children):
        return None
    if first.root.pos_ != "NOUN" or second.root.pos_ != "NOUN":
        return None  # names are paired by the entity recogniser's spans
    if any(c.dep_ == "prep" for c in second.root.rights):
        return None  # "their [resignation and the withdrawal] of the police": a phrase cut short
    return doc[first.start : second.end]


def _bare_noun_answer(chunk: Span, head: Token) -> bool:
    """A lone common noun worth asking about: a verb's argument with no "the"/"that" pointing
    elsewhere ("his [patents]", "accounts of [women]"), not a stretch of time ("over the years")
    and not the head of an "of" phrase ("[jettison] of the descent stage")."""
    if len(head) < 5 or head.dep_ not in SINGLE_NOUN_ROLES or noun_base(head) in TIME_NOUNS:
        return False
    if any(t.dep_ == "det" and t.lower_ not in ("a", "an") for t in chunk):
        return False
    return not any(c.dep_ == "prep" and c.lower_ == "of" for c in head.children)


def role_for(head: Token) -> str:
    if head.dep_ == "pobj" and _prep_phrase(head.head) in CAUSE_MARKERS:
        return "cause"
    return "chunk"


def _prep_phrase(prep: Token) -> str:
    """The multiword preposition a token belongs to: "due to", "because of", "as a result of"."""
    head = prep.head
    if head.lower_ in ("due", "because", "owing", "thanks") and head.i == prep.i - 1:
        return f"{head.lower_} {prep.lower_}"
    if prep.lower_ == "of" and head.lower_ == "result" and head.head.lower_ == "as":
        return "as a result of"
    return prep.lower_
