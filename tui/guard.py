"""Database faults become an error screen, wherever a handler meets them."""

from __future__ import annotations

import sqlite3

from ..db.connect import StoreError, translate


class GuardDatabaseErrors:
    """Mixed into the app and its screens: a handler that hits a database fault shows the
    error screen instead of ending the app (Textual stops a message pump on an exception)."""

    async def _dispatch_message(self, message) -> None:
        try:
            await super()._dispatch_message(message)  # type: ignore[misc]
        except (sqlite3.Error, StoreError) as error:
            app = self.app  # type: ignore[attr-defined]
            if isinstance(error, sqlite3.Error):
                error = translate(app.store.path, error)
            app.show_database_error(str(error))
