"""The wheel installs one top-level package, ``panel_minutes`` (issue 12, point 7).

The folders ``models/``, ``screens/`` and ``tui/`` stay where they are; the wheel installs them
as ``panel_minutes.models``, ``.screens`` and ``.tui``, so another installed package called
``models`` (or ``tui``, ``screens``) cannot shadow them. The test builds the wheel, installs it in
a fresh venv and runs the command line with dummy top-level ``models``, ``screens`` and ``tui``
packages first on the path: each raises on import, so one import left unconverted fails.

On a checkout from before the conversion it fails, by design: run ``python
tools/rename_packages.py`` (see its docstring) first.
"""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
import venv
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FOLDERS = ("models", "screens", "tui")  # folder names (the rename script leaves this file's)


def _run(args: list[str], cwd: Path, env: dict[str, str] | None = None) -> str:
    done = subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, f"{args}\n{done.stdout[-2000:]}\n{done.stderr[-2000:]}"
    return done.stdout


@pytest.mark.slow
def test_the_wheel_runs_next_to_other_models_screens_and_tui_packages(tmp_path: Path) -> None:
    assert (ROOT / "panel_minutes" / "__init__.py").exists(), (
        "no panel_minutes/ package yet: run `python tools/rename_packages.py` first")
    for folder in FOLDERS:
        link = ROOT / "panel_minutes" / folder
        assert link.is_symlink() and os.readlink(link) == os.path.join("..", folder)

    # The wheel holds the files themselves under panel_minutes/, and nothing at the top level.
    wheels = tmp_path / "wheels"
    _run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "-w", str(wheels),
          str(ROOT)], tmp_path)
    (wheel,) = wheels.glob("panel_minutes-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        infos = {info.filename: info for info in archive.infolist()}
    tops = {name.split("/")[0] for name in infos}
    assert {t for t in tops if not t.endswith(".dist-info")} == {"panel_minutes"}
    for inside in ("models/store/__init__.py", "screens/live.py", "tui/cli.py",
                   "tui/styles/live.tcss"):
        info = infos[f"panel_minutes/{inside}"]
        assert info.external_attr >> 28 != 0o12, f"{inside} is a symlink in the wheel"
        assert info.file_size > 100

    # A fresh venv with the wheel; its dependencies are this venv's (no download).
    fresh = tmp_path / "fresh"
    venv.EnvBuilder(with_pip=True).create(fresh)
    python = fresh / "bin" / "python"
    _run([str(python), "-m", "pip", "install", "--quiet", "--no-deps", str(wheel)], tmp_path)
    fresh_site = Path(_run([str(python), "-c", "import sysconfig; "
                            "print(sysconfig.get_paths()['purelib'])"], tmp_path).strip())
    (fresh_site / "test_dependencies.pth").write_text(
        sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")

    dummies = tmp_path / "dummies"
    for folder in FOLDERS:
        (dummies / folder).mkdir(parents=True)
        (dummies / folder / "__init__.py").write_text(
            f"raise ImportError('the other top-level {folder} package was imported')\n",
            encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME")}
    env["PYTHONPATH"] = str(dummies)  # first on the path: it would shadow a top-level models
    work = tmp_path / "elsewhere"
    work.mkdir()
    script = str(fresh / "bin" / "panel-minutes")
    db = str(work / "minutes.db")
    assert "panel-minutes" in _run([script, "--version"], work, env)
    assert "usage: panel-minutes" in _run([script, "--help"], work, env)
    assert "Wrote the demo meeting" in _run([script, "--db", db, "demo"], work, env)
    assert "Wessex Vale Police and Crime Panel" in _run([script, "--db", db, "list"], work, env)
    where = _run([str(python), "-c", "import panel_minutes.models.store as s; print(s.__file__)"],
                 work, env)
    assert where.startswith(str(fresh_site)), where  # the installed copy, not the checkout


def test_every_import_goes_through_panel_minutes() -> None:
    """Nothing imports a top-level ``models``, ``screens`` or ``tui`` any more (in a checkout
    they would still import, as a second copy of every module): the conversion script finds
    nothing left to do."""
    done = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "rename_packages.py"), "--check"],
        capture_output=True, text=True, timeout=120, check=False,
    )
    assert done.returncode == 0, done.stdout[-3000:]
