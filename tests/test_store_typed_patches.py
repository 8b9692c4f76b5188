"""The store's update_* methods are a typed boundary: a misspelt or mistyped field is a mypy
error at the call site, and the columns a method may set are exactly its patch's keys."""

from __future__ import annotations

import inspect
import re
from pathlib import Path

import pytest
from mypy import api as mypy_api

from models import patches
from models.store import Store
from models.store.actions import ACTION_FIELDS
from models.store.entries import ENTRY_FIELDS
from models.store.meetings import ATTENDANCE_FIELDS, ITEM_FIELDS
from models.store.panels import MEMBER_FIELDS, PANEL_FIELDS, PERSON_FIELDS

ROOT = Path(__file__).resolve().parent.parent

PATCH_OF = {
    "update_action": "ActionPatch",
    "update_entry": "EntryPatch",
    "update_meeting": "MeetingPatch",
    "update_attendance": "AttendancePatch",
    "update_declaration": "DeclarationPatch",
    "update_item": "ItemPatch",
    "update_panel": "PanelPatch",
    "update_person": "PersonPatch",
    "update_member": "MemberPatch",
}


@pytest.mark.parametrize("method", sorted(PATCH_OF))
def test_every_update_takes_its_typed_patch(method: str) -> None:
    params = inspect.signature(getattr(Store, method)).parameters.values()
    var_kw = [p for p in params if p.kind is inspect.Parameter.VAR_KEYWORD]
    assert [str(p.annotation) for p in var_kw] == [f"Unpack[{PATCH_OF[method]}]"]
    assert isinstance(getattr(patches, PATCH_OF[method]), type)


def test_settable_columns_are_the_patch_keys() -> None:
    assert ENTRY_FIELDS == set(patches.EntryPatch.__annotations__)
    assert ACTION_FIELDS == set(patches.ActionPatch.__annotations__)
    assert ITEM_FIELDS == set(patches.ItemPatch.__annotations__)
    assert ATTENDANCE_FIELDS == set(patches.AttendancePatch.__annotations__)
    assert PANEL_FIELDS == set(patches.PanelPatch.__annotations__)
    assert PERSON_FIELDS == set(patches.PersonPatch.__annotations__)
    assert MEMBER_FIELDS == set(patches.MemberPatch.__annotations__)


SNIPPET = '''
from models.domain import ItemKind
from models.store import Store


def edit(store: Store) -> None:
    store.update_item(1, title="Right", kind=ItemKind.STANDARD)
    store.update_item(1, titel="x")
    store.update_item(1, exempt="yes")
    store.update_entry(1, vote_for="3")
    store.update_person(1, nmae="Ann")
'''


def test_mypy_rejects_a_misspelt_or_mistyped_field(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)  # mypy finds models/ (and the project's settings) from here
    snippet = tmp_path / "caller.py"
    snippet.write_text(SNIPPET, encoding="utf-8")
    # The project's own settings and cache (.mypy_cache), so a run after `mypy` is quick.
    out, err, status = mypy_api.run([str(snippet)])
    assert status == 1, out + err
    errors = [int(n) for n in re.findall(r"caller\.py:(\d+): error:", out)]
    # One error for each bad line (8 to 11), none for the good call on line 7.
    assert errors == [8, 9, 10, 11], out
    assert 'Unexpected keyword argument "titel"' in out
    assert 'Unexpected keyword argument "nmae"' in out
