"""Database faults become an error screen, wherever a handler meets them."""

from __future__ import annotations

import sqlite3

from ..db.connect import StoreError, translate
from .textual_compat import AppErrorHook, HandlerErrorHook


def _database_fault(app, error: BaseException) -> str | None:
    """The one-line message for a database fault (a worker's wrapped in WorkerFailed), or
    None for any other error."""
    error = getattr(error, "error", error)  # textual.worker.WorkerFailed
    if isinstance(error, sqlite3.Error):
        error = translate(app.store.path, error)
    return str(error) if isinstance(error, StoreError) else None


class GuardDatabaseErrors(HandlerErrorHook):
    """Mixed into the app and its screens: a handler that hits a database fault shows the
    error screen instead of ending the app (Textual stops a message pump on an exception)."""

    def handler_failed(self, error: Exception) -> bool:
        app = self.app  # type: ignore[attr-defined]
        message = _database_fault(app, error)
        if message is None:
            return False
        app.show_database_error(message)
        return True


class GuardAppDatabaseErrors(AppErrorHook, GuardDatabaseErrors):
    """Mixed into the app: what reaches the app's last handler without passing through a
    message (a timer's callback, a worker) is guarded the same way."""
