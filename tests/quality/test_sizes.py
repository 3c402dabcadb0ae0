"""No function over 60 lines, no module over 500 (generated migrations excepted).

What is still over a limit is listed below with its size today: the list may only shrink. A
listed function or module that grows past its figure fails, as does a new one over a limit;
one that drops under its limit fails too, until it is struck off the list (so the list says
exactly what is left). Sizes: `tests.support.sizes` (`python -m tests.support.sizes`).

Files other engineers are rewriting this session (`IN_FLIGHT`) are listed for the record but
not checked: their sizes move with every merge. The list is synced with them at issue 11's
last merge; empty `IN_FLIGHT` once that work has landed, and the checks cover them too.
"""

from __future__ import annotations

from tests.support.sizes import function_sizes, module_sizes

FUNCTION_LIMIT = 60
MODULE_LIMIT = 500
IN_FLIGHT: tuple[str, ...] = ()  # nothing in flight: every listed figure is checked

# The generator's modules (issue 9's) are what is left to split (issue 11).
FUNCTIONS_LEFT: dict[str, int] = {
    "question_bank/questions.py:_clause_question": 170,
    "question_bank/card_ranker.py:features": 149,
    "question_bank/ranking.py:answer_features": 100,
    "question_bank/generator.py:_cards": 94,
    "question_bank/facts.py:sentence_facts": 93,
    "question_bank/context.py:substitutions": 94,
    "question_bank/generator.py:_drafts": 85,
    "question_bank/questions.py:_in_situ": 78,
    "question_bank/distractors.py:pick_distractors": 79,
    "question_bank/questions.py:_clause_tokens": 73,
    "question_bank/facts.py:_extra_facts": 71,
    "question_bank/facts.py:_chunk_fact": 66,
    # issue 11's
}
MODULES_LEFT: dict[str, int] = {
    "question_bank/questions.py": 1274,
    "question_bank/generator.py": 856,
    "question_bank/facts.py": 715,
}


def _in_flight(name: str) -> bool:
    return name.split(":", 1)[0].startswith(IN_FLIGHT)


def _check(sizes: dict[str, int], left: dict[str, int], limit: int, what: str) -> list[str]:
    sizes = {name: lines for name, lines in sizes.items() if not _in_flight(name)}
    left = {name: lines for name, lines in left.items() if not _in_flight(name)}
    problems = []
    for name, lines in sorted(sizes.items()):
        allowed = left.get(name)
        if lines > limit and allowed is None:
            problems.append(f"{name}: {lines} lines, over the {what} limit of {limit}")
        elif allowed is not None and lines > allowed:
            problems.append(f"{name}: {lines} lines, grew past its listed {allowed}")
    for name in sorted(left):
        if sizes.get(name, 0) <= limit:
            problems.append(f"{name}: now within {limit} lines (or gone): strike it off the list")
    return problems


def test_no_function_over_the_limit() -> None:
    sizes = {size.name: size.lines for size in function_sizes()}
    problems = _check(sizes, FUNCTIONS_LEFT, FUNCTION_LIMIT, "function")
    assert not problems, "\n".join(problems)


def test_no_module_over_the_limit() -> None:
    sizes = {size.name: size.lines for size in module_sizes()}
    problems = _check(sizes, MODULES_LEFT, MODULE_LIMIT, "module")
    assert not problems, "\n".join(problems)
