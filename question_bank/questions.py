"""Fact -> question forms: a wh-question, a cloze, a true/false statement.

The open question is built from the dependency parse of the fact's clause (the nearest verb
above the answer that has a subject):

- answer is the subject: the wh-phrase takes its place ("Who announced the decision…?");
- answer is an object, a complement or sits in a prepositional phrase of the verb: the
  wh-phrase is fronted and the subject inverted with the first auxiliary, or with "do" when
  there is none ("Where did Jens Stoltenberg announce the decision…?", "Since when has KFOR been
  deployed in Kosovo?", "What are the recent tensions … due to?");
- a number counting a noun asks "how many <noun>" and moves that noun phrase along;
- anything more deeply embedded is asked in place ("30 KFOR soldiers from which countries
  suffered injuries?").

Comma-separated side remarks, conjoined clauses and sentence adverbs are dropped from the
question; pronouns and "the country"-style phrases are replaced by the entity the article names,
and a question that still depends on an unresolved pronoun is refused (returns None).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from question_bank.context import (
    DANGLING,
    DEMONSTRATIVES,
    Context,
    is_country,
    substitutions,
)
from question_bank.facts import (
    PERSON_NOUNS,
    PRONOUNS,
    QUANTIFIER_SUBJECTS,
    Fact,
    in_list,
)
from question_bank.models import CLOZE_GAP, AnswerType
from question_bank.nlp import verb_lemma

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

GAP = CLOZE_GAP
QUOTES = frozenset({'"', "“", "”", "``", "''"})
PERSON_WORDS = PERSON_NOUNS
SUBJECT_DEPS = ("nsubj", "nsubjpass", "csubj", "expl")
AUX_DEPS = ("aux", "auxpass")
# Prepositions whose phrase answers "where" / "when" as a whole.
PLACE_PREPS = frozenset("in at near inside within throughout across".split())
TIME_PREPS = frozenset("in on at during for".split())
TIME_PREP_PHRASES = {"since": "Since when", "until": "Until when", "by": "By when"}
# Dependency links a fronted wh-phrase may move across (not out of noun phrases).
FRONTABLE_PATH = frozenset("dobj attr acomp oprd xcomp prep pobj dative agent".split())
DROP_IF_SET_OFF = frozenset(
    "advcl prep npadvmod advmod parataxis ccomp dep intj conj cc appos acl relcl".split()
)
DISCOURSE_ADVERBS = frozenset(
    """still however also moreover furthermore meanwhile nevertheless nonetheless thus therefore
    hence instead indeed then later now today yesterday currently finally first additionally
    similarly consequently""".split()
)
UNRESOLVED_PRONOUNS = frozenset("it they them he him she this these those we us i you".split())
POSSESSIVES = {"his", "her", "its", "their"}
_SPACE_AFTER = re.compile(r"([(\[])\s+")


@dataclass(frozen=True)
class Rendering:
    """A question with the quality signals the ranker uses."""

    text: str
    quality: float
    form: str  # "subject", "fronted", "in-situ", "title", "how-many"
    # The previous sentence, when the question names something only it says ("the decision").
    lead: str = ""


def open_questions(fact: Fact, context: Context) -> list[Rendering]:
    """Natural wh-questions for a fact, best first; empty when none reads well."""
    out: list[Rendering] = []
    if fact.role == "title" and fact.description:
        words = fact.description.split()
        if (
            not re.search(r"[^\W\d_]{3,}", fact.description)
            or " and " in fact.description
            or len(words) < 2
        ):
            return out  # "Who is 1811–81?", "… the Beyoncé and childhood friend?", "… motions?"
        desc = _capital_description(fact.description)
        out.append(Rendering(f"Who is {desc}?", 0.95, "title"))
        return out
    if mistyped_date(fact):
        return out  # "What had the settlers begun arriving in?" — the 870s
    built = _clause_question(fact, context)
    if built is not None:
        out.append(built)
    return [
        Rendering(r.lead + r.text, r.quality, r.form, r.lead) if r.lead else r
        for r in out
        if _acceptable(r.text, fact) and not (r.lead and leaks(fact.answer, r.lead))
    ]


def lead_in(sent: Span) -> str | None:
    """The sentence before, as the article wrote it, to lead into a card whose sentence points
    back to it ("announced the decision"); None at a paragraph's start or when it is long."""
    if sent.start == 0:
        return None
    previous = sent.doc[sent.start - 1].sent
    if len(previous) > 40 or not quotes_balanced(previous.text):
        return None
    return " ".join(previous.text.split()) + " "


def cloze(fact: Fact, context: Context) -> str | None:
    """The sentence with the answer gapped; pronouns outside the answer resolved.

    When a pronoun cannot be resolved ("It was introduced in Norway in [...]"), the previous
    sentence of the paragraph leads in, so that the card itself names what "it" is.
    """
    sent = fact.sent
    if not quotes_balanced(sent.text):
        return None  # 'Ends the debate … during the [...]".': the tail of a quotation
    subs = substitutions(sent, context, exclude=range(fact.start, fact.end))
    lead = ""
    if subs is None:
        lead = lead_in(sent) or ""
        if not lead:
            return None
        subs = substitutions(sent, context, range(fact.start, fact.end), references=False) or {}
    # The gap is the answer's character span ("by [BSkyB.]": the span stops before a full stop
    # the tokeniser glued to the answer, so the stop stays in the text).
    start, end = fact.span
    edits = _token_edits(sent, subs)
    edits.append((sent.start_char + start, sent.start_char + end, GAP))
    text = lead + splice(sent, edits)
    if text.count(GAP) != 1:
        return None
    return _upper_first(text)


def statement(fact: Fact, context: Context, answer: str) -> str | None:
    """The fact's sentence as a statement, with `answer` in the answer's place.

    The whole sentence, not the trimmed clause: a true/false card must read exactly as
    the article does except for the one swapped answer.
    """
    sent = fact.sent
    if not is_whole_sentence(sent):
        return None
    subs = substitutions(sent, context, exclude=range(fact.start, fact.end))
    if subs is None:
        return None
    start, end = fact.span
    edits = _token_edits(sent, subs)
    edits.append((sent.start_char + start, sent.start_char + end, answer))
    text = splice(sent, edits)
    if not re.search(r"[.!?][\"”’')\]]*$", text):
        text = text.rstrip(" ,;:") + "."
    return _upper_first(text)


def splice(sent: Span, edits: list[tuple[int, int, str]]) -> str:
    """The sentence's own characters with some character ranges (document offsets) replaced:
    quotes, dashes, brackets and spacing stay as the article wrote them; only runs of
    whitespace become one space."""
    text = sent.text  # (the sentence's text, not the whole document's: built per call)
    base = sent.start_char
    out: list[str] = []
    at = 0
    for begin, finish, replacement in sorted(edits):
        begin, finish = begin - base, finish - base
        if begin < at:
            continue  # overlapping edits: the first one wins
        out.append(text[at:begin])
        out.append(replacement)
        at = finish
    out.append(text[at:])
    return " ".join("".join(out).split())


def _token_edits(sent: Span, subs: Mapping[int, str]) -> list[tuple[int, int, str]]:
    """Token substitutions (resolved pronouns) as character edits; a token replaced by nothing
    takes its trailing space with it."""
    doc = sent.doc
    edits = []
    for i, replacement in subs.items():
        token = doc[i]
        finish = token.idx + len(token) + (0 if replacement else len(token.whitespace_))
        edits.append((token.idx, finish, replacement))
    return edits


def quotes_balanced(text: str) -> bool:
    return text.count('"') % 2 == 0 and text.count("“") == text.count("”")


def is_whole_sentence(sent: Span) -> bool:
    """A sentence that stands alone: capitalised, with a subject, quotes balanced (not the tail
    of a quotation like 'Ends the debate about…".')."""
    text = sent.text.strip()
    if not text or not (text[0].isupper() or text[0].isdigit()) or not quotes_balanced(text):
        return False
    return any(c.dep_ in ("nsubj", "nsubjpass", "expl", "csubj") for c in sent.root.children)


# --- the clause ------------------------------------------------------------------------------


def _clause_verb(fact: Fact) -> tuple[Token | None, list[Token]]:
    """The nearest verb above the answer that has a subject, and the path down to the answer."""
    doc = fact.sent.doc
    token = doc[fact.start : fact.end].root
    path: list[Token] = [token]
    while True:
        if (
            token.pos_ in ("VERB", "AUX")
            and token.dep_ not in ("relcl", "acl")
            and _subject(token) is not None
        ):
            return token, path
        if token.head.i == token.i or token.dep_ in ("relcl", "acl", "appos"):
            if token.dep_ in ("relcl", "acl"):
                return None, path
            if token.head.i == token.i:
                return None, path
        token = token.head
        path.append(token)


def _subject(verb: Token) -> Token | None:
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


def _clause_tokens(verb: Token, fact: Fact) -> list[Token]:
    """The verb's clause without side remarks, conjoined clauses and sentence adverbs."""
    keep = set(range(fact.start, fact.end))
    subject = _subject(verb)
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
            moved_end.extend(sub)  # "In a typical year the Amazon absorbs…" -> "… absorb in…"
            dropped.update(sub)
        elif _side_remark(child, set_off, subject):
            dropped.update(sub)
        elif child.dep_ == "prep" and set_off and child.i > verb.i and right == sent.end - 2:
            dropped.update(sub)  # ", according to the hospital in Mitrovica."
        elif child.dep_ == "npadvmod" and set_off:
            dropped.update(sub)
    # Whatever hangs on the verb after a dropped "and …" clause belongs to that clause in truth
    # (the parser attached "…, an administrative division of X" to the first verb).
    cut = min(
        (c.i for c in verb.children if c.dep_ in ("cc", "conj") and c.i in dropped), default=None
    )
    if cut is not None:
        for child in verb.children:
            sub = [t.i for t in child.subtree]
            if child.i > cut and not keep & set(sub):
                dropped.update(sub)
    # Non-restrictive clauses anywhere in the clause (", where he worked…", ", which paid…").
    for token in verb.subtree:
        if token.dep_ in ("relcl", "acl", "appos") and token.i not in dropped:
            sub = [t.i for t in token.subtree]
            if keep & set(sub) or sub[0] <= sent.start or doc[sub[0] - 1].text != ",":
                continue
            dropped.update(sub)
            dropped.add(sub[0] - 1)
            if sub[-1] + 1 < sent.end and doc[sub[-1] + 1].text == ",":
                dropped.add(sub[-1] + 1)
    tokens = [t for t in verb.subtree if t.i not in dropped]
    if subject is not None and subject.i < tokens[0].i:
        tokens = list(subject.subtree) + tokens
    # Appositions in the subject are side remarks too ("Jens Stoltenberg, NATO's …, announced").
    if subject is not None:
        side = [
            c
            for c in subject.children
            if c.dep_ in ("appos", "relcl", "acl") and not (keep & {t.i for t in c.subtree})
        ]
        if side:
            span = {t.i for c in side for t in c.subtree}
            span |= {c.i for c in subject.children if c.dep_ == "punct" and c.i > subject.i}
            tokens = [t for t in tokens if t.i not in span]
    while tokens and (tokens[0].is_punct or tokens[0].dep_ in ("cc",)):
        tokens.pop(0)
    while tokens and tokens[-1].is_punct and tokens[-1].text not in (")", "”", '"'):
        tokens.pop()
    tokens = _keep_inner_punct(tokens, verb)
    if moved_end and len(tokens) <= 14:
        tokens.extend(doc[i] for i in sorted(moved_end))
    return _drop_dangling_punct(tokens)


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


def _dangling(tokens: list[Token], subs: Mapping[int, str], answer_ids: set[int]) -> bool:
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
    if dep == "advmod" and (child.lower_ in DISCOURSE_ADVERBS or child.tag_ == "WRB"):
        return True
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


def _clause_question(fact: Fact, context: Context) -> Rendering | None:
    verb, path = _clause_verb(fact)
    if verb is None:
        return None
    subject = _subject(verb)
    if subject is None or _unaskable(fact, verb, subject, path):
        return None
    tokens = _clause_tokens(verb, fact)
    ids = {t.i for t in tokens}
    answer_ids = set(range(fact.start, fact.end))
    if any(
        c.dep_ == "ccomp" and c.i not in ids and not answer_ids & {t.i for t in c.subtree}
        for c in verb.children
    ):
        return None  # "…, the analyst said": what was said is gone, "say" asks nothing
    conjoined = [c.i for c in verb.children if c.dep_ in ("cc", "conj")]
    if conjoined and fact.start > min(conjoined):
        return None  # the answer sits in the tail of an "and …" clause the parse misplaced
    if not answer_ids <= ids or verb.i not in ids or any(t.text in QUOTES for t in fact.sent):
        return None  # quoted speech turns into nonsense when reordered
    subs = substitutions(fact.sent, context, exclude=answer_ids)
    lead = ""
    if subs is None:
        # Only a reference back ("the decision") left unresolved: the sentence before leads in.
        subs = substitutions(fact.sent, context, exclude=answer_ids, references=False)
        lead = lead_in(fact.sent) or ""
        if subs is None or not lead:
            return None
    if _dangling(tokens, subs, answer_ids):
        return None
    subject_ids = {t.i for t in subject.subtree} & ids
    for index, text in list(subs.items()):
        others = " ".join(
            subs.get(i, fact.sent.doc[i].text) for i in sorted(subject_ids) if i != index
        )
        if text.endswith("’s") and text[:-2] and text[:-2] in others:
            del subs[index]  # "Where did Tesla live most of his life?", not "…of Tesla's life"
    wh = _copular_wh(fact, verb, _wh_phrase(fact))
    number_noun = _counted_noun(fact)
    if (
        fact.answer_type == AnswerType.NUMBER
        and number_noun is None
        and not (answer_ids & {t.i for t in subject.subtree})
    ):
        # "What number did Goldbach list as the first prime?", never "How many did…?"
        wh = WhWords("What number", "What number", "what number")

    # 1. The answer is (or counts) the subject: no inversion.
    if answer_ids & subject_ids:
        leftover = [
            t
            for t in tokens
            if t.i in subject_ids and t.i not in answer_ids and not t.is_punct and t.dep_ != "det"
        ]
        if number_noun is None and not leftover:
            if wh.subject == "How many":
                return None  # "How many are from Italy?": how many what?
            if fact.role == "chunk" and fact.tokens.root.pos_ == "PROPN":
                return None  # "What created…? — Developer William Smilie": a name, not a what
            if verb_lemma(verb) == "be" and any(
                c.dep_ == "attr" and c.pos_ == "PROPN" for c in verb.children
            ):
                return None  # "What was Balch Avenue on the south?": asks backwards
            rest = [t for t in tokens if t.i not in subject_ids]
            if not _connected(rest, subject_ids, verb, subject):
                return None
            if any(t.i < subject.left_edge.i for t in rest):
                return None  # "What By the Middle Ages included 1…?": an opener left between
            plural_predicate = any(
                c.dep_ == "attr" and c.tag_ in ("NNS", "NNPS") for c in verb.children
            )
            agreed = (
                _agree_singular(rest, subs, verb)
                if wh.subject.startswith(("Which", "What")) and not plural_predicate
                else subs
            )  # "What are semisynthetic modifications…?", never "What is … modifications"
            if agreed is None:
                return None
            text = wh.subject + " " + _render(rest, agreed)
            return Rendering(_finish(text), 0.9, "subject", lead)
        if number_noun is not None and number_noun.i == subject.i:
            phrase = _how_many(fact, number_noun)
            if phrase is None:
                return None
            noun_ids = _noun_phrase_ids(number_noun, fact)
            rest = [t for t in tokens if t.i not in noun_ids]
            if not _connected(rest, noun_ids, verb, subject):
                return None
            text = phrase + " " + _render(rest, subs)
            return Rendering(_finish(text), 0.9, "how-many", lead)
        return _with_lead(_in_situ(fact, tokens, subs, wh, 0.6), lead)

    # 2. Fronting: find what moves to the front.
    root = fact.tokens.root
    if (
        fact.answer_type == AnswerType.DATE
        and is_duration(fact.answer)
        and root.dep_ == "pobj"
        and root.head.lower_ not in ("for", "during", "over")
    ):
        return None  # "within three years": neither "when" nor "how long" asks it right
    if (
        verb_lemma(verb) == "be"
        and any(c.dep_ == "attr" for c in verb.children)
        and root.dep_ == "pobj"
        and fact.answer_type not in (AnswerType.PLACE, AnswerType.DATE)
    ):
        return None  # "By what is oxygen the third-most abundant element?": a copula's adjunct
    moved: set[int]
    front: str
    locative = _locative_phrase(fact, verb, path)
    cause = _cause_phrase(fact, verb) if fact.role == "cause" else None
    if cause is not None:
        moved = {t.i for t in cause.subtree}
        front = "Why"
        quality = 0.85
    elif locative is not None:
        prep, front = locative
        moved = {t.i for t in prep.subtree}
        quality = 0.9
    elif number_noun is not None and _frontable(number_noun, verb):
        moved = _noun_phrase_ids(number_noun, fact)
        how_many = _how_many(fact, number_noun)
        if how_many is None:
            return None
        front = how_many
        head = number_noun.head
        if number_noun.dep_ == "pobj" and head.dep_ == "prep" and head.head.i == verb.i:
            moved |= {head.i}
            front = head.lower_.capitalize() + " " + front[0].lower() + front[1:]
        quality = 0.85
    elif _frontable(fact.tokens.root, verb) and _whole_phrase(fact):
        root = fact.tokens.root
        moved = {t.i for t in root.subtree}
        front = wh.object
        prep = root.head
        ids_after = sorted(t.i for t in tokens if t.i > prep.i and t.i not in moved)
        crowded = bool(ids_after) and root.doc[ids_after[0]].pos_ == "ADP"
        if (
            root.dep_ == "pobj"
            and prep.head.i == verb.i
            and (prep.i < verb.i or prep.i > _last_verb_word(verb, tokens).i + 1 or crowded)
        ):
            # An adjunct phrase moves whole: "From which country did the disease spread?"
            if wh.in_situ in ("when", "where"):
                return None  # "As when does the record give…?": only since/until/by + when
            moved |= {prep.i}
            front = prep.lower_.capitalize() + " " + wh.in_situ
        quality = 0.8
    else:
        return _with_lead(_in_situ(fact, tokens, subs, wh, 0.55), lead)
    rest = [t for t in tokens if t.i not in moved]
    top = fact.tokens.root
    if top.dep_ == "pobj" and top.head.i not in moved and top.head.i not in {t.i for t in rest}:
        return None  # "What do vertebrates possess the system?": the answer's "as" was lost
    if not _connected(rest, moved, verb, subject) or any(t.i in answer_ids for t in rest):
        return None  # a word of the answer left behind ("From how much … m year-earlier?")
    if (front in ADVERBIAL_WH or front.split()[0] in ADVERBIAL_WH) and any(
        t.dep_ in ("prep", "agent") and not any(c.i in {r.i for r in rest} for c in t.children)
        for t in rest
    ):
        return None  # "When was the church rebuilt between?": "when" replaces a whole phrase
    subject_at = next((n for n, t in enumerate(rest) if t.i == subject.left_edge.i), 0)
    if any(t.dep_ not in AUX_DEPS for t in rest[:subject_at]):
        return None  # "When was Australia After the founding of … divided": a stranded opener
    inverted = _invert(verb, subject, rest, subs)
    if inverted is None:
        return None
    text = front + " " + inverted
    return Rendering(_finish(text), quality, "fronted", lead)


def _unaskable(fact: Fact, verb: Token, subject: Token, path: list[Token]) -> bool:
    """A clause no wh-question reads well from, whatever is asked."""
    if not _finite(verb) or subject.lower_ in QUANTIFIER_SUBJECTS:
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


COPULAR_PARTICIPLES = frozenset("considered called known named regarded".split())


def _copular_wh(fact: Fact, verb: Token, wh: WhWords) -> WhWords:
    """ "What" where the predicate says what the answer is: "Which place is considered the
    ancestors of chloroplasts?" and "Which organisation is the largest stadium?" read wrong
    (the recogniser's type is often wrong there); "what" is right whatever the answer is."""
    be = verb_lemma(verb) == "be"
    copular = be or (verb.tag_ == "VBN" and verb.lower_ in COPULAR_PARTICIPLES)
    named = fact.answer_type in (AnswerType.PLACE, AnswerType.ORGANISATION)
    if copular and wh.subject.startswith("Which") and named and not is_country(fact.answer):
        return WhWords("What", "What", "what")
    if fact.answer_type == AnswerType.ORGANISATION and be:
        return WhWords("What", "What", "what")
    return wh


def _with_lead(rendering: Rendering | None, lead: str) -> Rendering | None:
    if rendering is None or not lead:
        return rendering
    return Rendering(rendering.text, rendering.quality, rendering.form, lead)


# Wh-words that stand for a whole adverbial phrase: none leaves a preposition behind.
ADVERBIAL_WH = frozenset({"When", "Where", "Why", "How long"})

_SINGULAR_AUX = {"are": "is", "were": "was", "have": "has", "do": "does"}


def _agree_singular(
    rest: list[Token], subs: Mapping[int, str], verb: Token
) -> dict[int, str] | None:
    """ "Which organisation do collect…" -> "does": a singular wh-subject takes a singular verb.
    None when the plural form is the main verb ("collect"), which we do not inflect."""
    first = next((t for t in rest if t.head.i == verb.i and t.dep_ in AUX_DEPS), verb)
    if first.tag_ != "VBP" and first.lower_ not in _SINGULAR_AUX:
        return dict(subs)
    singular = _SINGULAR_AUX.get(first.lower_)
    if singular is None:
        return None
    agreed = dict(subs)
    agreed[first.i] = singular
    return agreed


def _connected(kept: list[Token], replaced: set[int], verb: Token, subject: Token | None) -> bool:
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


def _last_verb_word(verb: Token, tokens: list[Token]) -> Token:
    """The verb or its particle ("called on" -> "on" is attached directly after)."""
    return verb


# Verbs whose past tense looks like their present: the tagger often calls the past "VBP".
SAME_PAST_FORM = frozenset(
    "put set cut hit let cost shut spread read beat hurt quit split burst cast bet".split()
)


def _invert(verb: Token, subject: Token, tokens: list[Token], subs: dict[int, str]) -> str | None:
    """Subject–auxiliary inversion, with do-support when the verb has no auxiliary."""
    subject_ids = {t.i for t in subject.subtree}
    auxes = [t for t in tokens if t.head.i == verb.i and t.dep_ in AUX_DEPS and t.i < verb.i]
    subject_tokens = [t for t in tokens if t.i in subject_ids]
    others = [t for t in tokens if t.i not in subject_ids]
    if subject.i > verb.i:
        return None  # inverted already ("Among them was X"): leave to the cloze
    if any(t.dep_ in SUBJECT_DEPS and t.head.i == verb.i for t in others):
        return None  # "When do unsuccessful attempts the Church of England send…?": two subjects
    if auxes:
        first = auxes[0]
        if first.lower_ in ("to",):
            return None
        rest = [t for t in others if t.i != first.i]
        return (
            f"{_aux_text(first)} {_render(subject_tokens, subs, lower_first=True)} "
            f"{_render(rest, subs)}"
        )
    lemma = verb_lemma(verb)
    if lemma == "be":
        rest = [t for t in others if t.i != verb.i]
        return (
            f"{_aux_text(verb)} {_render(subject_tokens, subs, lower_first=True)} "
            f"{_render(rest, subs)}"
        )
    do = {"VBD": "did", "VBZ": "does", "VBP": "do"}.get(verb.tag_)
    past_story = any(t.tag_ == "VBD" for t in verb.sent)
    if do == "do" and verb.lower_ in SAME_PAST_FORM and past_story:
        do = "did"  # "two uncles put together enough money" in a past-tense story
    if do is None:
        return None
    local = dict(subs)
    local[verb.i] = lemma.lower()
    return f"{do} {_render(subject_tokens, subs, lower_first=True)} {_render(others, local)}"


def _finite(verb: Token) -> bool:
    """A finite clause ("Borrell called…"), not an absolute one ("with Borrell calling…")."""
    if verb.tag_ in ("VBD", "VBZ", "VBP", "MD"):
        return True
    own = [c for c in verb.children if c.dep_ in AUX_DEPS]
    if any(c.tag_ in ("VBD", "VBZ", "VBP", "MD") for c in own):
        return True
    if verb.dep_ == "conj" and verb.head.pos_ in ("VERB", "AUX"):
        return _finite(verb.head) and verb.tag_ not in ("VBG",)
    return False


def _aux_text(aux: Token) -> str:
    text = aux.lower_
    return {"ca": "can", "wo": "will", "'s": "is", "’s": "is", "'re": "are", "'ve": "have"}.get(
        text, text
    )


IN_SITU_REFUSED = frozenset(
    {AnswerType.THING, AnswerType.GROUP, AnswerType.QUANTITY, AnswerType.DATE, AnswerType.EVENT}
)
IN_WORD_DEPS = frozenset("compound poss amod nmod".split())
IN_SITU_PATH = frozenset(
    "prep pobj dobj nsubj nsubjpass attr acomp xcomp dative agent npadvmod oprd".split()
)


def _in_situ(
    fact: Fact, tokens: list[Token], subs: dict[int, str], wh: WhWords, quality: float
) -> Rendering | None:
    """The declarative clause with the answer replaced by a wh-phrase: a quiz-style question.

    Only where that reads as English: the answer is a noun phrase reached from the verb through
    arguments and prepositions (not a modifier inside a word like "EU-brokered", not inside a
    participle clause), and it has no trailing modifier that would dangle ("what in Zvecan").
    """
    if fact.answer_type in IN_SITU_REFUSED and fact.label != "NORP":
        # "They desisted from their calumny and what?", "over how much (2 ft 6 in) gauge?"
        return None
    root = fact.tokens.root
    number_noun = _counted_noun(fact)
    if fact.answer_type == AnswerType.NUMBER and number_noun is None:
        return None  # "How many are located…?": how many what?
    if in_list(root):
        return None  # "the patents of which organisation, Oliver Lodge, and John Stone?"
    if any(t.lower_ == "according" for t in root.ancestors):
        return None  # "according to which organisation": an aside, not the statement
    node = number_noun if number_noun is not None else root
    verb, _ = _clause_verb(fact)
    while verb is not None and node.i != verb.i:
        if node.dep_ not in IN_SITU_PATH and not (node is root and number_noun is not None):
            return None
        node = node.head
    start, end = fact.start, fact.end
    doc = root.doc
    if (end < len(doc) and doc[end].text in ("-", "–")) or root.dep_ in IN_WORD_DEPS:
        return None
    if number_noun is None:
        if any(c.dep_ in ("prep", "acl", "relcl") for c in root.rights) and fact.answer_type in (
            AnswerType.THING,
            AnswerType.GROUP,
        ):
            return None
        # Modifiers left of the answer go with it: "militant Serbs" -> "which group".
        while (
            start > fact.sent.start
            and doc[start - 1].head.i == root.i
            and doc[start - 1].dep_ in ("amod", "compound", "det", "nmod", "poss", "nummod")
        ):
            start -= 1
        word = wh.in_situ
    else:
        word = "how many" if wh.subject.startswith("How many") else wh.in_situ
        amount = _how_many(fact, number_noun) or ""
        if amount in ("How much", "What percentage"):  # never "to how many mln dlrs"
            word, end = amount.lower(), number_noun.i + 1
        while (
            start > fact.sent.start
            and doc[start - 1].dep_ in ("det", "quantmod", "advmod")
            and (doc[start - 1].head.i in (root.i, number_noun.i))
        ):
            start -= 1
    kept = [t for t in tokens if not (start < t.i < end)]
    if verb is not None and not _connected(kept, set(range(start, end)), verb, _subject(verb)):
        return None
    # Only right after a preposition ("soldiers from which countries", "between how many
    # groups"): elsewhere a wh-word in place reads as a broken sentence ("played by American
    # whom?", "the Great and which organisation").
    before = doc[start - 1] if start > fact.sent.start else None
    if before is None or before.pos_ != "ADP":
        return None
    if before.lower_ == "of":
        return None  # "The town of whom was founded…?": "of" + wh-word inside a noun phrase
    if before.i > fact.sent.start and doc[before.i - 1].text == ",":
        return None  # ", through which organisation, had …": an aside asked in place
    if end < fact.sent.end and doc[end].text == "(":
        return None  # "which organisation (AFL)?": the abbreviation gives it away
    if verb is not None:
        subject = _subject(verb)
        if subject is not None and start < subject.left_edge.i:
            return None  # "As a result of what 30 soldiers suffered…": not English
    local = dict(subs)
    local[start] = word
    text = _render(kept, local)
    return Rendering(_finish(text), quality, "in-situ")


# --- wh-words ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class WhWords:
    subject: str  # "Who", "Which country", "How many soldiers"
    object: str  # fronted: "Who", "What", "Which country"
    in_situ: str  # "whom", "which country", "what"


def _wh_phrase(fact: Fact) -> WhWords:
    kind = fact.answer_type
    plural = fact.plural
    if kind == AnswerType.PERSON:
        return WhWords("Who", "Who", "whom")
    if kind == AnswerType.GROUP:
        if fact.label == "NORP":
            if plural or fact.answer.endswith("s"):
                return WhWords("Which people", "Which people", "which people")
            return WhWords("Which group", "Which group", "which group")
        return WhWords("Who", "Who", "whom")
    if kind == AnswerType.PLACE:
        noun = _place_noun(fact)
        noun = noun + ("s" if plural and not noun.endswith("y") else "") if plural else noun
        if plural and noun.endswith("y"):
            noun = noun[:-1] + "ies"
        # "Which place did Kublai expand?" reads wrong: a canal, a building or a region that is
        # an object is a "what"; towns and countries stay "which place" / "which country".
        fronted = f"Which {noun}" if fact.label == "GPE" else "What"
        return WhWords(f"Which {noun}", fronted, f"which {noun}")
    if kind == AnswerType.ORGANISATION:
        noun = "organisations" if plural else "organisation"
        return WhWords(f"Which {noun}", f"Which {noun}", f"which {noun}")
    if kind == AnswerType.DATE:
        if is_duration(fact.answer):
            return WhWords("How long", "How long", "how long")
        if re.fullmatch(r"\d{4}s?", fact.answer):
            return WhWords("What year", "In which year", "which year")
        return WhWords("When", "When", "when")
    if kind == AnswerType.NUMBER:
        return WhWords("How many", "How many", "how many")
    if kind == AnswerType.QUANTITY:
        if fact.label == "PERCENT" or "%" in fact.answer or "percent" in fact.answer:
            return WhWords("What percentage", "What percentage", "what percentage")
        if fact.label == "MONEY":
            return WhWords("How much", "How much", "how much")
        return WhWords("How much", "How much", "how much")
    if kind == AnswerType.EVENT:
        return WhWords("Which event", "Which event", "which event")
    return WhWords("What", "What", "what")


_DURATION = re.compile(
    r"^(?!.*\b1\d{3}\b)(?!.*\b20\d{2}\b)(?:.*\s)?(?:\d[\d,.]*|a|an|one|two|three|four|five|six|"
    r"seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|hundred|hundreds|"
    r"thousands|several|few|many|some|\w+-\w+)\s+(?:\w+\s+)?(seconds?|minutes?|hours?|days?|"
    r"nights?|weeks?|months?|years?|decades?|centuries|century)$",
    re.IGNORECASE,
)


def is_duration(text: str) -> bool:
    """ "several years", "three months", "four nights": a length of time, asked "how long";
    "summer months" or "the years" are not (no amount)."""
    return bool(_DURATION.match(text.strip()))


def _place_noun(fact: Fact) -> str:
    if fact.label == "GPE" and is_country(fact.answer):
        return "country"
    return "place"


def _counted_noun(fact: Fact) -> Token | None:
    """For a number answer, the noun it counts ("700" -> "troops"), if any."""
    if fact.answer_type not in (AnswerType.NUMBER, AnswerType.QUANTITY):
        return None
    root = fact.tokens.root
    head = root.head
    if root.dep_ == "nummod" and head.pos_ in ("NOUN", "PROPN") and head.i >= fact.end:
        if head.pos_ == "PROPN" and head.tag_ != "NNPS":
            return None  # "007 James Bond": a name is not counted ("How many James Bond…?")
        # "How many soldiers", never "How many ° F".
        return head if head.text.isalpha() and len(head.text) > 1 else None
    return None


# Words that make a number an amount, asked "how much" / "what percentage", never counted
# ("How many dlrs…?").
MONEY_UNITS = frozenset(
    """dlrs dlr dollars dollar cents cent cts pence penny pounds pound stg euros euro yen marks
    francs lire rupees yuan roubles rubles""".split()
)
PERCENT_UNITS = frozenset("pct percent %".split())
SCALE_WORDS = frozenset("mln bln million billion thousand trillion".split())


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


def _how_many(fact: Fact, noun: Token) -> str | None:
    """ "How many KFOR soldiers" / "How much money": the counted noun with its modifiers."""
    doc = noun.doc
    scaled = all(doc[i].lower_ in SCALE_WORDS for i in range(fact.end, noun.i))
    if scaled and noun.lower_ in MONEY_UNITS:
        return "How much"  # "45 (mln) dlrs": an amount of money, never "How many mln dlrs"
    if scaled and noun.lower_ in PERCENT_UNITS:
        return "What percentage"
    words = [doc[i] for i in range(fact.end, noun.i + 1)]
    words = [t for t in words if not t.is_punct or t.text == "-"]
    if any(t.dep_ == "cc" or t.pos_ == "NUM" for t in words):
        return None  # "three or four stages": "How many or four stages…?"
    many = (
        "How many"
        if noun.tag_ in ("NNS", "NNPS") or fact.answer_type == AnswerType.NUMBER
        else "How much"
    )
    right = []
    for child in noun.rights:
        sub = list(child.subtree)
        if child.dep_ == "prep" and not (sub[0].i > 0 and doc[sub[0].i - 1].text == ","):
            if len(sub) <= 6:
                right.extend(sub)
            break
        break
    text = " ".join(t.text for t in words + right)
    return f"{many} {text}"


def _noun_phrase_ids(noun: Token, fact: Fact) -> set[int]:
    return {t.i for t in noun.subtree}


def _frontable(token: Token, verb: Token) -> bool:
    """The constituent can move to the front: only verb/complement/preposition links above it."""
    node = token
    while node.i != verb.i:
        if node.dep_ not in FRONTABLE_PATH and node.i != token.i:
            return False
        if node.i == token.i and node.dep_ not in FRONTABLE_PATH:
            return False
        if node.dep_ == "pobj" and node.head.head.pos_ in ("NOUN", "PROPN"):
            return False  # out of a noun phrase ("the community of [X]")
        node = node.head
        if node.head.i == node.i and node.i != verb.i:
            return False
    return True


def _whole_phrase(fact: Fact) -> bool:
    """The answer is its noun phrase (give or take "the"), so moving the phrase moves the answer."""
    root = fact.tokens.root
    sub = [t for t in root.subtree if not t.is_punct]
    outside = [t for t in sub if not fact.start <= t.i < fact.end and t.dep_ not in ("det",)]
    return len(outside) <= 0


CAUSE_WORDS = frozenset("as a result of because due to owing thanks".split())


def _cause_phrase(fact: Fact, verb: Token) -> Token | None:
    """The top of "as a result of X" / "because of X" when it modifies the verb: asked "why"."""
    node = fact.tokens.root
    while node.head.i != node.i and node.head.i != verb.i:
        node = node.head
        if node.lower_ not in CAUSE_WORDS:
            return None
    if node.head.i != verb.i or node.lower_ not in CAUSE_WORDS or node.dep_ != "prep":
        return None
    return node


def _locative_phrase(fact: Fact, verb: Token, path: list[Token]) -> tuple[Token, str] | None:
    """A "in Oslo" / "in 2008" / "since 1999" phrase to replace with where/when."""
    if fact.answer_type == AnswerType.PLACE:
        preps = PLACE_PREPS
    elif fact.answer_type == AnswerType.DATE:
        preps = TIME_PREPS | set(TIME_PREP_PHRASES)
    else:
        return None
    for node in path:
        if node.dep_ != "prep" or node.lower_ not in preps:
            continue
        head = node.head
        attached = head.i == verb.i or (head.dep_ in ("acomp", "xcomp") and head.head.i == verb.i)
        if not attached and head.dep_ == "pobj" and head.head.dep_ == "prep":
            attached = head.head.head.i == verb.i  # "during a press conference in Oslo"
        if not attached and head.dep_ == "pobj" and head.head.head.dep_ == "dobj":
            attached = False
        if not attached and head.dep_ == "dobj" and head.head.i == verb.i:
            attached = node.i > head.i  # "attacked two cars … in Leposavic"
        if not attached and head.dep_ == "pobj" and head.head.dep_ == "prep":
            grand = head.head.head
            attached = grand.dep_ == "dobj" and grand.head.i == verb.i
        if not attached:
            return None
        pobj = [c for c in node.children if c.dep_ == "pobj"]
        if not pobj or not (
            pobj[0].i <= fact.tokens.root.i <= pobj[-1].i
            or fact.tokens.root.i in {t.i for t in pobj[0].subtree}
        ):
            return None
        # The answer must be the phrase's object (or the proper name in "the community of X").
        if fact.answer_type == AnswerType.PLACE:
            return node, "Where"
        if is_duration(fact.answer):
            return node, "How long" if node.lower_ in ("for", "during") else "When"
        if node.lower_ in TIME_PREP_PHRASES:
            return node, TIME_PREP_PHRASES[node.lower_]
        return node, "When"
    return None


# --- pronouns, references and rendering ------------------------------------------------------


ENT_KIND: Mapping[str, AnswerType] = {
    "GPE": AnswerType.PLACE,
    "ORG": AnswerType.ORGANISATION,
    "PERSON": AnswerType.PERSON,
}


def _render(tokens: Iterable[Token], subs: Mapping[int, str], lower_first: bool = False) -> str:
    """Tokens as text: neighbours keep the article's own characters between them (quotes,
    dashes, spacing); across a removed stretch, the spacing the article had before the resumed
    word (none before a comma, one space before a word)."""
    parts: list[str] = []
    previous: Token | None = None
    for token in tokens:
        text = subs.get(token.i, token.text)
        if ((previous is None and lower_first) or previous is not None) and _common_opener(
            token, text
        ):
            text = text[:1].lower() + text[1:]  # "The country…" inside, "In 2008" at the end
        if previous is not None and parts:
            if previous.i + 1 == token.i:
                parts.append(previous.whitespace_)
            else:
                before = token.doc[token.i - 1].whitespace_ if token.i > 0 else " "
                parts.append(before or previous.whitespace_ or " ")
        if text:
            parts.append(text)
        previous = token
    return "".join(parts)


def _common_opener(token: Token, text: str) -> bool:
    """A sentence-initial common word ("The country"), lowercased when it moves inside."""
    if token.is_sent_start and text == token.text and _function_opener(token):
        return True
    return (
        bool(token.is_sent_start)
        and text == token.text
        and token.tag_ not in ("NNP", "NNPS")
        and token.text != "I"
        and (
            token.ent_type_ in ("", "CARDINAL", "DATE", "QUANTITY", "PERCENT", "MONEY")
            # "The Golden Gate Bridge opened…" -> "When did the Golden Gate Bridge open?";
            # titles of works keep their capital ("The Five Doctors").
            or (token.lower_ == "the" and token.ent_type_ in _THE_INSIDE_NAMES)
        )
        and (token.is_stop or token.pos_ in ("DET", "ADJ", "NUM") or token.text.isascii())
        and not _capitalised_elsewhere(token)
    )


# Parts of speech that are never a name's own word, whatever the recogniser made of the
# sentence's first word ("Earlier Viking settlers" tagged an organisation).
_NEVER_NAME_POS = frozenset({"ADV", "ADP", "AUX", "CCONJ", "SCONJ", "PRON", "PART", "VERB"})


def _function_opener(token: Token) -> bool:
    """A capitalised first word that is no part of a name: an adverb, a preposition ("Earlier
    Viking settlers" -> "… had earlier Viking settlers …"), or "The"/"A" before anything but
    the title of a work ("When was the Marlow Canal dug?")."""
    if token.text[:1].islower() or token.text == "I":
        return False
    if token.lower_ in ("the", "a", "an"):
        return token.ent_type_ != "WORK_OF_ART" and not _the_in_name(token)
    return token.pos_ in _NEVER_NAME_POS and token.tag_ not in ("NNP", "NNPS")


def _the_in_name(token: Token) -> bool:
    """The article writes "The" with a capital before the same word mid-sentence ("in The
    Hague"): part of the name."""
    if token.i + 1 >= len(token.doc):
        return False
    name = "The " + token.doc[token.i + 1].text
    text = token.doc.text
    at = text.find(name, token.idx + 1)
    return at > 0


def _capitalised_elsewhere(token: Token) -> bool:
    """The article writes this sentence-initial word with a capital mid-sentence too ("Turing
    machines", "Movement" is not): a name, kept as written."""
    if token.is_stop or token.pos_ in ("DET", "ADP", "PRON", "CCONJ", "SCONJ"):
        return False
    text = token.text
    doc = token.doc
    capital = lower = False
    for other in doc:
        if other.i == token.i or other.is_sent_start:
            continue
        if other.text == text:
            capital = True
        elif other.lower_ == token.lower_:
            lower = True
    return capital and not lower


# Entity types whose leading "The" is an ordinary article, written lowercase mid-sentence.
_THE_INSIDE_NAMES = frozenset({"FAC", "GPE", "LOC", "ORG", "NORP", "EVENT", "LAW"})


def _tidy(text: str, *, question: bool) -> str:
    """Whitespace normalised, and the seams a removed stretch leaves (", ,", "( )") closed;
    the article's own characters are never rewritten."""
    text = " ".join(text.split())
    text = _SPACE_AFTER.sub(r"\1", text)
    text = re.sub(r",\s*,", ",", text)
    text = re.sub(r"\(\s*\)", "", text)
    text = re.sub(r"\s+([?.!,;:])$", r"\1", text)
    if question:
        text = text.rstrip(" ,;:.") + "?"
    return text


def _finish(text: str) -> str:
    return _upper_first(_tidy(text, question=True))


def _upper_first(text: str) -> str:
    return text[:1].upper() + text[1:] if text else text


def _capital_description(description: str) -> str:
    words = description.split()
    if words and words[0][:1].isupper() and words[0].lower() in ("the", "a", "an"):
        words[0] = words[0].lower()
    return " ".join(words)


def _acceptable(question: str, fact: Fact) -> bool:
    """No answer leak, not trivially short, not absurdly long, no leftover pronoun subject."""
    words = re.findall(r"\w+", question.lower())
    if len(words) < 5 or len(words) > 40:
        return False  # "What was locked up?": too little to tell what is asked
    if words[-1] in ("and", "or", "but", "the", "a", "an", "that", "which"):
        return False  # "… toward them and?": a clause cut in the middle
    if question.count("(") != question.count(")") or re.search(r"\(\s*\w{0,3}\s*\)", question):
        return False  # "… travels whom (or) appeared…": a parenthesis torn apart
    if words[0] == "as" and len(words) > 1 and words[1] in ("which", "what", "how", "who"):
        return False  # "As which place is … the Bank of America Tower?": never reads right
    if not well_formed(question, fact.sentence):
        return False
    return not leaks(fact.answer, question)


_DATE_LIKE = re.compile(
    r"(?:the\s+)?(?:\d{1,4}0s|\d{1,2}(?:st|nd|rd|th)(?:\s+and\s+\d{1,2}(?:st|nd|rd|th))?"
    r"\s+centur(?:y|ies)|(?:1\d|20)\d{2})",
    re.IGNORECASE,
)


def vague_answer(fact: Fact) -> bool:
    """An answer that is itself a reference back ("such redispositions", "these changes",
    "this year"): the key would teach the learner nothing they can name."""
    first = fact.tokens[0]
    return first.lower_ in DEMONSTRATIVES | {"such"} and first.dep_ in ("det", "amod", "predet")


def mistyped_date(fact: Fact) -> bool:
    """A decade, century or year the recogniser typed as something else ("the 870s" as a
    product): asked "what … in?", it reads wrong; a date question needs a date type. And a
    "date" with no word of time in it ("age eight") is no answer to "when"."""
    if fact.answer_type == AnswerType.DATE:
        return not (any(ch.isdigit() for ch in fact.answer) or _TIME_WORD.search(fact.answer))
    return bool(_DATE_LIKE.fullmatch(fact.answer))


_TIME_WORD = re.compile(
    r"\b(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|spring|summer|autumn|"
    r"fall|winter|morning|afternoon|evening|night|noon|midnight|day|days|week|weeks|month|months|"
    r"year|years|decade|decades|century|centuries|millennium|era|age of|ago|later|earlier|"
    r"today|yesterday|tomorrow|weekend|season|quarter|period|hours?|minutes?|seconds?|times?|"
    r"dynasty|reign|war|christmas|easter)\b",
    re.IGNORECASE,
)


def well_formed(question: str, sentence: str = "") -> bool:
    """Checks on the words of a built question that catch a rewording gone wrong: one
    question word put in (the sentence's own "when …" clause, or a "what" clause after a
    preposition, aside), no word doubled, no phrase cut before its noun."""
    words = re.findall(r"\w+", question.lower())
    if not words:
        return False
    wh = [n for n, w in enumerate(words) if w in WH_WORDS]
    free = [n for n in wh[1:] if words[n] == "what" and words[n - 1] in _FREE_RELATIVE_AFTER]
    own = re.findall(r"\w+", sentence.lower())
    added = sum(
        max(0, sum(1 for n in wh if words[n] == w) - own.count(w)) for w in {words[n] for n in wh}
    )
    if len(wh) - len(free) != 1 and added != 1:
        return False  # "Which adopted by which organisation 1784?": two questions in one
    if any(a == b and a.isalpha() for a, b in itertools.pairwise(words)):
        return False  # "Which country did they go to to teach…?"
    # "… belong to one of?", "… for a?": a phrase cut in the middle
    return words[-1] not in ("of", "a", "an", "its", "their", "his", "her")


WH_WORDS = frozenset("who whom whose what which when where why how".split())
# "born in what was then the Duchy of Warsaw": a "what" clause inside, not a second question.
_FREE_RELATIVE_AFTER = frozenset("in of on at from to into".split())

_WORD_OR_NUMBER = re.compile(r"\d+(?:[.,]\d+)*|\w+")


def leaks(answer: str, prompt: str, *, majority: bool = False) -> bool:
    """The answer (or half its content words; with `majority`, more than half) appears in the
    prompt. Numbers count whole: "0.2" does not leak into "0.52"."""
    stop = {"the", "a", "an", "of", "and", "in", "on", "to", "for", "s"}
    answer_words = [w for w in _WORD_OR_NUMBER.findall(answer.lower()) if w not in stop]
    numbers = [w for w in answer_words if w[0].isdigit()]
    if numbers:
        # "1 percent" does not leak into "… than the bottom 90 percent": the number is the answer.
        answer_words = numbers
    if not answer_words:
        return True
    prompt_words = set(_WORD_OR_NUMBER.findall(prompt.lower()))
    shared = sum(1 for w in answer_words if w in prompt_words)
    if len(answer_words) == 1:
        return shared == 1
    return shared * 2 > len(answer_words) if majority else shared * 2 >= len(answer_words)


def is_pronoun(text: str) -> bool:
    return text.lower() in PRONOUNS
