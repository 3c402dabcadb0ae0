"""A printable quiz sheet with its answer key, as HTML (print-ready CSS) or Markdown.

Reusable by anything that prints questions (the quiz night prints its answer sheets and key
with it). The renderers take plain items, not bank rows:

    from quizapp.exports.printable import PrintItem, render_quiz_html, render_quiz_markdown

    items = [
        PrintItem(prompt="Who leads NATO?", kind="choice",
                  choices=("Stoltenberg", "Rutte", "Kurti", "Vucic"), answer="Stoltenberg"),
        PrintItem(prompt="KFOR got [...] more troops.", kind="cloze", answer="700"),
        PrintItem(prompt="Zvecan is in Kosovo.", kind="truefalse", answer="True"),
        PrintItem(prompt="Where was the press conference?", kind="open", answer="Oslo"),
    ]
    page = render_quiz_html("Friday quiz", items, subtitle="Round 1")
    text = render_quiz_markdown("Friday quiz", items)

`kind` is one of open | cloze | choice | truefalse: a choice item lists its options as A-D
with a box to tick, a true/false item offers True / False, a cloze item shows its `[...]` gap
as a blank to fill in, and an open item gets a line to write on. Pass `answer_key=False` for an
answer sheet without the key, `answer_lines=False` to leave out writing lines (a sheet of
questions read aloud), `name_lines=False` to leave out the name/date/score header.
The key starts on a new page (CSS `break-before: page`). `items_from_questions()` makes items
from exported bank questions.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from question_bank.models import CLOZE_GAP
from quizapp.exports.sampler import strip_note_markers
from quizapp.exports.source import ExportQuestion

LETTERS = "ABCDEFGHIJ"
BLANK_HTML = '<span class="blank" aria-label="blank"></span>'
BLANK_MD = "\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_"


@dataclass(frozen=True)
class PrintItem:
    """A question to print: what is asked, its kind, its options and its answer."""

    prompt: str
    kind: str = "open"
    choices: tuple[str, ...] = ()
    answer: str = ""


def items_from_questions(questions: Iterable[ExportQuestion]) -> list[PrintItem]:
    return [
        PrintItem(prompt=q.prompt, kind=q.kind, choices=tuple(q.choices), answer=q.answer)
        for q in questions
    ]


def clean_item(item: PrintItem) -> PrintItem:
    """The item without Wikipedia's note markers ("[12]", "[citation needed]"): never printed."""
    return PrintItem(
        prompt=strip_note_markers(item.prompt),
        kind=item.kind,
        choices=tuple(strip_note_markers(c) for c in item.choices),
        answer=strip_note_markers(item.answer),
    )


def answer_text(item: PrintItem) -> str:
    """The key's entry: `B. Pristina` for a choice, the answer otherwise."""
    if item.kind == "choice":
        for letter, choice in zip(LETTERS, item.choices, strict=False):
            if choice == item.answer:
                return f"{letter}. {choice}"
    return item.answer


CSS = """\
@page { size: A4; margin: 16mm 18mm 18mm 18mm; }
* { box-sizing: border-box; }
html { font-family: "DejaVu Serif", Georgia, "Times New Roman", serif; font-size: 11.5pt;
  color: #000; background: #fff; line-height: 1.4; }
body { margin: 0 auto; max-width: 180mm; }
header { border-bottom: 2px solid #000; padding-bottom: 4mm; margin-bottom: 5mm; }
h1 { font-size: 20pt; margin: 0 0 1mm 0; }
.subtitle { font-size: 12pt; margin: 0 0 3mm 0; font-style: italic; }
.fields { display: flex; gap: 6mm; font-family: "DejaVu Sans", Arial, sans-serif;
  font-size: 10.5pt; }
.fields span { flex: 1; white-space: nowrap; }
.fields span.name { flex: 2.2; }
.fields i { display: inline-block; border-bottom: 1px solid #000; width: 70%; height: 1.1em; }
.fields span.score i { width: 40%; }
.instructions { font-size: 10pt; margin: 3mm 0 0 0; font-family: "DejaVu Sans", Arial, sans-serif; }
ol.questions { padding-left: 8mm; margin: 0; }
ol.questions > li { margin: 0 0 4.5mm 0; padding-left: 1.5mm; break-inside: avoid;
  page-break-inside: avoid; }
.prompt { margin: 0 0 1.5mm 0; }
.blank { display: inline-block; min-width: 32mm; border-bottom: 1px solid #000;
  height: 1em; vertical-align: baseline; }
ul.options { list-style: none; padding: 0; margin: 0; display: grid;
  grid-template-columns: 1fr 1fr; gap: 1mm 8mm; }
ul.options li::before { content: ""; display: inline-block; width: 3.2mm; height: 3.2mm;
  border: 1px solid #000; margin-right: 2mm; vertical-align: -0.3mm; }
ul.options.truefalse { grid-template-columns: 30mm 30mm; }
.letter { font-weight: bold; margin-right: 1mm; }
.line { border-bottom: 1px solid #000; height: 7mm; width: 100%; }
section.key { break-before: page; page-break-before: always; }
section.key h2 { font-size: 15pt; border-bottom: 2px solid #000; padding-bottom: 2mm; }
section.key ol { columns: 2; column-gap: 10mm; padding-left: 8mm; }
section.key li { break-inside: avoid; margin-bottom: 1mm; }
footer { margin-top: 6mm; font-size: 9pt; color: #444; font-family: "DejaVu Sans", sans-serif; }
@media screen { body { padding: 12mm 0; } section.key { margin-top: 20mm; } }
"""


def _prompt_html(item: PrintItem) -> str:
    if item.kind == "cloze" and CLOZE_GAP in item.prompt:
        return BLANK_HTML.join(html.escape(part) for part in item.prompt.split(CLOZE_GAP))
    if item.kind == "truefalse":
        return html.escape(item.prompt)
    return html.escape(item.prompt)


def _question_html(item: PrintItem, answer_lines: bool) -> str:
    parts = [f'<p class="prompt">{_prompt_html(item)}</p>']
    if item.kind == "choice" and item.choices:
        options = "".join(
            f'<li><span class="letter">{letter}.</span> {html.escape(choice)}</li>'
            for letter, choice in zip(LETTERS, item.choices, strict=False)
        )
        parts.append(f'<ul class="options">{options}</ul>')
    elif item.kind == "truefalse":
        parts.append('<ul class="options truefalse"><li>True</li><li>False</li></ul>')
    elif item.kind == "open" and answer_lines:
        parts.append('<div class="line"></div>')
    return "<li>" + "".join(parts) + "</li>"


def render_quiz_html(
    title: str,
    items: Sequence[PrintItem],
    *,
    subtitle: str = "",
    answer_key: bool = True,
    name_lines: bool = True,
    answer_lines: bool = True,
    instructions: str | None = None,
) -> str:
    """A complete HTML page: header, numbered questions, and the key on its own page."""
    items = [clean_item(item) for item in items]
    if instructions is None:
        instructions = (
            "Answer every question. Tick one box for multiple choice and true/false; "
            "fill in the blanks and write short answers on the lines."
        )
    head = [f"<h1>{html.escape(title)}</h1>"]
    if subtitle:
        head.append(f'<p class="subtitle">{html.escape(subtitle)}</p>')
    if name_lines:
        head.append(
            '<div class="fields"><span class="name">Name: <i></i></span>'
            "<span>Date: <i></i></span>"
            f'<span class="score">Score: <i></i> / {len(items)}</span></div>'
        )
    if instructions:
        head.append(f'<p class="instructions">{html.escape(instructions)}</p>')
    body = "".join(_question_html(item, answer_lines) for item in items)
    page = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f"<title>{html.escape(title)}</title>",
        f"<style>\n{CSS}</style></head><body>",
        f"<header>{''.join(head)}</header>",
        f'<main><ol class="questions">{body}</ol></main>',
    ]
    if answer_key:
        key = "".join(f"<li>{html.escape(answer_text(item))}</li>" for item in items)
        heading = f"<h2>Answer key — {html.escape(title)}</h2>"
        page.append(f'<section class="key">{heading}<ol>{key}</ol></section>')
    page.append("</body></html>\n")
    return "\n".join(page)


def _md_escape(text: str) -> str:
    """Markdown-inert text: characters that would start emphasis, links or HTML are escaped."""
    specials = "\\`*_{}[]<>#|!"
    return "".join("\\" + ch if ch in specials else ch for ch in re.sub(r"\s+", " ", text))


def render_quiz_markdown(
    title: str,
    items: Sequence[PrintItem],
    *,
    subtitle: str = "",
    answer_key: bool = True,
    name_lines: bool = True,
    answer_lines: bool = True,
) -> str:
    """The same quiz as Markdown; the key after a page break (`<div style="page-break...">`)."""
    items = [clean_item(item) for item in items]
    lines = [f"# {_md_escape(title)}", ""]
    if subtitle:
        lines += [f"*{_md_escape(subtitle)}*", ""]
    if name_lines:
        lines += [f"Name: ______________________  Date: __________  Score: ____ / {len(items)}", ""]
    for number, item in enumerate(items, start=1):
        if item.kind == "cloze" and CLOZE_GAP in item.prompt:
            prompt = BLANK_MD.join(_md_escape(part) for part in item.prompt.split(CLOZE_GAP))
        else:
            prompt = _md_escape(item.prompt)
        lines.append(f"{number}. {prompt}")
        if item.kind == "choice" and item.choices:
            lines += [""] + [
                f"    - [ ] {letter}. {_md_escape(choice)}"
                for letter, choice in zip(LETTERS, item.choices, strict=False)
            ]
        elif item.kind == "truefalse":
            lines += ["", "    - [ ] True", "    - [ ] False"]
        elif item.kind == "open" and answer_lines:
            lines += ["", "    Answer: ________________________________________"]
        lines.append("")
    if answer_key:
        lines += ['<div style="page-break-before: always"></div>', "", "## Answer key", ""]
        lines += [
            f"{number}. {_md_escape(answer_text(item))}" for number, item in enumerate(items, 1)
        ]
        lines.append("")
    return "\n".join(lines)
