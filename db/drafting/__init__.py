"""A first draft of a dossier from a plain-text article: its direct quotes with speakers,
venues and days, and the sentences that report what named actors said or want.

The rules are those of news prose: `“…,” Trump told reporters`; `Rubio mentioned on CBS
that … “…”`; `“…,” he added` (the last person named); a quote paragraph that continues the
previous speaker; titles before names (`Deputy Foreign Minister Alexander Grushko`);
`according to remarks from a Russian deputy foreign minister` (matched by role). Each
quote carries how sure its attribution is and why. Nothing is invented: no positions.

The package, by step: `patterns` (the words of news prose), `sentences`, `cast` (who can
speak), `rules` (the attribution rules, one small function each, tried in order),
`drafter` (what it remembers while reading), `article` (an article into a draft), `writer`
(YAML or JSON).
"""

from .article import Draft, draft_article
from .rules import RULES
from .writer import to_json, to_yaml

__all__ = ["RULES", "Draft", "draft_article", "to_json", "to_yaml"]
