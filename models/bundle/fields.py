"""Reading bundle JSON: decoding with limits, and typed getters that name the field.

Every refusal is a ``BundleError`` of one line naming the field, e.g.
``Cannot import the bundle: items[3].title: expected text, got number. Nothing was imported.``
``read.parse_bundle`` uses these getters for every value of a bundle.
"""

from __future__ import annotations

import json
import re
from datetime import UTC, date, datetime
from enum import StrEnum
from typing import Any, TypeVar

from panel_minutes.models.bundle.schema import MAX_BUNDLE_BYTES, MAX_COUNT, MAX_DEPTH
from panel_minutes.models.errors import BundleError

E = TypeVar("E", bound=StrEnum)

def kind_of(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return "number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "list"
    if isinstance(value, dict):
        return "object"
    return type(value).__name__


def refuse(path: str, problem: str) -> BundleError:
    where = f"{path}: " if path else ""
    return BundleError(f"Cannot import the bundle: {where}{problem}. Nothing was imported.")


def _unstorable(path: str, found: re.Match[str]) -> BundleError:
    return refuse(
        path, f"the text holds an unpaired UTF-16 surrogate ({found.group()!r} at position "
        f"{found.start()}), which cannot be stored"
    )


_MISSING = object()
# Matched whole (``fullmatch``: ``$`` would let "10:30\n" through) and ASCII digits only
# (``\d`` would let "10:3\u0661" through).
_TIME = re.compile(r"(?:[01][0-9]|2[0-3]):[0-5][0-9]")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
# An unpaired UTF-16 surrogate (JSON "\ud800") cannot be stored as UTF-8 text.
_SURROGATE = re.compile("[\ud800-\udfff]")


class JsonObject:
    """One JSON object being read: typed getters that name the field in every error."""

    def __init__(self, value: object, path: str) -> None:
        if not isinstance(value, dict):
            raise refuse(path, f"expected an object, got {kind_of(value)}")
        self.data: dict[str, Any] = value
        self.path = path
        self.known: set[str] = set()

    def at(self, key: str) -> str:
        return f"{self.path}.{key}" if self.path else key

    def raw(self, key: str, default: object = _MISSING) -> object:
        self.known.add(key)
        if key not in self.data:
            if default is _MISSING:
                raise refuse(self.at(key), "missing")
            return default
        return self.data[key]

    def text(self, key: str, *, required: bool = False, nonempty: bool = False) -> str:
        value = self.raw(key, _MISSING if required or nonempty else "")
        if not isinstance(value, str):
            raise refuse(self.at(key), f"expected text, got {kind_of(value)}")
        if (found := _SURROGATE.search(value)) is not None:
            raise _unstorable(self.at(key), found)
        if nonempty and not value.strip():
            raise refuse(self.at(key), "must not be empty")
        return value

    def time(self, key: str) -> str:
        value = self.text(key)
        if value and not _TIME.fullmatch(value):
            raise refuse(self.at(key), f"expected a time such as 10:30 or empty, got {value!r}")
        return value

    def boolean(self, key: str) -> bool:
        value = self.raw(key, False)
        if not isinstance(value, bool):
            raise refuse(self.at(key), f"expected true or false, got {kind_of(value)}")
        return value

    def whole(self, key: str, *, required: bool = False, minimum: int = 0) -> int | None:
        value = self.raw(key, _MISSING if required else None)
        if value is None and not required:
            return None
        if isinstance(value, bool) or not isinstance(value, int):
            raise refuse(self.at(key), f"expected a whole number, got {kind_of(value)}")
        if not minimum <= value <= MAX_COUNT:
            raise refuse(self.at(key), f"{value} is out of range ({minimum} to {MAX_COUNT})")
        return value

    def day(self, key: str, *, required: bool = False) -> date | None:
        value = self.raw(key, _MISSING if required else None)
        if value is None and not required:
            return None
        if not isinstance(value, str):
            raise refuse(self.at(key), f"expected a date such as 2026-09-15, got {kind_of(value)}")
        try:
            if not _DATE.fullmatch(value):
                raise ValueError
            return date.fromisoformat(value)
        except ValueError:
            raise refuse(
                self.at(key), f"expected a date such as 2026-09-15, got {value!r}"
            ) from None

    def moment(self, key: str, *, required: bool = False) -> datetime | None:
        value = self.raw(key, _MISSING if required else None)
        if value is None and not required:
            return None
        if not isinstance(value, str):
            raise refuse(
                self.at(key), f"expected a date and time such as 2026-09-15T10:30:00, got "
                f"{kind_of(value)}"
            )
        try:
            moment = datetime.fromisoformat(value)
        except ValueError:
            raise refuse(
                self.at(key), f"expected a date and time such as 2026-09-15T10:30:00, got {value!r}"
            ) from None
        # Timestamps are kept in UTC; one written without an offset is taken to be UTC already.
        try:
            return moment.astimezone(UTC) if moment.tzinfo else moment.replace(tzinfo=UTC)
        except OverflowError:  # e.g. 0001-01-01T00:00:00+14:00 is in the year 0 in UTC
            raise refuse(
                self.at(key), f"{value!r} is out of range: in UTC it falls before the year 1 or "
                "after the year 9999"
            ) from None

    def choice(self, key: str, enum: type[E], default: E | None = None) -> E:
        value = self.raw(key, _MISSING if default is None else default.value)
        if not isinstance(value, str):
            raise refuse(self.at(key), f"expected text, got {kind_of(value)}")
        try:
            return enum(value)
        except ValueError:
            allowed = ", ".join(repr(m.value) for m in enum)
            raise refuse(
                self.at(key), f"unknown value {value!r} (expected one of {allowed})"
            ) from None

    def sittings(self, key: str) -> tuple[tuple[str, str], ...]:
        """An item's later sittings, each "10:45-10:50" (the end empty while it runs)."""
        out = []
        for n, text in enumerate(self.texts(key)):
            start, _sep, end = text.partition("-")
            if not _TIME.fullmatch(start) or (end and not _TIME.fullmatch(end)):
                raise refuse(f"{self.at(key)}[{n}]",
                             f"expected times such as 10:45-10:50, got {text!r}")
            out.append((start, end))
        return tuple(out)

    def texts(self, key: str) -> tuple[str, ...]:
        value = self.raw(key, [])
        if not isinstance(value, list):
            raise refuse(self.at(key), f"expected a list of text, got {kind_of(value)}")
        for n, v in enumerate(value):
            if not isinstance(v, str):
                raise refuse(f"{self.at(key)}[{n}]", f"expected text, got {kind_of(v)}")
            if (found := _SURROGATE.search(v)) is not None:
                raise _unstorable(f"{self.at(key)}[{n}]", found)
        return tuple(value)

    def objects(self, key: str, *, required: bool = False) -> list[JsonObject]:
        value = self.raw(key, _MISSING if required else [])
        if not isinstance(value, list):
            raise refuse(self.at(key), f"expected a list, got {kind_of(value)}")
        return [JsonObject(v, f"{self.at(key)}[{n}]") for n, v in enumerate(value)]

    def ref(self, key: str, table: dict[str, Any], what: str, *, required: bool = False) -> str | None:
        value = self.raw(key, _MISSING if required else None)
        if value is None and not required:
            return None
        if not isinstance(value, str):
            raise refuse(self.at(key), f"expected a {what} id (text), got {kind_of(value)}")
        if value not in table:
            raise refuse(self.at(key), f"refers to {what} {value!r}, which is not in the bundle")
        return value

    def refs(self, key: str, table: dict[str, Any], what: str) -> tuple[str, ...]:
        """A list of ids, each referring to ``table`` (absent: none)."""
        value = self.raw(key, [])
        if not isinstance(value, list):
            raise refuse(self.at(key), f"expected a list of {what} ids, got {kind_of(value)}")
        for n, v in enumerate(value):
            if not isinstance(v, str):
                raise refuse(f"{self.at(key)}[{n}]", f"expected a {what} id (text), got "
                                                     f"{kind_of(v)}")
            if v not in table:
                raise refuse(f"{self.at(key)}[{n}]",
                             f"refers to {what} {v!r}, which is not in the bundle")
        return tuple(value)

    def ident(self, seen: dict[str, str]) -> str:
        value = self.text("id", nonempty=True)
        if value in seen:
            raise refuse(self.at("id"), f"duplicate id {value!r} (already used at {seen[value]})")
        seen[value] = self.path
        return value

    def done(self) -> None:
        unknown = sorted(set(self.data) - self.known)
        if unknown:
            raise refuse(self.path, f"unknown field {unknown[0]!r}")


def decode(data: dict[str, Any] | str | bytes) -> object:
    """Bytes or text → JSON values, refusing oversized, malformed or deeply nested input."""
    if isinstance(data, dict):
        parsed: object = data
    else:
        if isinstance(data, bytes | bytearray):
            if len(data) > MAX_BUNDLE_BYTES:
                raise _too_big(len(data))
            try:
                text = bytes(data).decode("utf-8-sig")
            except UnicodeDecodeError as exc:
                raise refuse("", f"the file is not UTF-8 text (byte {exc.start})") from None
        elif isinstance(data, str):
            if len(data) > MAX_BUNDLE_BYTES or len(data.encode("utf-8", "replace")) > MAX_BUNDLE_BYTES:
                raise _too_big(len(data.encode("utf-8", "replace")))
            text = data
        else:
            raise refuse("", f"expected JSON text or an object, got {type(data).__name__}")
        try:
            parsed = json.loads(text, object_pairs_hook=_no_duplicate_keys,
                                parse_constant=_no_constant)
        except RecursionError:
            raise refuse("", f"the JSON is nested too deeply (more than {MAX_DEPTH} levels)") from None
        except json.JSONDecodeError as exc:
            raise refuse(
                "", f"not valid JSON: {exc.msg} at line {exc.lineno} column {exc.colno}"
            ) from None
        except ValueError as exc:  # raised by the hooks below
            raise refuse("", str(exc)) from None
    _check_depth(parsed)
    return parsed


def _too_big(size: int) -> BundleError:
    return refuse(
        "", f"it is {size / 1024 / 1024:.1f} MB; bundles larger than "
        f"{MAX_BUNDLE_BYTES // 1024 // 1024} MB are refused"
    )


def _no_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out = dict(pairs)  # in C: a bundle of 100,000 entries has as many objects
    if len(out) != len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise ValueError(f"duplicate key {key!r} in a JSON object")
            seen.add(key)
    return out


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a number JSON allows")


def _check_depth(value: object) -> None:
    """Refuse more than MAX_DEPTH levels; only containers are visited (a bundle of 100,000
    entries holds over a million text and number values, none of which can nest)."""
    level: list[dict[str, Any] | list[Any]] = [value] if isinstance(value, dict | list) else []
    depth = 1  # of the values in ``level``
    while level:
        below: list[dict[str, Any] | list[Any]] = []
        for node in level:
            values = node.values() if isinstance(node, dict) else node
            if values and depth >= MAX_DEPTH:  # anything inside is one level too deep
                raise refuse("", f"the JSON is nested too deeply (more than {MAX_DEPTH} levels)")
            below += [v for v in values if isinstance(v, (dict, list))]  # tuple: faster here
        level = below
        depth += 1
