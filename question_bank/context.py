"""What the article has named so far, and the references a card must resolve to stand alone.

A card is read without the article beside it: "he", "the company", "the decision", "this
section", "the analyst" or "such disposals" mean nothing there. `Context` follows the article
sentence by sentence (people, places, organisations, described shell nouns, people's roles);
`substitutions` replaces such references in a sentence with what the article named nearby, or
says the sentence cannot stand alone (None), in which case the card leads in with the sentence
before or is not made.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from question_bank.facts.model import noun_base
from question_bank.genders import Gender, fits, name_gender, pronoun_gender
from question_bank.lexicon import (
    REFERRING_NOUNS,
    RESOLVED_REFERRING_NOUNS,
    TIME_NOUNS,
    is_country,
)
from question_bank.models import AnswerType
from question_bank.referring import (
    DEMONSTRATIVES,
    FIRST_PERSON,
    MODIFIER_DEPS,
    ORG_SHELL_NOUNS,
    PLACE_SHELL_NOUNS,
    ROLE_NOUNS,
    demonstrative_that,
    described_person,
    described_phrase,
    expanded_contraction,
    expletive,
    has_antecedent,
    has_speaker,
    names_a_person,
    ordinal_only,
    person_name,
    points_back,
    quoted,
    such_without_as,
    superlative_only,
    title_person,
)

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

# A bracket opened right before a removed stretch: "( the …" -> "(the …".
# Nouns that stand for a stretch of the text ("the decision", "this section", "the powers"): a
# card that says only "the decision" cannot be answered without the article beside it.
SHELL_NOUNS = frozenset(
    """decision move plan deal agreement proposal ruling report case issue problem idea claim
    statement announcement measure step policy request offer power section chapter paragraph
    list reason finding conclusion argument arrangement treaty scheme project region area
    construction build war union ratio designation group""".split()
)
NEARBY_SENTENCES = 4


@dataclass
class Context:
    """What the article has named so far: the referents for pronouns and "the country"."""

    last: dict[AnswerType, str]
    names: dict[str, str]  # surname -> full name
    counts: dict[str, int] = field(default_factory=dict)  # place -> mentions so far
    title: str = ""
    people: dict[str, int] = field(default_factory=dict)  # full name -> mentions so far
    recent: set[str] = field(default_factory=set)  # people named in the previous sentence
    # Shell noun -> (its latest described mention, sentence number): "the decision" names
    # "the decision to send 700 troops" when a nearby sentence said so.
    described: dict[str, tuple[str, int]] = field(default_factory=dict)
    sentences: int = 0
    # Role noun -> (the person the article gave that role, sentence number): "the analyst"
    # names "Jane Porter" after "Jane Porter, an analyst at …".
    roles: dict[str, tuple[str, int]] = field(default_factory=dict)
    orgs: dict[str, int] = field(default_factory=dict)  # organisation -> mentions so far
    # The gender of "he"/"she" when it was the previous sentence's subject: the person it
    # meant is still the topic, whoever else that sentence named.
    continued: Gender | None = None
    # A name's head word -> the names it ended ("cathedral" -> Siena Cathedral, Cologne
    # Cathedral): "the cathedral" of an article that named two is either.
    kinds: dict[str, set[str]] = field(default_factory=dict)

    @classmethod
    def empty(cls, title: str = "") -> Context:
        context = cls(last={}, names={}, counts={}, title=title)
        # An article titled with a name ("Nikola Tesla") is about that person: an opening
        # "He was born…" means them.
        name = title_person(title)
        if name:
            context.people[name] = 3
            context.names[name.split()[-1]] = name
        return context

    def copy(self) -> Context:
        return Context(
            dict(self.last),
            dict(self.names),
            dict(self.counts),
            self.title,
            dict(self.people),
            set(self.recent),
            dict(self.described),
            self.sentences,
            dict(self.roles),
            dict(self.orgs),
            self.continued,
            {kind: set(names) for kind, names in self.kinds.items()},
        )

    def description(self, lemma: str) -> str | None:
        """What "the <lemma>" means, if a nearby sentence described it."""
        found = self.described.get(lemma)
        if found is None or self.sentences - found[1] > NEARBY_SENTENCES:
            return None
        return found[0]

    def role(self, lemma: str) -> str | None:
        """Who "the <role>" is, if a nearby sentence gave a named person that role."""
        found = self.roles.get(lemma)
        if found is None or self.sentences - found[1] > NEARBY_SENTENCES:
            return None
        return found[0]

    def main_org(self) -> str | None:
        """What "the company" means in news: the organisation the article is about (most
        mentioned, the title's counting triple), not the last one named ("the company said"
        after a sentence about its regulator); nobody when two tie."""
        if not self.orgs:
            return None
        ranked = sorted(self.orgs.items(), key=lambda item: -item[1])
        if len(ranked) > 1 and ranked[0][1] == ranked[1][1]:
            return None
        return ranked[0][0]

    def person(self, gender: Gender | None = None) -> str | None:
        """Who "he"/"she" means: the one person named in the previous sentence; when nobody
        was, the person the article is about (its title's, or its only one); when several were,
        the one whose name
        states the pronoun's gender, else nobody (unresolved). A person whose name states the
        other gender is never the one ("she" after "Pierre Curie" is not Pierre)."""
        recent = [p for p in self.recent if fits(p, gender)]
        if len(self.recent) > 1:
            stated = [p for p in recent if gender is not None and name_gender(p) == gender]
            return stated[0] if len(stated) == 1 else None
        if recent:
            # "Amy Earhart took Amelia to Chicago. She received training as a nurse's aide": in
            # Amelia Earhart's article, "she" may be either; a card must not guess.
            # Likewise "he" after a sentence that names a predecessor, in Hudson's article or
            # in one that keeps coming back to Pachacutic: the article's own person (its
            # title's, or the one named most, twice as often as this one) may be meant.
            subject = title_person(self.title) or self._dominant()
            first = recent[0]
            if subject and first.split()[0] != subject.split()[0]:
                return None if fits(subject, gender) else first
            if gender is not None and self.continued == gender:
                # "He intended to study with Joseph Haydn. … the lessons he had…": "he" goes on
                # meaning the subject before, not the teacher the sentence named.
                return None
            return first
        if not self.people:
            return None
        main = max(self.people, key=lambda p: self.people[p])
        # The article's own person only when it has one: the title's, or the only one named so
        # far. An obituary page or a list of people has none ("He was a pupil of Josef
        # Hofmann" in Abbey Simon's paragraph became Jerry Herman, the most named).
        if len(self.people) > 1 and main.split()[-1] not in self.title:
            return None
        return main if fits(main, gender) else None

    def _dominant(self) -> str | None:
        """The person named most so far, when named at least twice as often as anyone else."""
        if not self.people:
            return None
        ranked = sorted(self.people.values(), reverse=True)
        main = max(self.people, key=lambda p: self.people[p])
        second = ranked[1] if len(ranked) > 1 else 0
        return main if ranked[0] >= 2 and ranked[0] >= 2 * second else None

    def main_place(self, sent: Span | None = None) -> str | None:
        """The country the article keeps coming back to (the title counts double): what
        "the country" means. Only countries: "the country's" is never a city."""
        counts = {name: n for name, n in self.counts.items() if is_country(name)}
        for ent in sent.ents if sent is not None else ():
            if ent.label_ == "GPE" and is_country(ent.text):
                counts[ent.text] = counts.get(ent.text, 0) + 1
        if not counts:
            return None
        ranked = sorted(
            counts.items(), key=lambda item: -(item[1] + (2 if item[0] in self.title else 0))
        )
        return ranked[0][0]

    def observe(self, sent: Span) -> None:
        """Record the entities of a sentence (after its questions were built)."""
        self.sentences += 1
        for token in sent:
            if token.pos_ == "NOUN" and noun_base(token) in SHELL_NOUNS:
                phrase = described_phrase(token)
                if phrase is not None:
                    self.described[noun_base(token)] = (phrase, self.sentences)
        for ent in sent.ents:
            if ent.label_ == "PERSON":
                self._observe_role(ent)
        named = {
            self.names.get(person_name(e), person_name(e)) for e in sent.ents if names_a_person(e)
        }
        # The article's own person counts wherever named, whatever NER called the name
        # ("two of Tesla's uncles … help him leave Gospić": "him" is not certainly Gospić).
        main = max(self.people, key=lambda p: self.people[p]) if self.people else None
        if main and any(t.text == main.split()[-1] and t.pos_ == "PROPN" for t in sent):
            named.add(main)
        if named or any(t.lower_ in ("he", "she", "him", "her", "his") for t in sent):
            # A sentence about "he" keeps the same person in view; a new name replaces them.
            self.recent = named or self.recent
        else:
            self.recent = set()
        for ent in sent.ents:
            if ent.label_ in ("FAC", "ORG", "GPE", "LOC", "EVENT") and len(ent) > 1:
                self.kinds.setdefault(ent[-1].lower_, set()).add(ent.text)
            if ent.label_ == "PERSON" and names_a_person(ent):
                full = self.names.get(person_name(ent), person_name(ent))
                if " " in full:
                    # "Earhart" stays the first Earhart named (Amelia, the title's), not the
                    # last (her mother Amy): family members share a surname.
                    self.names.setdefault(full.split()[-1], full)
                self.last[AnswerType.PERSON] = full
                # A person in the title is the article's subject: "he" is most likely them.
                weight = 3 if full.split()[-1] in self.title else 1
                self.people[full] = self.people.get(full, 0) + weight
            elif ent.label_ in ("GPE",):
                self.last[AnswerType.PLACE] = ent.text
                self.counts[ent.text] = self.counts.get(ent.text, 0) + 1
            elif ent.label_ == "ORG":
                name = ent.text.removeprefix("the ")
                self.last[AnswerType.ORGANISATION] = name
                self.orgs[name] = self.orgs.get(name, 0) + (3 if name in self.title else 1)
        root = sent.root
        subject = next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        self.continued = pronoun_gender(subject.lower_) if subject is not None else None
        title_words = {w.removesuffix("'s").removesuffix("’s") for w in self.title.split()}
        if (
            subject is not None
            and subject.pos_ == "PROPN"
            and subject.text in title_words  # "Beethoven" in "Beethoven's Symphony No. 1"
            and subject.lower_ not in ROLE_NOUNS  # "Prime Minister of Sweden resigns"
        ):
            # "Tesla did attend…": the title's subject, whatever NER made of it.
            name = self.names.get(subject.text, subject.text)
            self.people[name] = self.people.get(name, 0) + 3

    def _observe_role(self, ent: Span) -> None:
        """ "Jane Porter, an analyst at X", "analyst Jane Porter", "the chairman, Robert Lyle":
        the role noun names that person for the next few sentences."""
        full = self.names.get(person_name(ent), person_name(ent))
        head = ent.root
        nouns = [c for c in head.children if c.dep_ == "appos" and c.pos_ == "NOUN"]
        nouns += [c for c in head.children if c.dep_ == "compound" and c.i < ent.start]
        if head.dep_ == "appos" and head.head.pos_ == "NOUN":
            nouns.append(head.head)  # "the chairman, Robert Lyle,"
        for noun in nouns:
            lemma = noun_base(noun)
            if lemma in ROLE_NOUNS:
                self.roles[lemma] = (full, self.sentences)


def _one_of_several(head: Token, sent: Span, context: Context) -> bool:
    """ "the party" in an article that has named several organisations, none of them earlier
    in this sentence: the title's "Conservative Party" is not the SNP the sentence means."""
    if noun_base(head) not in ORG_SHELL_NOUNS or len(context.orgs) < 2:
        return False
    return not any(e.label_ in ("ORG", "NORP") and e.end <= head.i for e in sent.ents)


def _reference(token: Token, sent: Span, context: Context, excluded: set[int]) -> str | None:
    """For "the"/"this"/"these" + a noun that points back outside the sentence: "" when the noun
    is fine as written, a replacement phrase when the article described it nearby, None when
    the card could not be understood alone ("the decision", "this section")."""
    head = token.head
    if head.i in excluded or head.i <= token.i:
        return ""
    if token.lower_ == "the" and (
        described_person(head, noun_base(head), sent)
        or ordinal_only(head)
        or superlative_only(head)
        or _one_of_several(head, sent, context)
    ):
        return None
    if head.pos_ != "NOUN":
        return ""
    lemma = noun_base(head)  # the generator parses without the lemmatizer
    named = context.kinds.get(head.lower_, set())
    if (
        token.lower_ == "the"
        and named
        and head.tag_ == "NN"
        and all(c.i == token.i for c in head.children)
        and not any(e.root.lower_ == head.lower_ for e in sent.ents)
    ):
        # "the cathedral" after Siena Cathedral alone is it; after Cologne Cathedral too, either
        return next(iter(named)) if len(named) == 1 else None
    demonstrative = points_back(token)
    role = lemma in ROLE_NOUNS and head.tag_ == "NN" and head.i == token.i + 1
    if not demonstrative and lemma not in SHELL_NOUNS and not role:
        return ""
    if demonstrative and (head.ent_type_ in ("DATE", "TIME") or lemma in TIME_NOUNS):
        return None  # "that year", "that same time": which year?
    described_by = MODIFIER_DEPS - {"amod"} if demonstrative else MODIFIER_DEPS  # "that little"
    if any(c.dep_ in described_by for c in head.children if c.i != token.i):
        return ""  # "the decision to send troops", "this year's elections": described here
    if any(t.pos_ == "NOUN" and noun_base(t) == lemma and t.i < token.i for t in sent):
        return ""  # named earlier in the same sentence
    if lemma in context.title.lower():
        return ""  # the article's own topic
    if role:
        if any(c.dep_ == "appos" or c.ent_type_ == "PERSON" for c in head.children):
            return ""  # "the chairman, Robert Lyle,": named right here
        return context.role(lemma)
    described = context.description(lemma)
    if described is not None and head.i == token.i + 1:
        return described
    return None


def lead_names_referent(sent: Span, context: Context, exclude: Iterable[int]) -> bool:
    """Whether the sentence before could say what this sentence's unresolved references mean:
    a person for "the Norwegian runner", a place for "the region", the things counted for "the
    first". A card that leads in with a sentence naming none of them is as vague as without."""
    if sent.start == 0:
        return False
    previous = sent.doc[sent.start - 1].sent
    labels = {e.label_ for e in previous.ents}
    excluded = set(exclude)
    if any(t.lower_ == "here" for t in sent) and not labels & {"GPE", "LOC", "FAC"}:
        return False
    first_person = any(t.lower_ in FIRST_PERSON and t.pos_ == "PRON" for t in sent)
    if first_person and not has_speaker(sent) and not has_speaker(previous):
        return False  # "“I was saying, okay…”" after a sentence that says nobody spoke
    for token in sent:
        if token.i in excluded or token.dep_ != "det" or token.lower_ != "the":
            continue
        if _reference(token, sent, context, excluded) is not None:
            continue
        head = token.head
        lemma = noun_base(head)
        if described_person(head, lemma, sent) and "PERSON" not in labels:
            return False
        if ordinal_only(head) and not any(t.tag_ in ("NNS", "NNPS") for t in previous):
            return False
        if lemma in PLACE_SHELL_NOUNS and not labels & {"GPE", "LOC", "FAC"}:
            return False
        if lemma in ORG_SHELL_NOUNS and not labels & {"ORG", "NORP"}:
            return False
        if superlative_only(head) and not labels & {"GPE", "LOC", "FAC", "ORG"}:
            return False
    return True


def substitutions(
    sent: Span, context: Context, exclude: Iterable[int], *, references: bool = True
) -> dict[int, str] | None:
    """Replacements for pronouns and "the country" that refer outside the sentence.

    Returns None when a subject or object pronoun cannot be resolved: such a card would leave the
    learner asking "who is 'he'?". With `references` False, shell nouns and demonstratives
    ("the decision", "this section") are left as written (the card leads in with the sentence
    before instead).
    """
    excluded = set(exclude)
    subs: dict[int, str] = {}
    person_named = False  # a person pronoun of this sentence was replaced by the name
    for token in sent:
        if token.i in excluded:
            continue
        if _person_pronoun(token):
            found = _person(token, sent, context, person_named)
            person_named = person_named or bool(found)
        else:
            found = _other_reference(token, sent, context, excluded, references)
        if found is None:
            return None
        subs.update(found)
    return subs


def _person_pronoun(token: Token) -> bool:
    lower = token.lower_
    return (lower in ("he", "him", "his", "she", "her") and token.pos_ == "PRON") or (
        lower in ("his", "her") and token.tag_ == "PRP$"
    )


def _person(
    token: Token, sent: Span, context: Context, person_named: bool
) -> dict[int, str] | None:
    """ "he"/"his" -> the person the article means, unless the sentence names them already."""
    name = context.person(pronoun_gender(token.lower_))
    earlier = [
        t
        for t in sent
        if t.i < token.i
        and t.tag_ in ("NNP", "NNPS")
        and t.ent_type_ in ("PERSON", "ORG", "NORP", "")
    ]
    # "A duty officer …, who gave his surname": a person noun of the sentence is who "his" is.
    people = [
        t for t in sent if t.i < token.i and t.pos_ == "NOUN" and noun_base(t) in PERSON_NOUNS
    ]
    if earlier or person_named or people:
        # "Tesla said he…": the referent is in the sentence, or already put there by an
        # earlier substitution ("He said he…" names him once, not twice).
        return {}
    if not name:
        return None
    possessive = token.lower_ == "his" or token.tag_ == "PRP$"
    subs = {token.i: name + "’s" if possessive else name}
    if not possessive:
        subs.update(expanded_contraction(token))
    return subs


def _other_reference(
    token: Token, sent: Span, context: Context, excluded: set[int], references: bool
) -> dict[int, str] | None:
    """Every reference but a person pronoun: "it"/"they", "its"/"their", "the decision",
    "such …", "the country". {} when the token stays as written, None when the sentence cannot
    stand alone."""
    lower = token.lower_
    if lower == "here" and token.dep_ == "advmod" and not quoted(token):
        # "Here, much like Ishibe Alley, you can see…": here where? (a cloze may lead in)
        return {} if not references else None
    if lower in ("later", "earlier") and token.dep_ == "advmod" and token.left_edge.i == sent.start:
        # "Three years later, Kahlo met…": later than what? (a cloze leads in with it)
        return {} if not references else None
    if lower in FIRST_PERSON and token.pos_ == "PRON":
        # "But I come to see that I missed…": who is "I"? Only "…,” Keitany said" stands alone.
        return {} if has_speaker(sent) else None
    if lower in ("it", "they", "them", "this", "these", "those", "another") and token.dep_ in (
        "nsubj",
        "nsubjpass",
        "dobj",
        "pobj",
        "attr",  # "It was this that led to…"
    ):
        # Guessing what "it" means (the previous subject? the one before?) was wrong too
        # often to put on a card: such a sentence gives no card.
        return {} if has_antecedent(sent, token) or expletive(token) else None
    if lower == "that" and demonstrative_that(token):
        # "That translates to about 7% …", "When that diaphragm vibrated": that what? (a
        # cloze leads in with the sentence before; a statement alone cannot stand)
        return {} if not references else None
    if lower in ("its", "their") and token.tag_ == "PRP$":
        earlier_nouns = [t for t in sent if t.i < token.i and t.pos_ in ("NOUN", "PROPN")]
        return {} if earlier_nouns else None
    determiner = token.dep_ == "det" and (lower in DEMONSTRATIVES or lower == "the")
    phrase = _reference(token, sent, context, excluded) if references and determiner else ""
    if phrase != "":
        return None if phrase is None else {token.i: "", token.head.i: phrase}
    if references and lower == "such" and such_without_as(token, excluded):
        return None  # "Such redispositions are expected…": such as what? (no "such as")
    if lower == "the" and token.dep_ == "det":
        return _referring_noun(token, sent, context, excluded)
    return {}


# Common nouns that name a person: a pronoun after one in the same sentence may be theirs.
PERSON_NOUNS = ROLE_NOUNS | frozenset(
    """man woman boy girl child person people doctor nurse teacher student player worker
    resident farmer soldier police policeman officer engineer scientist explorer sailor
    driver pilot priest king queen father mother son daughter brother sister husband wife
    widow friend member leader captain coach""".split()
)


def _referring_noun(
    token: Token, sent: Span, context: Context, excluded: set[int]
) -> dict[int, str]:
    """ "the country" -> the country the article keeps coming back to, "the company" -> its
    organisation; left as written when the sentence names two countries or describes it."""
    head = token.head
    if head.lower_ not in RESOLVED_REFERRING_NOUNS or head.i != token.i + 1 or head.i in excluded:
        return {}
    if any(c.dep_ in ("prep", "amod", "compound", "relcl", "acl", "case") for c in head.children):
        return {}  # "the country's …", "the country of …": leave as written
    if REFERRING_NOUNS[head.lower_] == AnswerType.PLACE:
        named = {e.text for e in sent.ents if e.end <= token.i and is_country(e.text)}
        if len(named) > 1:
            return {}  # "France … reaching England, where it spread through the country"
        name = named.pop() if named else context.main_place(sent)
    else:
        if any(e.label_ == "ORG" and e.end <= token.i for e in sent.ents):
            return {}  # "a member of the Brotherhood … 20 percent of workers in the organization"
        name = context.main_org()
    return {token.i: "", head.i: name} if name else {}
