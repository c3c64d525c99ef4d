"""Database faults become an error screen, wherever a handler meets them."""

from __future__ import annotations

import sqlite3

from ..db.connect import StoreError, translate


def _database_fault(app, error: BaseException) -> str | None:
    """The one-line message for a database fault (a worker's wrapped in WorkerFailed), or
    None for any other error."""
    error = getattr(error, "error", error)  # textual.worker.WorkerFailed
    if isinstance(error, sqlite3.Error):
        error = translate(app.store.path, error)
    return str(error) if isinstance(error, StoreError) else None


class GuardDatabaseErrors:
    """Mixed into the app and its screens: a handler that hits a database fault shows the
    error screen instead of ending the app (Textual stops a message pump on an exception)."""

    async def _dispatch_message(self, message) -> None:
        try:
            await super()._dispatch_message(message)  # type: ignore[misc]
        except (sqlite3.Error, StoreError) as error:
            app = self.app  # type: ignore[attr-defined]
            app.show_database_error(_database_fault(app, error))


class GuardAppDatabaseErrors(GuardDatabaseErrors):
    """Mixed into the app: what reaches the app's last handler without passing through a
    message (a timer's callback, a worker) is guarded the same way."""

    def _handle_exception(self, error: Exception) -> None:
        message = _database_fault(self, error)
        if message is not None and not self._exit:  # type: ignore[attr-defined]
            self.show_database_error(message)  # type: ignore[attr-defined]
            return
        super()._handle_exception(error)  # type: ignore[misc]
