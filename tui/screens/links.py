"""A side's links: each position of the actor or its members that is linked to another
(conditional on it, offered in exchange for it, packaged with it), both ways, its chain of
conditions read down the list; a cycle is marked, never hidden."""

from __future__ import annotations

from textual.content import Content
from textual.widgets.option_list import Option

from ...db import queries
from ..render.prompts import position_prompt
from ..render.safe import clean, content
from .positions import PositionListScreen


class LinksScreen(PositionListScreen):
    """The links of an actor's column; enter shows a position's evidence (and its links')."""

    TITLE_TEXT = "Links"

    def __init__(self, actor_id: str):
        super().__init__()
        self.actor_id = actor_id

    def reload(self) -> None:
        actor = queries.get_actor(self.conn, self.actor_id)
        if actor is None:
            self.show([Content(f"No actor with id {clean(self.actor_id, oneline=True)!r}.")], iter(()))
            return
        self.set_title(content(actor.name, oneline=True))
        found = queries.chains(self.conn, actor.id)
        cycles = sum(1 for _p, links in found for link in links if link.cycle and link.direction == "out")
        head = [
            Content.assemble(
                (clean(actor.name, oneline=True), "bold"),
                (
                    f"  {len(found)} linked positions, its members' too; "
                    "⇐ only if, ⇒ is the condition of, ⇄ in exchange, + packaged",
                    "dim",
                ),
            )
        ]
        if cycles:
            head.append(Content.styled(f"↻ {cycles} links lie on a cycle: each waits on another", "bold"))
        options = [Option(position_prompt(p, show_actor=True, links=links), id=p.id) for p, links in found]
        if not options:
            options = [Option(Content.styled("  no links recorded", "dim italic"), disabled=True)]
        self.show(head, iter(options))
