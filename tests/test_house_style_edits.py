"""The rules behind editing a house style (issue 14, HS-A): a template is checked for its
placeholders and braces in one line naming the problem; one setting changes at a time, checked;
a preset keeps the panel's stock phrases; the numbering year; every setting has words."""

from __future__ import annotations

from dataclasses import fields, replace
from datetime import date

import pytest

from panel_minutes.models.house_style import (
    DEFAULT,
    PLACEHOLDERS,
    PRESETS,
    HouseStyle,
    TimeStyle,
    numbering_year,
    preset,
    template_problem,
    with_preset,
    with_setting,
)
from panel_minutes.models.house_style_labels import LABELS, as_line, from_line, label, value_words


def test_every_template_of_every_preset_passes_its_own_check() -> None:
    for candidate in PRESETS:
        for field in PLACEHOLDERS:
            value = getattr(candidate.style, field)
            for text in value if isinstance(value, tuple) else (value,):
                assert template_problem(field, text) is None, (candidate.key, field)


@pytest.mark.parametrize(
    ("field", "text", "problem"),
    [
        ("closing_template", "The meeting closed at {tim}.",
         "Unknown placeholder {tim}: this one knows {time}."),
        ("phrases", "The Chair at {now:%H}",
         "Unknown placeholder {now:%H}: this one knows {chair}, {now}, {presenter}."),
        ("apologies_template", "Apologies from {}.",
         "Unknown placeholder {}: this one knows {names}."),
        ("unanimous_words", "all {x}", "Unknown placeholder {x}: this one knows none."),
        ("closing_template", "Closed at {time.",
         "The braces do not pair up: write a placeholder as {name}, and a brace itself as "
         "{{ or }}."),
        ("closing_template", "Closed at time}.",
         "The braces do not pair up: write a placeholder as {name}, and a brace itself as "
         "{{ or }}."),
    ],
)
def test_a_wrong_template_is_refused_in_one_line_naming_it(
    field: str, text: str, problem: str
) -> None:
    assert template_problem(field, text) == problem


def test_doubled_braces_are_braces() -> None:
    assert template_problem("closing_template", "Closed at {time} {{sic}}.") is None


def test_a_template_added_later_knows_the_placeholders_its_presets_use(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # A field not (yet) listed in PLACEHOLDERS: what DEFAULT and the presets use is allowed.
    monkeypatch.delitem(PLACEHOLDERS, "heading_template")
    assert template_problem("heading_template", "{panel} on {date}") is None
    assert template_problem("heading_template", "{nope}") == (
        "Unknown placeholder {nope}: this one knows {date}, {kind}, {panel}, {time}, {venue}.")


def test_one_setting_changes_checked() -> None:
    assert with_setting(DEFAULT, "times", "12h").times is TimeStyle.TWELVE
    assert with_setting(DEFAULT, "times", TimeStyle.TWELVE).times is TimeStyle.TWELVE
    with pytest.raises(ValueError, match="year_start_month"):
        with_setting(DEFAULT, "year_start_month", 13)
    with pytest.raises(ValueError, match="colour"):
        with_setting(DEFAULT, "colour", "red")


def test_a_preset_keeps_the_panels_stock_phrases() -> None:
    mine = replace(DEFAULT, phrases=("Noted.",))
    assert with_preset(mine, preset("pcp")) == replace(preset("pcp").style, phrases=("Noted.",))


def test_the_numbering_year_starts_in_the_chosen_month() -> None:
    assert numbering_year(date(2027, 3, 9), 1) == 2027
    assert numbering_year(date(2027, 3, 9), 5) == 2026
    assert numbering_year(date(2027, 5, 1), 5) == 2027


def test_every_setting_has_a_label_and_words() -> None:
    for field in fields(HouseStyle):
        assert field.name in LABELS
        for candidate in PRESETS:
            assert value_words(candidate.style, field.name).strip()
    assert label("some_new_setting") == "Some new setting"
    assert value_words(preset("pcp").style, "times") == '12-hour clock: "10.30 am", "7.00 pm"'
    assert value_words(DEFAULT, "year_start_month") == "January (the calendar year)"


def test_a_line_break_is_typed_as_backslash_n() -> None:
    assert as_line(DEFAULT.signature_template).count("\\n") == 2
    assert from_line(as_line(DEFAULT.signature_template)) == DEFAULT.signature_template
