"""The house style value: stored as the fields that differ from the default, read back checked."""

from __future__ import annotations

import pytest

from models.house_style import DEFAULT, PRESETS, HouseStyle, TimeStyle, preset


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
