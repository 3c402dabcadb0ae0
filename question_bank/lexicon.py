"""Word lists the fact finders and question builders read (nouns for people, pronouns, vague
heads, referring nouns, months, currency signs…): each list once, named for what it holds.
Lists that belong to one rule alone stay beside that rule."""

from __future__ import annotations

import re
from functools import lru_cache

from question_bank.models import AnswerType

# Nouns naming people: a noun phrase headed by one is answered with "who".
PERSON_NOUNS = frozenset(
    """man men woman women people person persons child children boy girl soldier officer official
    leader president minister king queen emperor prince princess chief governor mayor judge
    protester protesters citizen citizens worker workers student students teacher scientist
    author writer founder director manager member members player players coach doctor priest
    bishop pope general commander troops farmer farmers settler settlers inhabitants residents
    father mother son daughter wife husband brother sister family architect engineer artist
    composer poet philosopher explorer journalist journalists reporter spokesman spokeswoman
    chairman ceo secretary ambassador senator politician lawyer physician surgeon nurse""".split()
)

# Heads too vague to be an answer on their own ("What did they find? — part").
VAGUE_HEADS = frozenset(
    """part parts number numbers time times way ways lot lots kind kinds sort type types thing
    things one ones other others some many most all use uses end side case cases fact example
    form forms amount level levels order rest term terms addition result results place""".split()
)

PRONOUNS = frozenset(
    """i me my mine we us our ours you your yours he him his she her hers it its they them their
    theirs this that these those who whom whose which what there here itself themselves himself
    herself one""".split()
)

# Nouns that refer back to something the article named ("the country" = Kosovo), with the type
# of what they name: never an answer on their own (facts), pointing elsewhere (context).
REFERRING_NOUNS: dict[str, AnswerType] = {
    "country": AnswerType.PLACE,
    "nation": AnswerType.PLACE,
    "state": AnswerType.PLACE,
    "city": AnswerType.PLACE,
    "town": AnswerType.PLACE,
    "region": AnswerType.PLACE,
    "company": AnswerType.ORGANISATION,
    "organisation": AnswerType.ORGANISATION,
    "organization": AnswerType.ORGANISATION,
    "alliance": AnswerType.ORGANISATION,
}
# Of those, the ones a card replaces with the name the article means (`context.substitutions`:
# its main country or organisation). "the state", "the city", "the town", "the region" stay as
# written: the article's main country is not what they name.
RESOLVED_REFERRING_NOUNS = frozenset(
    "country nation company organisation organization alliance".split()
)

# Subjects that are a quantity of something else ("Much of the area is…"): never asked about.
QUANTIFIER_SUBJECTS = frozenset("much many some most all each one part none few several".split())

TIME_NOUNS = frozenset(
    "year day week month moment time period century decade era season hour minute midst".split()
)

MONTHS = frozenset(
    """january february march april may june july august september october november december
    jan feb mar apr jun jul aug sep sept oct nov dec""".split()
)

CURRENCY_SIGNS = frozenset("£ $ € ¥ ₹".split())

MAGNITUDE_SUFFIXES = frozenset("m bn k mn b".split())

# Verbs that attribute what a sentence says to its source ("…, Sheikh Ahmed said.").
SPEECH_VERBS = frozenset(
    """say tell add report write note explain state claim insist recall warn comment reply
    describe""".split()
)


def is_country(text: str) -> bool:
    """Every part of "Hungary and Italy" is a country name."""
    parts = [p.strip() for p in re.split(r",| and ", text) if p.strip()]
    return bool(parts) and all(p.removeprefix("the ") in _countries() for p in parts)


@lru_cache(maxsize=1)
def _countries() -> frozenset[str]:
    from faker.providers.address.en_US import Provider

    # Faker lists official names; news writes the short ones.
    return frozenset(Provider.countries) | COMMON_COUNTRY_NAMES


COMMON_COUNTRY_NAMES = frozenset(
    """Russia|United States|America|Britain|Great Britain|England|Scotland|Wales|Northern Ireland|
    Kosovo|South Korea|North Korea|Iran|Syria|Vietnam|Laos|Moldova|Bolivia|Venezuela|Tanzania|
    Netherlands|Czech Republic|Czechia|Taiwan|Palestine|Macedonia|North Macedonia|Ivory Coast|
    East Timor|Vatican City|Micronesia|Congo|Democratic Republic of the Congo|UK|US|USA|U.S.|
    Soviet Union|USSR|Yugoslavia|Prussia|Ottoman Empire|Holy Roman Empire""".replace("\n", "")
    .replace("    ", "")
    .split("|")
)
