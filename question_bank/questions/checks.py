"""What must never ship, checked on a built card: a leaked answer, a question cut short or
with two question words, a vague or mistyped answer.
"""

from __future__ import annotations

import itertools
import re

from question_bank.facts.model import Fact
from question_bank.lexicon import SPEECH_VERBS
from question_bank.models import AnswerType
from question_bank.nlp import verb_lemma
from question_bank.referring import DEMONSTRATIVES, ordinal_only


def acceptable(question: str, fact: Fact) -> bool:
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
    if ordinal_only(fact.tokens.root):
        return True  # "The [first years] were spent in preparation": the first of what?
    return first.lower_ in DEMONSTRATIVES | {"such"} and first.dep_ in ("det", "amod", "predet")


_QUOTES = ('"', "“", "”")


def reported_speaker(fact: Fact) -> bool:
    """The answer is who said or reported the sentence's content: "[Scharf] said she's excited
    to see…", "“I think the facility is beautiful,” [Scharf] said", "…, says [Conservation
    International]". Blind judges called such cards pointless (which visitor or paper said it
    is not what the article teaches); the content itself is asked instead. "According to [the
    hospital in Mitrovica]" stays: who reported the injured is news."""
    root = fact.tokens.root
    if root.dep_ in ("compound", "poss") and root.head.dep_ == "nsubj":
        root = root.head  # "[Red Cross] officials said"
    head = root.head
    if root.dep_ == "dobj" and head.pos_ == "VERB" and verb_lemma(head) == "tell":
        return any(q in fact.sentence for q in _QUOTES)  # "…,” Andersson told [reporters]."
    if root.dep_ != "nsubj" or head.pos_ not in ("VERB", "AUX"):
        return False
    if verb_lemma(head) not in SPEECH_VERBS:
        return False
    quoted = any(q in fact.sentence for q in _QUOTES)
    content = any(c.dep_ in ("ccomp", "parataxis") for c in head.children)
    return quoted or content or head.dep_ in ("parataxis", "ccomp")


def mistyped_date(fact: Fact) -> bool:
    """A decade, century or year the recogniser typed as something else ("the 870s" as a
    product): asked "what … in?", it reads wrong; a date question needs a date type. And a
    "date" with no word of time in it ("age eight") or a bare number of one to three digits
    ("The grand master of Finnish music was 87") is no answer to "when"."""
    if fact.answer_type == AnswerType.DATE:
        if _LENGTH_ADJECTIVE.search(fact.answer):
            return True  # "its 100-year history": a length, no answer to "when"
        if re.fullmatch(r"\d{1,3}", fact.answer.strip()):
            return True  # "was 87": an age or a count the recogniser called a date ("When was …?")
        after = fact.sent.doc[fact.end] if fact.end < fact.sent.end else None
        if after is not None and after.lower_.split("/")[0] in _UNITS:
            return True  # "(4920 by [4265] feet…)": a length, never a time
        if not any(ch.isdigit() for ch in fact.answer) and _UNITS_ONLY.search(fact.answer):
            return True  # "temporal hours": a kind of hour, no time at all
        return not (any(ch.isdigit() for ch in fact.answer) or _TIME_WORD.search(fact.answer))
    return bool(_DATE_LIKE.fullmatch(fact.answer))


_UNITS_ONLY = re.compile(
    r"^(?!(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|several|few|many|"
    r"some)\b)\w+ (?:hours|minutes|seconds)$",
    re.IGNORECASE,
)

_UNITS = frozenset(
    """feet foot ft metres meters metre meter m km kilometres kilometers miles mile yards inches
    cm mm kg tonnes tons pounds lb""".split()
)

_LENGTH_ADJECTIVE = re.compile(
    r"\d+-(?:year|month|week|day|hour|minute|decade|century)s?\b", re.IGNORECASE
)

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
    if words[0] in _ASKS_ONCE and words[0] in words[1:]:
        return False  # "When did the work begin when he partnered…?": its own clause answers it
    if len(words) > 1 and words[-2] in ("than", "as") and words[-1] in _AUXILIARIES:
        return False  # "In which year has 2016 been warmer than was?": a clause emptied
    # "… belong to one of?", "… for a?": a phrase cut in the middle; "… warmer than?": a
    # comparison with what it is compared to taken out
    return words[-1] not in ("of", "a", "an", "its", "their", "his", "her", "than")


WH_WORDS = frozenset("who whom whose what which when where why how".split())

# Question words the sentence's own clause must not repeat: "when … when he partnered" asks
# what the sentence answers in passing ("what" and "which" recur in relatives and stay).
_ASKS_ONCE = frozenset("when where why".split())

_AUXILIARIES = frozenset("is are was were be been being am do does did has have had".split())

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
    shared = sum(1 for w in answer_words if w in prompt_words or _derived_in(w, prompt_words))
    if len(answer_words) == 1:
        return shared == 1
    return shared * 2 > len(answer_words) if majority else shared * 2 >= len(answer_words)


def _derived_in(word: str, prompt_words: set[str]) -> bool:
    """A word of the prompt is built on the answer's word ("pharology" beside "Pharos",
    "Alzheimer's" beside "Alzheimer", "German" beside "Germany"): it gives the answer away as
    surely as the word itself. Only for words of six letters or more, compared on the stem
    (the word less its last two letters, at least five), so short words never match by chance."""
    if len(word) < 6 or not word.isalpha():
        return False
    stem = word[: max(5, len(word) - 2)]
    return any(
        other != word
        and len(other) >= 6
        and (other.startswith(stem) or word.startswith(other[: max(5, len(other) - 2)]))
        for other in prompt_words
    )
