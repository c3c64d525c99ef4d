"""The read side of the core: one function per question a screen or command asks, each
returning plain records from `db.models`. The only place with SQL for reading; plain
sqlite3 (browsing does not import sqlite-utils).

By subject: `actors`, `positions` (issues and their positions), `quotes` (and sources),
`search`, `compare`, `names` (the palette's candidates); `rows` turns rows into records.
"""

from .actors import (
    ActorNotFound,
    get_actor,
    list_actors,
    list_sides,
    member_depths,
    resolve_actor,
)
from .compare import cell_positions, comparison, comparison_summary, issue_stances, with_leads
from .history import change_dates, changes_since, issue_chart, last_load, loads, timeline
from .names import Candidate, Names, actor_names, issue_names
from .positions import (
    actor_positions,
    get_issue,
    get_position,
    issue_earlier_ids,
    issue_positions,
    issue_stance_counts,
    list_issues,
    positions_by_id,
    quote_positions,
    resolve_issue,
)
from .quotes import (
    actor_quotes,
    get_quote,
    get_source,
    paragraph_bounds,
    passage,
    quotes_by_id,
    unsure_quotes,
)
from .rows import counts
from .search import RANK_WINDOW, Reading, read_search, search
from .shape import (
    all_edges,
    chains,
    has_shape,
    issue_options,
    issue_parents,
    issues_with_options,
    links_of,
    on_cycles,
    option_grid,
    option_marks,
)
from .sourcing import backing, passage_key, same_passage, single_source_ids, via_of

__all__ = [
    "all_edges",
    "chains",
    "has_shape",
    "issue_options",
    "issue_parents",
    "issues_with_options",
    "links_of",
    "on_cycles",
    "option_grid",
    "option_marks",
    "RANK_WINDOW",
    "ActorNotFound",
    "Candidate",
    "Names",
    "Reading",
    "actor_names",
    "actor_positions",
    "actor_quotes",
    "backing",
    "cell_positions",
    "change_dates",
    "changes_since",
    "comparison",
    "comparison_summary",
    "counts",
    "get_actor",
    "get_issue",
    "get_position",
    "get_quote",
    "get_source",
    "issue_names",
    "issue_chart",
    "issue_earlier_ids",
    "issue_positions",
    "issue_stance_counts",
    "issue_stances",
    "list_actors",
    "list_issues",
    "last_load",
    "list_sides",
    "loads",
    "member_depths",
    "paragraph_bounds",
    "passage_key",
    "passage",
    "positions_by_id",
    "quote_positions",
    "quotes_by_id",
    "read_search",
    "resolve_actor",
    "resolve_issue",
    "same_passage",
    "search",
    "single_source_ids",
    "timeline",
    "unsure_quotes",
    "via_of",
    "with_leads",
]
