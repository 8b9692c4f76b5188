"""panel_minutes.models.typed_path: a path as pasted from a file manager names the file."""

from __future__ import annotations

from pathlib import Path

from panel_minutes.models.typed_path import typed_path


def test_quoted_escaped_and_file_url_paths_name_the_file(tmp_path: Path) -> None:
    folder = tmp_path / "My Documents"
    folder.mkdir()
    agenda = folder / "agenda 1.docx"
    agenda.write_bytes(b"x")
    for typed in (f"'{agenda}' ", f'"{agenda}"', str(agenda).replace(" ", "\\ "),
                  "file://" + str(agenda).replace(" ", "%20"), f"  {agenda}\n"):
        assert typed_path(typed) == agenda, typed


def test_a_name_that_exists_as_typed_is_taken_as_typed(tmp_path: Path) -> None:
    odd = tmp_path / "'quoted'"
    odd.write_bytes(b"x")
    assert typed_path(str(odd)) == odd
