"""Import isolation, checked in a fresh interpreter (``sys.modules`` of this one is polluted).

- The data layer (``models``: store, export, bundle) never loads Textual, so it can be used
  headless (the command line, scripts, tests) and stays independent of the UI.
- ``import panel_minutes.tui.cli`` loads neither SQLAlchemy nor Textual, so ``panel-minutes --version`` and
  ``--help`` answer at once and the app's first frame is not held up by the database layer.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest


def loaded_after(code: str) -> set[str]:
    """The module names loaded by a fresh interpreter after running ``code``."""
    script = f"{code}\nimport json, sys\nprint(json.dumps(sorted(sys.modules)))"
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120, check=False
    )
    assert result.returncode == 0, result.stderr
    return set(json.loads(result.stdout.strip().splitlines()[-1]))


def top_level(names: set[str], package: str) -> set[str]:
    return {n for n in names if n == package or n.startswith(package + ".")}


def test_data_layer_never_loads_textual() -> None:
    modules = loaded_after(
        "import panel_minutes.models, panel_minutes.models.store, panel_minutes.models.export.markdown, panel_minutes.models.bundle\n"
        "import panel_minutes.models.store.bundle_io, panel_minutes.models.demo, panel_minutes.models.db"
    )
    assert "panel_minutes.models.store" in modules and "panel_minutes.models.bundle" in modules  # the imports did happen
    assert "sqlalchemy" in modules
    assert top_level(modules, "textual") == set()
    assert top_level(modules, "panel_minutes.tui") == set() and top_level(modules, "panel_minutes.screens") == set()


def test_data_layer_at_work_never_loads_textual() -> None:
    """Not only importing: opening a store, writing the demo, exporting and importing a bundle."""
    modules = loaded_after(
        "import tempfile, os\n"
        "from panel_minutes.models.store import Store\n"
        "from panel_minutes.models.demo import write_demo\n"
        "from panel_minutes.models.bundle import export_bundle, dumps_bundle\n"
        "from panel_minutes.models.store.bundle_io import import_bundle\n"
        "from panel_minutes.models.export.markdown import render_markdown\n"
        "d = tempfile.mkdtemp()\n"
        "s = Store(os.path.join(d, 'a.db'))\n"
        "mid = write_demo(s)\n"
        "render_markdown(s.load_document(mid), full=True)\n"
        "t = Store(os.path.join(d, 'b.db'))\n"
        "import_bundle(t, dumps_bundle(export_bundle(s, mid)))\n"
        "s.close(); t.close()"
    )
    assert top_level(modules, "textual") == set()


@pytest.fixture(scope="module")
def cli_modules() -> set[str]:
    return loaded_after("import panel_minutes.tui.cli\npanel_minutes.tui.cli.build_parser()")


@pytest.mark.parametrize(
    "heavy", ["sqlalchemy", "sqlmodel", "textual", "panel_minutes.models.store", "panel_minutes.models.db", "rich"]
)
def test_cli_import_is_cheap(cli_modules: set[str], heavy: str) -> None:
    assert "panel_minutes.tui.cli" in cli_modules
    assert top_level(cli_modules, heavy) == set(), sorted(top_level(cli_modules, heavy))[:5]


def test_bundle_module_is_pure_python() -> None:
    """``panel_minutes.models.bundle`` validates without the database layer; the store half loads on import."""
    modules = loaded_after("import panel_minutes.models.bundle")
    assert top_level(modules, "sqlalchemy") == set()
    assert top_level(modules, "sqlmodel") == set()


def test_bundle_format_never_imports_the_store() -> None:
    """No cycle ``panel_minutes.models.bundle`` <-> ``panel_minutes.models.store.bundle_io``: the store imports the bundle
    format, never the other way round, not even lazily inside a function or for type checking
    (pyproject's import-linter contracts keep it so in CI; this is the same check in the suite)."""
    import grimp

    graph = grimp.build_graph("panel_minutes")
    bundle = {"panel_minutes.models.bundle"} | graph.find_descendants("panel_minutes.models.bundle")
    store = {"panel_minutes.models.store"} | graph.find_descendants("panel_minutes.models.store")
    direct = {
        (importer, imported)
        for importer in bundle
        for imported in graph.find_modules_directly_imported_by(importer)
        if imported in store
    }
    assert direct == set()
    assert not graph.chain_exists("panel_minutes.models.bundle", "panel_minutes.models.store", as_packages=True)
    assert graph.chain_exists("panel_minutes.models.store.bundle_io", "panel_minutes.models.bundle.read")  # the used way


def test_bundle_package_is_split_into_schema_read_and_write() -> None:
    """The records, reading (validation) and writing each have their own small module."""
    import importlib
    from pathlib import Path

    for name in ("schema", "fields", "read", "write"):
        module = importlib.import_module(f"panel_minutes.models.bundle.{name}")
        assert module.__file__ is not None
        lines = Path(module.__file__).read_text(encoding="utf-8").count("\n")
        assert lines < 450, f"models/bundle/{name}.py has {lines} lines"
