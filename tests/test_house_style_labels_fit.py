"""Walkthrough: in Panel settings' House style tab (tab 4) the clerk read "Apologies substitute
tem" and "Declaration item templat": settings without a label of their own showed their field
name, cut at the Setting column. Every setting has a label that fits the column."""

from __future__ import annotations

import dataclasses

from panel_minutes.models.house_style import HouseStyle
from panel_minutes.models.house_style_labels import LABEL_WIDTH, LABELS, label


def test_every_setting_has_a_label_that_fits_the_column() -> None:
    fields = [f.name for f in dataclasses.fields(HouseStyle)]
    assert [f for f in fields if f not in LABELS] == []
    assert [label(f) for f in fields if len(label(f)) > LABEL_WIDTH] == []
