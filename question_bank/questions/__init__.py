"""Fact -> question forms: a wh-question, a cloze, a true/false statement.

The open question is built from the dependency parse of the fact's clause (the nearest verb
above the answer that has a subject):

- answer is the subject: the wh-phrase takes its place ("Who announced the decision…?");
- answer is an object, a complement or sits in a prepositional phrase of the verb: the
  wh-phrase is fronted and the subject inverted with the first auxiliary, or with "do" when
  there is none ("Where did Jens Stoltenberg announce the decision…?", "Since when has KFOR been
  deployed in Kosovo?", "What are the recent tensions … due to?");
- a number counting a noun asks "how many <noun>" and moves that noun phrase along;
- anything more deeply embedded is asked in place ("30 KFOR soldiers from which countries
  suffered injuries?").

Comma-separated side remarks, conjoined clauses and sentence adverbs are dropped from the
question; pronouns and "the country"-style phrases are replaced by the entity the article names,
and a question that still depends on an unresolved pronoun is refused (returns None).

Modules, by role: `open_question` (`open_questions`, the entry point of the open form), `asked`
(a fact's clause prepared for asking), `clause` (the clause's words and what makes it unaskable),
`wh_words`, `fronting`, `in_situ`, `cloze` (the cloze and the true/false statement), `wording`
(tokens back to text) and `checks` (what must never ship).
"""
