"""The meeting bundle: one meeting, and everything its minutes need, as a versioned JSON file.

A bundle carries ONE meeting between databases (another laptop, a colleague, an archive). The
format is documented in ``docs/bundle-format.md``; this package is its single implementation:

- ``schema``: the records a validated bundle holds (``Bundle``, ``BItem``, ``BEntry`` ...), the
  format name and version and the size limits;
- ``write``: ``export_bundle(store, meeting_id) -> dict`` reads a meeting through the store and
  ``dumps_bundle(data) -> str`` writes it as JSON with a stable key order;
- ``read``: ``parse_bundle(data) -> Bundle`` validates a bundle completely and returns typed
  values; ``fields`` holds its JSON decoding and the typed getters that name the field.

Importing a bundle into a database (validate, then write in ONE transaction) is
``panel_minutes.models.store.bundle_io.import_bundle``: the store sits above this package, which never imports
``panel_minutes.models.store`` (an import-linter contract in pyproject.toml keeps it so).

Validation happens before anything is written: a bundle is refused with ``BundleError`` (whose
message names the field, e.g. ``items[3].title: expected text, got number``) and the database is
left exactly as it was.

Pure Python: importing this package loads neither SQLAlchemy nor Textual.
"""

from __future__ import annotations

from panel_minutes.models.bundle.read import parse_bundle
from panel_minutes.models.bundle.schema import (
    FORMAT,
    MAX_BUNDLE_BYTES,
    MAX_COUNT,
    MAX_DEPTH,
    VERSION,
    BAction,
    BAmendment,
    BAttendance,
    BDeclaration,
    BEntry,
    BItem,
    BMeeting,
    BMembership,
    BOriginItem,
    BOtherMeeting,
    BPanel,
    BPerson,
    Bundle,
    BUpdate,
)
from panel_minutes.models.bundle.write import dumps_bundle, export_bundle

__all__ = [
    "FORMAT",
    "MAX_BUNDLE_BYTES",
    "MAX_COUNT",
    "MAX_DEPTH",
    "VERSION",
    "BAction",
    "BAmendment",
    "BAttendance",
    "BDeclaration",
    "BEntry",
    "BItem",
    "BMeeting",
    "BMembership",
    "BOriginItem",
    "BOtherMeeting",
    "BPanel",
    "BPerson",
    "BUpdate",
    "Bundle",
    "dumps_bundle",
    "export_bundle",
    "parse_bundle",
]
