"""panel-minutes: the installed package. ``panel_minutes.models``, ``.screens`` and ``.tui`` are the
folders ``models/``, ``screens/`` and ``tui/`` at the top of the repository (symlinks here; the
wheel holds the files), so no top-level ``models`` package can clash with another project's."""
