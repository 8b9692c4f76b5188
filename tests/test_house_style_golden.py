"""The house-style examples, line for line (issue 14): each fixture bundle is imported into a
new database and its public minutes are compared with the example, line by line.

- ``tests/fixtures/house-style-parish.bundle.json`` -> ``tests/golden/house-style-parish.md``
  (the "Parish or town council" preset; the example of ``shared/examples``, unchanged);
- ``tests/fixtures/house-style-pcp.bundle.json`` -> ``tests/golden/house-style-pcp.md``
  (the "Police and Crime Panel" preset; the example, unchanged);
- ``tests/fixtures/house-style-committee.bundle.json`` -> ``tests/golden/house-style-committee.md``
  (a third house style, written for this test: a Welsh county borough council's scrutiny
  committee, "5.1" paragraphs, "AGREED", 24-hour times, actions inline and in a table).

What the fixtures record that the examples print without saying how (each a choice of the
clerk, not a rule of the app):

- parish, minute 114/26: the notes "Cllr Ravi Sandhu left the room." and "... returned to the
  room." carry no time (the example prints none; a note stamped with a time prints it, "left the
  room at 8.06 pm");
- pcp: the substitute is listed in the attendance in the place of the member sending apologies
  (attendance order is the clerk's); the actions are A7 and A8 (the panel's A1 to A6 were raised
  at earlier meetings: a bundle keeps its references).

No line of either example had to change: each follows from the rules of the house style.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from panel_minutes.models.export import render_markdown
from panel_minutes.models.store import Store
from panel_minutes.models.store.bundle_io import import_bundle

HERE = Path(__file__).parent
EXAMPLES = ("parish", "pcp", "committee")


@pytest.mark.parametrize("name", EXAMPLES)
def test_the_example_comes_line_for_line_from_its_bundle(name: str, tmp_path: Path) -> None:
    bundle = (HERE / "fixtures" / f"house-style-{name}.bundle.json").read_text(encoding="utf-8")
    expected = (HERE / "golden" / f"house-style-{name}.md").read_text(encoding="utf-8")
    store = Store(str(tmp_path / f"{name}.db"))
    try:
        got = render_markdown(store.load_document(import_bundle(store, bundle)))
    finally:
        store.close()
    got_lines, expected_lines = got.splitlines(), expected.splitlines()
    for number, (line, want) in enumerate(zip(got_lines, expected_lines, strict=False), 1):
        assert line == want, f"line {number} differs"
    assert len(got_lines) == len(expected_lines)
    assert got == expected  # and the file ends as the example does
