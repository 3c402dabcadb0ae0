"""What a card's words point to, read from one sentence alone: whether "the Norwegian
runner", "the first", "I" or "that" needs the article beside it, and the dummy "it" that needs
nothing.

`question_bank.context` resolves references with what the article named before; these are the
token-level tests it uses, which need nothing but the parse.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

from question_bank.facts.model import noun_base
from question_bank.lexicon import PERSON_NOUNS, SPEECH_VERBS, TIME_NOUNS
from question_bank.nlp import verb_lemma

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

# Nouns for a person's role that news writes as "the analyst" once it has named them: on a
# card alone, "the analyst" is nobody.
ROLE_NOUNS = frozenset(
    """analyst analysts spokesman spokeswoman spokesperson official chairman chairwoman chief
    executive minister president director economist dealer trader banker diplomat negotiator
    secretary governor mayor commander manager owner founder victim suspect officer source
    lawyer attorney prosecutor judge witness researcher author""".split()
)
_PERSON_TITLE = re.compile(r"[A-Z][a-z]+(?: [A-Z][a-z]+){1,2}")


DEMONSTRATIVES = frozenset("this these those that".split())
MODIFIER_DEPS = frozenset("prep acl relcl amod compound poss nmod nummod appos".split())
DANGLING = frozenset("he him his she her it its they them their this these those we us our".split())


# Words for a person that news and biographies use once they have named them ("the Norwegian
# runner", "the Kenyan-born athlete"): besides the role and person nouns below.
DESCRIBED_PERSON_NOUNS = frozenset(
    """runner athlete player champion winner star singer actor actress writer artist
    composer poet novelist painter scientist inventor explorer veteran teenager youngster
    lord warrior ruler admiral""".split()
)
_ORDINALS = frozenset("first second third fourth fifth last next final former latter".split())


def described_person(head: Token, lemma: str, sent: Span) -> bool:
    """ "the Norwegian runner" with nobody named in the sentence: the article named them
    before, and a card alone cannot say who (an adjective or a nationality is no name); "the
    26-year-old" likewise."""
    if head.lower_ == "old" and any(c.lower_ in ("year", "month") for c in head.children):
        return not any(e.label_ == "PERSON" for e in sent.ents)
    if head.tag_ != "NN" or lemma not in DESCRIBED_PERSON_NOUNS | PERSON_NOUNS:
        return False
    if any(c.dep_ not in ("det", "amod", "compound", "nmod", "punct") for c in head.children):
        return False  # "the runner who won in 1978", "the winner of the race": described here
    if any(t.ent_type_ == "PERSON" for t in head.subtree):
        return False  # "the American runner Shalane Flanagan"
    described = any(c.dep_ in ("amod", "compound", "nmod") for c in head.children)
    if not described and lemma not in DESCRIBED_PERSON_NOUNS:
        return False  # a bare "the president" is a role the article may have named nearby
    return not any(e.label_ == "PERSON" for e in sent.ents)


def ordinal_only(head: Token) -> bool:
    """ "The first occurred in the 6th century", "The first years were spent in preparation":
    the first of what the article listed before; alone, it says nothing."""
    if head.lower_ in _ORDINALS and head.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj"):
        return not any(c.dep_ == "prep" for c in head.children)
    # "the last three days", "next year" say when from the article's own time: not vague.
    ordinal = [c for c in head.children if c.dep_ == "amod" and c.lower_ in _COUNTED_ORDINALS]
    return (
        bool(ordinal)
        and noun_base(head) in TIME_NOUNS
        and not any(c.dep_ in ("prep", "relcl", "acl", "nummod") for c in head.children)
    )


_COUNTED_ORDINALS = frozenset("first second third fourth fifth next following previous".split())


PLACE_SHELL_NOUNS = frozenset({"region", "area"})
# "The party", "the team": in an article that names several, which one?
ORG_SHELL_NOUNS = frozenset({"party", "team", "club", "side"})


def superlative_only(head: Token) -> bool:
    """ "The tallest peak is called Uhuru": the tallest of what? A superlative without an "of"
    or "in" phrase or a clause saying where measures against what the article said before."""
    if head.pos_ != "NOUN" or not any(c.dep_ == "amod" and c.tag_ == "JJS" for c in head.children):
        return False
    return not any(c.dep_ in ("prep", "relcl", "acl", "poss", "compound") for c in head.children)


FIRST_PERSON = frozenset("i me my mine myself we us our ours ourselves".split())


def has_speaker(sent: Span) -> bool:
    """The sentence names who speaks in it: a name or a noun as subject of "say"/"tell"."""
    return any(
        t.dep_ == "nsubj"
        and t.pos_ in ("PROPN", "NOUN")
        and t.head.pos_ == "VERB"
        and verb_lemma(t.head) in SPEECH_VERBS
        for t in sent
    )


_CONTRACTIONS = {"'re": "are", "'ve": "have", "'ll": "will", "'m": "am"}


def expanded_contraction(pronoun: Token) -> dict[int, str]:
    """ "She's the winner" with the name put in reads as a possessive ("Mary Keitany's the
    winner"): a contracted verb after a replaced pronoun is written out ("… is the winner")."""
    if pronoun.i + 1 >= len(pronoun.doc):
        return {}
    verb = pronoun.nbor(1)
    text = verb.lower_.replace("’", "'")
    if not text.startswith("'") or (verb.tag_ == "POS" and pronoun.tag_ != "PRP"):
        return {}
    participle = verb.i + 1 < len(verb.doc) and verb.nbor(1).tag_ == "VBN"
    if text == "'s":
        word = "has" if participle else "is"
    elif text == "'d":
        word = "had" if participle else "would"
    else:
        word = _CONTRACTIONS.get(text, "")
    return {verb.i: " " + word} if word else {}


def demonstrative_that(token: Token) -> bool:
    """ "that" pointing outside the sentence: a pronoun subject or object that is not a
    relative ("the law that allows"), or a determiner before a noun right after a conjunction,
    which the parser takes for a second conjunction ("When that diaphragm vibrated"; "said
    that prices would rise" is a conjunction)."""
    if token.pos_ == "PRON" and token.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj"):
        return (
            token.head.dep_ not in ("relcl", "acl", "ccomp") and token.i == token.head.left_edge.i
        )
    following = token.nbor(1) if token.i + 1 < len(token.doc) else None
    if token.dep_ != "mark" or following is None or following.dep_ not in ("nsubj", "nsubjpass"):
        return False
    before = token.nbor(-1) if token.i > token.sent.start else None
    after_conjunction = before is not None and before.tag_ in ("WRB", "IN")  # "When that …"
    return after_conjunction and following.tag_ in ("NN", "NNS", "NNP")


def such_without_as(token: Token, excluded: set[int]) -> bool:
    head = token.head
    return (
        token.dep_ in ("amod", "det", "predet")
        and head.pos_ == "NOUN"
        and head.i == token.i + 1
        and head.i not in excluded
        and not any(c.dep_ == "prep" and c.lower_ == "as" for c in head.children)
    )


def expletive(token: Token) -> bool:
    """The dummy "it" of "it was thought that …" / "it is impossible to …": refers to nothing."""
    if token.lower_ != "it" or token.dep_ not in ("nsubj", "nsubjpass"):
        return False
    head = token.head
    later = [c for c in head.children if c.i > token.i]
    if token.dep_ == "nsubjpass":  # "it was thought that …", "it is recognised that …"
        return any(c.dep_ == "ccomp" and starts_clause(c) for c in later)
    lemma = verb_lemma(head)  # the generator parses without the lemmatizer
    if lemma not in ("be", "seem", "appear"):
        return False
    # "it is impossible to …", "it seems that …": the clause is the real subject.
    complements = [c for c in later if c.dep_ in ("acomp", "attr")]
    clauses = [c for c in later if c.dep_ in ("ccomp", "xcomp")]
    clauses += [g for c in complements for g in c.children if g.dep_ in ("xcomp", "ccomp")]
    return bool(clauses) and (bool(complements) or lemma != "be")


def starts_clause(verb: Token) -> bool:
    return any(c.dep_ == "mark" and c.lower_ == "that" for c in verb.children)


def person_name(ent: Span) -> str:
    """A person's name as the recogniser found it, less a possessive it took in ("David
    Cameron’s Conservative Party" -> "David Cameron": "He said" is not "David Cameron’s said")."""
    text = ent.text
    for suffix in ("’s", "'s", "’", "'"):
        if text.endswith(suffix):
            return text[: -len(suffix)]
    return text


# Nouns whose "of" names a place ("the state of Tamaulipas", "the city of Florence").
_PLACE_HEADS = frozenset(
    """state city town village province region county country republic kingdom island
    district municipality capital""".split()
)


@lru_cache(maxsize=256)
def title_person(title: str) -> str | None:
    """The person an article's title names ("Nikola Tesla", "Amelia Earhart (aviator)")."""
    # "Srinivasa Ramanujan: A Life in Infinity", "Nikola Tesla (inventor)", "History of
    # Exploration: Henry Hudson, 1607-1611"
    for part in re.split(r":| [–—-] ", re.sub(r"\s*\(.*\)\s*$", "", title)):
        name = re.sub(r",[\s\d–-]*$", "", part).strip()
        if _PERSON_TITLE.fullmatch(name):
            return name
    return None


def names_a_person(ent: Span) -> bool:
    """A PERSON entity that is a person mention, not a name modifying a noun ("the Nimrod
    expedition", "the Trump administration"): only a mention can be who "he" is later."""
    root = ent.root
    if root.tag_ == "NNPS":
        return False  # "the London Philharmonic and Hallé Orchestras": a name is not plural
    if all(t.lower_ in ROLE_NOUNS or t.lower_ in ("prime", "pm") for t in ent):
        return False  # "Minister": a title the recogniser took for a name
    if root.pos_ != "PROPN":
        return False  # "Uncouth and a social outcast, …": an adjective, nobody's name
    of = root.head
    if root.dep_ == "pobj" and of.lower_ == "of" and of.head.lower_ in _PLACE_HEADS:
        return False  # "the Mexican state of Tamaulipas": a place the recogniser took for a name
    return ent.label_ == "PERSON" and not (root.dep_ == "compound" and root.head.pos_ == "NOUN")


def has_antecedent(sent: Span, token: Token) -> bool:
    """An earlier subject, object or name in the sentence that the pronoun can point to; never
    the subject of the pronoun's own verb ("A trust reopened it": "it" is not the trust)."""
    verb = token.head.head if token.dep_ == "pobj" else token.head
    bound: set[int] = set()
    if token.dep_ in ("dobj", "pobj"):
        for child in verb.children:
            if child.dep_ in ("nsubj", "nsubjpass"):
                bound |= {t.i for t in child.subtree}
    return any(
        t.i < token.i
        and t.i not in bound
        and (t.pos_ == "PROPN" or (t.pos_ == "NOUN" and t.dep_ in ARGUMENT_DEPS))
        for t in sent
    )


ARGUMENT_DEPS = frozenset("nsubj nsubjpass dobj attr appos conj".split())


def quoted(token: Token) -> bool:
    """The token stands inside quotation marks (speech: "here" is where the speaker is)."""
    before = token.sent.doc[token.sent.start : token.i].text
    return before.count('"') % 2 == 1 or before.count("“") > before.count("”")


def described_phrase(noun: Token) -> str | None:
    """A shell noun's mention with its own description ("a decision to send troops"), as the
    article writes it, with "the" for its article; None when it has no description or is long."""
    if not any(c.dep_ in MODIFIER_DEPS for c in noun.children):
        return None
    left, right = noun.left_edge, noun.right_edge
    while right.i > noun.i and right.is_punct:
        right = right.doc[right.i - 1]
    if right.i - left.i + 1 > 10 or any(t.lower_ in DANGLING for t in noun.subtree):
        return None
    text = " ".join(noun.doc.text[left.idx : right.idx + len(right)].split())
    first = left.lower_
    if first in ("a", "an"):
        text = "the" + text[len(left.text) :]
    elif first in DEMONSTRATIVES:
        return None
    elif left.dep_ not in ("det", "poss") and noun.tag_ == "NN" and left.i != noun.sent.start:
        text = "the " + text  # "cool, arid region" -> "the cool, arid region"
    return text


_BACK = frozenset("previous aforementioned same latter former".split())


def points_back(determiner: Token) -> bool:
    """ "this", "those", or "the" with an adjective that points back ("the previous attacks",
    "the same route"): the noun means something an earlier sentence said."""
    if determiner.lower_ in DEMONSTRATIVES:
        return True
    return any(c.dep_ == "amod" and c.lower_ in _BACK for c in determiner.head.children)
