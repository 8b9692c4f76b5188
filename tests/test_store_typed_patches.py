"""The store's update_* methods are a typed boundary: a misspelt or mistyped field is a mypy
error at the call site, and every field a patch names is a column of its table."""

from __future__ import annotations

import inspect
import re
from pathlib import Path

import pytest
from mypy import api as mypy_api

from panel_minutes.models import patches
from panel_minutes.models import tables as t
from panel_minutes.models.store import Store

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


@pytest.mark.parametrize(("patch", "table"), [
    (patches.EntryPatch, t.Entry), (patches.ActionPatch, t.Action),
    (patches.MeetingPatch, t.Meeting), (patches.AttendancePatch, t.Attendance),
    (patches.DeclarationPatch, t.Declaration), (patches.ItemPatch, t.AgendaItem),
    (patches.PanelPatch, t.Panel), (patches.PersonPatch, t.Person),
    (patches.MemberPatch, t.Membership),
])
def test_every_patch_field_is_a_column_of_its_table(patch: type, table: type) -> None:
    columns = set(table.__table__.columns.keys())  # type: ignore[attr-defined]
    assert patches.columns(patch) <= columns - {"id"}


SNIPPET = '''
from panel_minutes.models.domain import ItemKind
from panel_minutes.models.store import Store


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
