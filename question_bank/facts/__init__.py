"""Sentence -> facts: the statements worth learning, each with its answer span and type.

A fact is a sentence plus one answer inside it: a named entity (who, where, when, which
organisation), a number with its unit (how many), a noun phrase that is the object or complement
of a verb (what), the cause after "due to"/"because of", or a person named with a title or an
apposition ("Jens Stoltenberg, NATO's Secretary-General"). Facts keep their spaCy tokens so that
`question_bank.questions` can turn the surrounding clause into a question.

Facts are overgenerated here and scored; the generator ranks them and keeps a budget per article.

Modules, by role: `model` (the `Fact`), `sentence` (`sentence_facts`, the entry point),
`entities`, `titles`, `chunks` and `extra` (one kind of answer each), `spans` (span edges and
tests they share).
"""
