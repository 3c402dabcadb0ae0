"""Facts -> cards: which facts an article asks about and the cards each one yields.

Modules, by role: `selection` (the article's budget, the card ranker's cut, reading order),
`forms` (a fact's open, cloze and choice cards), `truefalse`, `option_fit` (whether a wrong
option fits the answer's place) and `answers` (the answer as a card shows it).
"""
