"""Sizes of the code: functions and modules of `quizapp` and `question_bank`, in lines.

A function's size runs from its first decorator to its last line, docstring included (what a
reader scrolls through); a module's is its line count. Generated Alembic revisions
(`migrations/versions/`) are left out. `tests/quality/test_sizes.py` holds the limits;
`python -m tests.support.sizes` prints the largest ten of each (the closing note's figures).
"""

from __future__ import annotations

import argparse
import ast
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("quizapp", "question_bank")


@dataclass(frozen=True)
class Size:
    """One function or module and its length in lines."""

    name: str
    """`path` for a module, `path:qualified.name` for a function (methods by their class)."""
    lines: int
    line: int = 1
    """Where it starts (for the printout)."""


def _sources() -> list[Path]:
    paths = []
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            if "versions" in path.relative_to(ROOT).parts:
                continue  # generated migrations
            paths.append(path)
    return paths


def module_sizes() -> list[Size]:
    """Every module, largest first."""
    sizes = [
        Size(path.relative_to(ROOT).as_posix(), len(path.read_text().splitlines()))
        for path in _sources()
    ]
    return sorted(sizes, key=lambda size: (-size.lines, size.name))


def _functions(tree: ast.AST, rel: str, prefix: str = "") -> list[Size]:
    sizes: list[Size] = []
    for child in ast.iter_child_nodes(tree):
        if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef):
            name = f"{prefix}{child.name}"
            start = min([child.lineno, *(d.lineno for d in child.decorator_list)])
            end = child.end_lineno or child.lineno
            sizes.append(Size(f"{rel}:{name}", end - start + 1, start))
            sizes.extend(_functions(child, rel, f"{name}."))
        elif isinstance(child, ast.ClassDef):
            sizes.extend(_functions(child, rel, f"{prefix}{child.name}."))
        else:
            sizes.extend(_functions(child, rel, prefix))
    return sizes


def function_sizes() -> list[Size]:
    """Every function and method (nested ones too), largest first."""
    sizes: list[Size] = []
    for path in _sources():
        sizes.extend(_functions(ast.parse(path.read_text()), path.relative_to(ROOT).as_posix()))
    return sorted(sizes, key=lambda size: (-size.lines, size.name))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--top", type=int, default=10, help="how many of each to print")
    parser.add_argument("--function-limit", type=int, default=60)
    parser.add_argument("--module-limit", type=int, default=500)
    args = parser.parse_args()
    modules, functions = module_sizes(), function_sizes()
    print("largest modules (lines):")
    for size in modules[: args.top]:
        print(f"  {size.lines:5d}  {size.name}")
    print("largest functions (lines, first decorator to last line):")
    for size in functions[: args.top]:
        path, name = size.name.split(":", 1)
        print(f"  {size.lines:5d}  {path}:{size.line} {name}")
    over_f = sum(1 for size in functions if size.lines > args.function_limit)
    over_m = sum(1 for size in modules if size.lines > args.module_limit)
    print(f"functions over {args.function_limit}: {over_f}")
    print(f"modules over {args.module_limit}: {over_m}")


if __name__ == "__main__":
    main()
