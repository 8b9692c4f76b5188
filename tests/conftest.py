"""Shared fixtures. Every test gets its own temporary database and data folder."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from panel_minutes.models.demo import write_demo
from panel_minutes.models.store import Store


@pytest.fixture(autouse=True)
def _isolated_data_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No test may touch the real user data dir: point platformdirs and the env at tmp_path."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg-config"))
    monkeypatch.setenv("PANEL_MINUTES_DB", str(tmp_path / "env-default.db"))


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "minutes.db"


@pytest.fixture
def store(db_path: Path) -> Iterator[Store]:
    s = Store(str(db_path))
    try:
        yield s
    finally:
        s.close()


@pytest.fixture
def demo(store: Store) -> tuple[Store, int]:
    """(store, meeting id) with the fictional demo panel and meetings written."""
    return store, write_demo(store)


# The shared Pilot helpers (tests/support.py), importable from here as from there.
from tests.support import FAST, TODAY, app_for, notices, settle, wait_for  # noqa: E402

__all__ = ["FAST", "TODAY", "app_for", "notices", "settle", "wait_for"]
