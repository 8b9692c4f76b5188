"""Errors a user can cause. Each carries a one-line message fit to show as it is."""

from __future__ import annotations


class PanelMinutesError(Exception):
    """Base: ``str(error)`` is one clear line for the user."""


class DatabaseError(PanelMinutesError):
    """The database file cannot be opened or used (missing folder, not SQLite, read-only ...)."""


class SchemaTooNewError(DatabaseError):
    """The database was written by a newer panel-minutes."""


class StorageFullError(DatabaseError):
    """The disk (or the database's size limit) is full: the write did not happen."""


class NotFoundError(PanelMinutesError):
    """A meeting, item, entry or person that does not exist."""


class ValidationError(PanelMinutesError):
    """Input that cannot be stored as given (empty title, bad date, votes that do not add up).

    ``field`` names the composer field at fault when there is one ("vote"), so a screen can put
    the cursor there."""

    def __init__(self, message: str = "", *, field: str = "") -> None:
        super().__init__(message)
        self.field = field


class ReadOnlyMeetingError(PanelMinutesError):
    """The meeting's minutes were approved; they change only by a recorded amendment."""


class BundleError(PanelMinutesError):
    """A meeting bundle that cannot be imported; nothing was written."""


class ConflictError(PanelMinutesError):
    """Someone else changed this record since it was read (another window or process)."""


class AgendaImportError(PanelMinutesError):
    """An agenda file that cannot be read (empty, binary, too big, not really Word, no items);
    the message names the file, what is wrong and what to do. Nothing was imported."""
