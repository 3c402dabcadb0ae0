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

# Nothing is left to split: every module and function is within its limit.
FUNCTIONS_LEFT: dict[str, int] = {}
MODULES_LEFT: dict[str, int] = {}


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
