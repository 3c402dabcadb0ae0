"""The clause a question is built from: the nearest verb above the answer that has a subject,
its words without side remarks, conjoined clauses and sentence adverbs, and the tests that say
no question reads well from it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from question_bank.facts.model import Fact
from question_bank.facts.spans import list_item
from question_bank.lexicon import QUANTIFIER_SUBJECTS
from question_bank.questions.wh_words import MONEY_UNITS, PERCENT_UNITS
from question_bank.referring import DANGLING

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

SUBJECT_DEPS = ("nsubj", "nsubjpass", "csubj", "expl")

AUX_DEPS = ("aux", "auxpass")

DROP_IF_SET_OFF = frozenset(
    "advcl prep npadvmod advmod parataxis ccomp dep intj conj cc appos acl relcl".split()
)

# Of those, the ones that also say which event or time a clause is about when they stand
# inside it unmarked ("first invaded", "later became").
TIME_ADVERBS = frozenset("first later then now finally currently today".split())
DISCOURSE_ADVERBS = frozenset(
    """still however also moreover furthermore meanwhile nevertheless nonetheless thus therefore
    hence instead indeed then later now today yesterday currently finally first additionally
    similarly consequently""".split()
)


def clause_verb(fact: Fact) -> tuple[Token | None, list[Token]]:
    """The nearest verb above the answer that has a subject, and the path down to the answer."""
    doc = fact.sent.doc
    token = doc[fact.start : fact.end].root
    path: list[Token] = [token]
    while True:
        if (
            token.pos_ in ("VERB", "AUX")
            and token.dep_ not in ("relcl", "acl")
            and clause_subject(token) is not None
        ):
            return token, path
        if token.dep_ in ("relcl", "acl") or token.head.i == token.i:
            return None, path  # inside a relative clause, or the root without a subject
        token = token.head
        path.append(token)


def clause_subject(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ in SUBJECT_DEPS and child.dep_ != "expl":
            return child
    if any(child.dep_ == "expl" for child in verb.children):
        return None  # "… and there are numerous such communities": no subject to ask about
    joined = verb.i > 0 and verb.doc[verb.i - 1].dep_ in ("cc", "advmod", "neg", "aux")
    if verb.dep_ == "conj" and verb.head.pos_ in ("VERB", "AUX") and joined:
        # "KFOR has been deployed … and has 3,800 soldiers": the subject is shared.
        for child in verb.head.children:
            if child.dep_ in ("nsubj", "nsubjpass") and child.i < verb.head.i:
                return child
    return None


def clause_tokens(verb: Token, fact: Fact) -> list[Token]:
    """The verb's clause without side remarks, conjoined clauses and sentence adverbs."""
    keep = set(range(fact.start, fact.end))
    subject = clause_subject(verb)
    dropped, moved_end = _dropped_dependents(verb, fact, subject, keep)
    _drop_after_conjunction(verb, dropped, keep)
    _drop_relative_clauses(verb, fact, dropped, keep)
    tokens = [t for t in verb.subtree if t.i not in dropped]
    if subject is not None and subject.i < tokens[0].i:
        tokens = list(subject.subtree) + tokens
    if subject is not None:
        tokens = _without_subject_asides(tokens, subject, keep)
    while tokens and (tokens[0].is_punct or tokens[0].dep_ in ("cc",)):
        tokens.pop(0)
    while tokens and tokens[-1].is_punct and tokens[-1].text not in (")", "”", '"'):
        tokens.pop()
    tokens = _keep_inner_punct(tokens, verb)
    if subject is not None:
        tokens = _close_subject(tokens, subject)
    if moved_end and len(tokens) <= 14:
        tokens.extend(verb.doc[i] for i in sorted(moved_end))
    return _drop_dangling_punct(tokens)


def _dropped_dependents(
    verb: Token, fact: Fact, subject: Token | None, keep: set[int]
) -> tuple[set[int], list[int]]:
    """The verb's dependents a question leaves out, and a short opening phrase that moves to
    the end instead ("In a typical year the Amazon absorbs…" -> "… absorb in a typical year")."""
    dropped: set[int] = set()
    moved_end: list[int] = []
    doc = verb.doc
    sent = fact.sent
    for child in verb.children:
        sub = [t.i for t in child.subtree]
        if keep & set(sub):
            continue
        left, right = sub[0], sub[-1]
        set_off = (left > sent.start and doc[left - 1].text in (",", ";", "—", "–", "(")) or (
            right + 1 < sent.end and doc[right + 1].text in (",", ";", "—", "–", ")")
        )
        if (
            child.dep_ == "prep"
            and subject is not None
            and child.i < subject.i
            and len(sub) <= 5
            and not any(doc[i].is_punct for i in sub)
        ):
            moved_end.extend(sub)
            dropped.update(sub)
        elif _side_remark(child, set_off, subject) or _between_subject_and_verb(
            child, set_off, subject, verb
        ):
            dropped.update(sub)
        elif child.dep_ == "prep" and set_off and child.i > verb.i and right == sent.end - 2:
            dropped.update(sub)  # ", according to the hospital in Mitrovica."
        elif child.dep_ == "npadvmod" and set_off:
            dropped.update(sub)
    return dropped, moved_end


def _drop_after_conjunction(verb: Token, dropped: set[int], keep: set[int]) -> None:
    """Whatever hangs on the verb after a dropped "and …" clause belongs to that clause in truth
    (the parser attached "…, an administrative division of X" to the first verb)."""
    cut = min(
        (c.i for c in verb.children if c.dep_ in ("cc", "conj") and c.i in dropped), default=None
    )
    if cut is None:
        return
    for child in verb.children:
        sub = [t.i for t in child.subtree]
        if child.i > cut and not keep & set(sub):
            dropped.update(sub)


def _drop_relative_clauses(verb: Token, fact: Fact, dropped: set[int], keep: set[int]) -> None:
    """Non-restrictive clauses anywhere in the clause (", where he worked…", ", which paid…"),
    with the commas around them."""
    doc = verb.doc
    sent = fact.sent
    for token in verb.subtree:
        if token.dep_ in ("relcl", "acl", "appos") and token.i not in dropped:
            sub = [t.i for t in token.subtree]
            if keep & set(sub) or sub[0] <= sent.start or doc[sub[0] - 1].text != ",":
                continue
            if token.dep_ == "appos" and list_item(token):
                continue  # "in 2014, 2015, and 2016": a list item, not an aside
            dropped.update(sub)
            dropped.add(sub[0] - 1)
            if sub[-1] + 1 < sent.end and doc[sub[-1] + 1].text == ",":
                dropped.add(sub[-1] + 1)


def _without_subject_asides(tokens: list[Token], subject: Token, keep: set[int]) -> list[Token]:
    """Appositions in the subject are side remarks too ("Jens Stoltenberg, NATO's …,
    announced")."""
    # After a comma that follows the subject's noun, what hangs on the noun is a parenthesis
    # too, whatever the parser called it ("The park, while mostly in Wyoming at its northwest
    # corner, also includes…").
    comma = next(
        (c.i for c in subject.children if c.text == "," and c.i > subject.i), len(subject.doc)
    )
    side = [
        c
        for c in subject.children
        if (c.dep_ in ("appos", "relcl", "acl") or (c.i > comma and _subordinate(c)))
        and not (keep & {t.i for t in c.subtree})
        and not _names_its_noun(subject, c)
    ]
    if not side:
        return tokens
    span = {t.i for c in side for t in c.subtree}
    span |= {c.i for c in subject.children if c.dep_ == "punct" and c.i > subject.i}
    return [t for t in tokens if t.i not in span]


def _between_subject_and_verb(
    child: Token, set_off: bool, subject: Token | None, verb: Token
) -> bool:
    """A phrase set off by commas between the subject and its verb is a parenthesis ("The
    park, while mostly in Wyoming, includes…"): kept, it splits the question's subject from
    its verb ("Where does the park, while mostly in Wyoming, include land?")."""
    if subject is None or not set_off or not subject.i < child.i < verb.i:
        return False
    if not _parenthesis(child):
        return False  # "Rock units, other than muds, do not change": it says which units
    doc = child.doc
    left, right = child.left_edge.i, child.right_edge.i
    return doc[left - 1].text == "," and right + 1 < len(doc) and doc[right + 1].text == ","


def _subordinate(token: Token) -> bool:
    """A clause or phrase that a conjunction subordinates ("while mostly in Wyoming")."""
    return token.dep_ == "advcl" or any(c.dep_ == "mark" for c in token.children)


# Objects of a prepositional discourse marker ("for example", "in fact"): a parenthesis, not
# part of what the sentence says about its subject.
DISCOURSE_OBJECTS = frozenset(
    "example instance fact general particular contrast addition turn short sum course".split()
)


def _parenthesis(token: Token) -> bool:
    """A dependent that reads as a parenthesis when commas set it off: a subordinate clause, a
    sentence adverb, or a prepositional discourse marker ("for example")."""
    if _subordinate(token) or token.dep_ in ("advmod", "npadvmod"):
        return True
    return token.dep_ == "prep" and any(
        c.dep_ == "pobj" and c.lower_ in DISCOURSE_OBJECTS for c in token.children
    )


def _close_subject(tokens: list[Token], subject: Token) -> list[Token]:
    """A subject that opens an aside with a comma ("A French father-and-son, Pierre and
    Ernest Michaux,") keeps the comma that closes it when the question goes on after it; that
    comma hangs on the verb and leaves with the verb's other punctuation otherwise."""
    doc = subject.doc
    left, right = subject.left_edge.i, subject.right_edge.i
    kept = {t.i for t in tokens}
    opened = sum(1 for i in range(left, right + 1) if i in kept and _opens_aside(doc, i)) % 2
    closing = right + 1
    if not opened or closing >= len(doc) or doc[closing].text != "," or closing in kept:
        return tokens
    if not any(i > closing and not doc[i].is_punct for i in kept):
        return tokens
    return sorted([*tokens, doc[closing]], key=lambda t: t.i)


def _opens_aside(doc: Doc, i: int) -> bool:
    """A comma that opens or closes an aside: not one inside brackets ("V(x,y,z)"), nor one
    that separates the items of a list ("apples, pears and plums")."""
    if doc[i].text != "," or i + 1 >= len(doc):
        return False
    before = doc[max(0, i - 20) : i].text
    if before.count("(") > before.count(")"):
        return False
    following = doc[i + 1]
    starts_item = any(
        t.dep_ == "conj" and t.left_edge.i == following.i for t in following.head.subtree
    )
    return following.dep_ not in ("conj", "cc") and not starts_item


def _names_its_noun(subject: Token, child: Token) -> bool:
    """ "the samurai lord Taira Masakado": the name says who the common noun is; without it
    the question asks about "the samurai lord", nobody in particular."""
    return (
        child.dep_ == "appos"
        and subject.pos_ in ("NOUN", "PROPN")
        and subject.ent_type_ != "PERSON"  # "lord", tagged a proper noun here, is no name
        and child.pos_ == "PROPN"
        and child.ent_type_ == "PERSON"
    )


def _keep_inner_punct(tokens: list[Token], verb: Token) -> list[Token]:
    """Punctuation inside a phrase between two words that both stay, stays: "in Longhua,
    Shenzhen" never loses its comma when nothing but the comma lay between (a comma that sets
    off a clause-level phrase hangs on the verb and goes with that phrase)."""
    out: list[Token] = []
    doc = tokens[0].doc if tokens else None
    for token in tokens:
        if out and doc is not None and token.i > out[-1].i + 1:
            between = doc[out[-1].i + 1 : token.i]
            if all(t.is_punct and t.head.i != verb.i for t in between):
                out.extend(between)
        out.append(token)
    return out


def dangling_pronoun(tokens: list[Token], subs: Mapping[int, str], answer_ids: set[int]) -> bool:
    """A pronoun whose referent the question does not show ("They are what?")."""
    seen_noun = False
    for token in tokens:
        if token.i in answer_ids:
            continue  # the answer is hidden: it cannot be what a pronoun points to
        if token.i in subs:
            seen_noun = True
            continue
        if token.lower_ in DANGLING and token.pos_ in ("PRON", "DET") and not seen_noun:
            return True
        if token.lower_ in ("this", "these", "those") and token.dep_ == "det":
            return True  # "a proponent of this idea": which idea? (the card has no context)
        if token.pos_ in ("NOUN", "PROPN"):
            seen_noun = True
    return False


def _side_remark(child: Token, set_off: bool, subject: Token | None) -> bool:
    """A dependent of the verb that a question leaves out: conjoined clauses, sentence adverbs,
    comma-separated asides, fronted phrases before the subject, and subordinate clauses other
    than "when …" (which says where in the story the question is)."""
    dep = child.dep_
    if dep in ("conj", "cc", "mark", "punct", "parataxis", "preconj", "dep"):
        return True
    if dep == "advcl" and any(
        c.dep_ == "mark" and c.lower_ not in ("when", "to") for c in child.children
    ):
        return True
    if dep == "advmod" and child.tag_ == "WRB":
        return True
    if dep == "advmod" and child.lower_ in DISCOURSE_ADVERBS:
        # "First, …" is a sentence adverb; "Ottoman troops first invaded Europe" says which
        # invasion, and without it the question has many answers.
        return child.lower_ not in TIME_ADVERBS or set_off or child.i == child.sent.start
    if dep in DROP_IF_SET_OFF and set_off and dep != "prep":
        return True
    return dep == "prep" and set_off and (subject is None or child.i < subject.i)


def _drop_dangling_punct(tokens: list[Token]) -> list[Token]:
    out: list[Token] = []
    for index, token in enumerate(tokens):
        if token.text == "," and (
            index + 1 == len(tokens)
            or tokens[index + 1].text == ","
            or (out and out[-1].text == ",")
        ):
            continue
        if token.text == "," and not out:
            continue
        out.append(token)
    return out


def unaskable(fact: Fact, verb: Token, subject: Token, path: list[Token]) -> bool:
    """A clause no wh-question reads well from, whatever is asked."""
    if not is_finite(verb) or subject.lower_ in QUANTIFIER_SUBJECTS:
        return True
    if any(c.dep_ == "mark" and c.lower_ in ("whether", "if") for c in verb.children):
        return True  # "no indication as to whether the deal includes …": not a stated fact
    if any(
        t.lower_ in ("more", "less") and t.i > 0 and t.doc[t.i - 1].lower_ == "the"
        for t in fact.sent
    ):
        return True  # "the more …, the less …"
    if _split_tokens(fact):
        return True  # "$639m" tokenised "$639" + "m": a question would keep the "m" alone
    if any(t.dep_ == "appos" for t in path[:-1]):
        return True  # "At which organisation did Jane Porter say…?": a description, not a fact
    # "How much may X have to raise a share tender offer?" (45 dlrs a share)
    return _rate_follows(fact)


def connected(kept: list[Token], replaced: set[int], verb: Token, subject: Token | None) -> bool:
    """Every word left in the question still hangs on a word that is there (or on the part the
    wh-phrase replaces): a word whose head was cut away means the parse was odd and the question
    would read as a fragment ("…in 1803 an administrative division of New South Wales?")."""
    ids = {t.i for t in kept} | replaced
    for token in kept:
        if token.i == verb.i or (subject is not None and token.i == subject.i):
            continue
        if token.head.i not in ids:
            return False
    return True


def is_finite(verb: Token) -> bool:
    """A finite clause ("Borrell called…"), not an absolute one ("with Borrell calling…")."""
    if verb.tag_ in ("VBD", "VBZ", "VBP", "MD"):
        return True
    own = [c for c in verb.children if c.dep_ in AUX_DEPS]
    if any(c.tag_ in ("VBD", "VBZ", "VBP", "MD") for c in own):
        return True
    if verb.dep_ == "conj" and verb.head.pos_ in ("VERB", "AUX"):
        return is_finite(verb.head) and verb.tag_ not in ("VBG",)
    return False


def _split_tokens(fact: Fact) -> bool:
    """The answer's characters cover part of a token outside its token range: a question
    built from tokens would leave that part behind."""
    begin = fact.sent.start_char + fact.span[0]
    finish = fact.sent.start_char + fact.span[1]
    covered = {t.i for t in fact.sent if t.idx < finish and t.idx + len(t) > begin}
    return not covered <= set(range(fact.start, fact.end))


def _rate_follows(fact: Fact) -> bool:
    """The answer is a rate ("45 dlrs a share", "80,000 barrels per day"): a question that
    moves the amount away from its "a share" asks about the whole as if it were the rate."""
    doc = fact.sent.doc
    at = fact.end
    if at < fact.sent.end and doc[at].lower_ in MONEY_UNITS | PERCENT_UNITS:
        at += 1
    if at < fact.sent.end and doc[at].pos_ in ("NOUN",) and doc[at].head.i == fact.tokens.root.i:
        at += 1  # "82,000 barrels per day": the counted noun, then the rate
    if at + 1 >= fact.sent.end:
        return False
    return doc[at].lower_ in ("a", "an", "per") and doc[at + 1].pos_ == "NOUN"
