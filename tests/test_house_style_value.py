"""The house style value: stored as the fields that differ from the default, read back checked."""

from __future__ import annotations

from pathlib import Path

import pytest

from panel_minutes.models.house_style import DEFAULT, PRESETS, HouseStyle, TimeStyle, preset
from panel_minutes.models.parsing import minutes_time


def test_each_preset_round_trips_through_its_stored_form() -> None:
    for candidate in PRESETS:
        assert HouseStyle.from_json(candidate.style.to_json()) == candidate.style


def test_the_default_is_stored_as_an_empty_object() -> None:
    assert DEFAULT.to_json() == "{}"
    assert HouseStyle.from_json("") == DEFAULT


def test_three_presets_a_new_panel_can_start_from() -> None:
    assert {p.key for p in PRESETS} >= {"default", "pcp", "parish"}
    assert preset("pcp").style.times is TimeStyle.TWELVE


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ('{"times": "noon"}', "times"),
        ('{"year_start_month": 13}', "year_start_month"),
        ('{"say_none_declared": "yes"}', "say_none_declared"),
        ('{"colour": "red"}', "colour"),
        ('{"phrases": [1]}', "phrases"),
        ("[1]", "object"),
    ],
)
def test_a_wrong_setting_is_refused_naming_it(text: str, names: str) -> None:
    with pytest.raises(ValueError, match=names):
        HouseStyle.from_json(text)


@pytest.mark.parametrize(
    ("kept", "twelve", "shown"),
    [
        ("10:30", True, "10.30 am"),
        ("19:00", True, "7.00 pm"),
        ("00:05", True, "12.05 am"),
        ("12:00", True, "12.00 noon"),
        ("12:40", True, "12.40 pm"),
        ("10:30", False, "10:30"),
        ("after lunch", True, "after lunch"),
    ],
)
def test_times_are_printed_in_the_house_style(kept: str, twelve: bool, shown: str) -> None:
    assert minutes_time(kept, twelve) == shown


def test_attendance_and_declaration_settings_are_stored_and_checked() -> None:
    """The settings for the apologies sentence and declarations (HS-C): the default keeps
    today's wording; the pcp preset names substitutes in the apologies and declarations in
    paragraphs "in relation to item 4"."""
    from panel_minutes.models.house_style import NameStyle

    assert (DEFAULT.apologies_substitute_template, DEFAULT.procedural_names,
            DEFAULT.declarations_as_list, DEFAULT.declaration_item_template) == (
        "", NameStyle.FULL, True, " ({ref})")
    pcp = preset("pcp").style
    assert pcp.apologies_substitute_template == ", for whom {substitute} substituted"
    assert pcp.procedural_names is NameStyle.SURNAME and not pcp.declarations_as_list
    assert DEFAULT.declaration_under_item and not pcp.declaration_under_item
    stored = pcp.to_json()
    assert '"declaration_item_template": ", in relation to {ref}."' in stored
    assert HouseStyle.from_json(stored) == pcp
    with pytest.raises(ValueError, match="procedural_names"):
        HouseStyle.from_json('{"procedural_names": "initials"}')
    with pytest.raises(ValueError, match="declarations_as_list"):
        HouseStyle.from_json('{"declarations_as_list": "no"}')


def test_action_table_rules_are_spaced_in_the_pcp_and_parish_presets_only() -> None:
    assert DEFAULT.spaced_table_rules is False
    assert preset("pcp").style.spaced_table_rules and preset("parish").style.spaced_table_rules
    assert HouseStyle.from_json('{"spaced_table_rules": true}').spaced_table_rules


def test_the_default_exempt_basis_follows_the_house_style(tmp_path: Path) -> None:
    """An item made exempt with no basis given gets the style's: Schedule 12A paragraph 3 for a
    panel, section 1(2) of the 1960 Act for a parish or town council (found in the
    walkthrough: a parish's Part 2 item was worded under Schedule 12A)."""
    from datetime import date

    from panel_minutes.models.agenda_import import ImportedItem
    from panel_minutes.models.domain import DEFAULT_EXEMPT_BASIS
    from panel_minutes.models.exempt import ACT_1960
    from panel_minutes.models.store import Store

    assert DEFAULT.default_exempt_basis == DEFAULT_EXEMPT_BASIS
    assert preset("parish").style.default_exempt_basis == ACT_1960
    store = Store(str(tmp_path / "m.db"))
    try:
        for key, expected in (("pcp", DEFAULT_EXEMPT_BASIS), ("parish", ACT_1960)):
            panel = store.create_panel(f"Brackenwold {key}", style=preset(key).style)
            meeting = store.create_meeting(panel.id, date(2026, 6, 3), standing_agenda=False)
            added = store.add_item(meeting.id, "Staffing matter", exempt=True)
            assert added.exempt_basis == expected
            plain = store.add_item(meeting.id, "Lease of the pavilion")
            assert store.update_item(plain.id, exempt=True).exempt_basis == expected
            store.import_agenda(meeting.id, [ImportedItem(title="Legal advice", exempt=True)])
            imported = [i for i in store.list_items(meeting.id) if i.title == "Legal advice"]
            assert imported[0].exempt_basis == expected
    finally:
        store.close()
