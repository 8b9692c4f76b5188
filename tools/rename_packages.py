#!/usr/bin/env python3
"""Install ``models/``, ``screens/`` and ``tui/`` as ``panel_minutes.models``, ``.screens`` and
``.tui`` (issue 12, point 7), with the folders left where they are.

What it does, on any checkout, as often as you like (a second run changes nothing):

1. ``panel_minutes/__init__.py`` and three relative symlinks ``panel_minutes/models -> ../models``
   (and ``screens``, ``tui``), to be committed in git. The wheel copies the files behind them;
   mypy, import-linter, pytest and ``python bench/run.py`` follow them as ordinary folders.
2. Every ``.py`` file under ``models/ screens/ tui/ tests/ bench/``: ``from models...``,
   ``import models.x as y``, dotted references (``models.db.BUSY_TIMEOUT_MS``, ``"tui.cli"`` for
   ``python -m``, ``"screens.help"`` in the help screen's table, code in ``-c`` strings) become
   ``panel_minutes.models...``; in tests, the bare quoted names (``"models"``) too.
3. ``pyproject.toml``: the entry point, the wheel's packages, mypy's files and overrides, the
   import-linter root package and contracts.
4. README's Development section: dotted module names, and one paragraph on the package names.
5. ``ruff check --select I --fix`` on the converted files (the imports sort anew), when ruff is
   installed next to the Python running this script.

Run it from anywhere: ``python tools/rename_packages.py`` (or ``--root PATH`` for another
checkout); ``--check`` only reports whether anything is left to convert (exit 1 if so).
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
from pathlib import Path

PACKAGE = "panel_minutes"
FOLDERS = ("models", "screens", "tui")
SOURCES = ("models", "screens", "tui", "tests", "bench")
INIT = f'''"""panel-minutes: the installed package. ``{PACKAGE}.models``, ``.screens`` and ``.tui`` are the
folders ``models/``, ``screens/`` and ``tui/`` at the top of the repository (symlinks here; the
wheel holds the files), so no top-level ``models`` package can clash with another project's."""
'''
README_MARK = "installed as one package, `panel_minutes`"
README_NOTE = (
    "The three folders are " + README_MARK + ": `models/`, `screens/` and `tui/` are\n"
    "`panel_minutes.models`, `panel_minutes.screens` and `panel_minutes.tui` (`panel_minutes/` holds\n"
    "relative symlinks to them; the wheel holds the files), so every import reads\n"
    "`from panel_minutes.models.store import Store`, and the wheel installs no top-level `models`\n"
    "that could clash with another package (`tests/test_package_names.py` installs it next to one).\n"
)


def submodules(root: Path, folder: str) -> list[str]:
    """The modules and packages directly inside ``folder``: what may follow ``folder.``."""
    names = set()
    for path in (root / folder).iterdir():
        if path.suffix == ".py" and path.stem != "__init__":
            names.add(path.stem)
        elif path.is_dir() and (path / "__init__.py").exists():
            names.add(path.name)
    return sorted(names, key=len, reverse=True)


# Not inside a longer name: no letter, dot, slash or hyphen before it; a "\n" escape in a code
# string ("import tui.cli\ntui.cli.build_parser()") counts as a line break.
START = r"(?:(?<![\w./-])|(?<=\\n))"


def python_rules(root: Path) -> list[tuple[re.Pattern[str], str]]:
    folders = "|".join(FOLDERS)
    rules = [
        # from models import x / from models.store import Store (also inside -c strings)
        (re.compile(rf"{START}from ({folders})(?=[.\s])"), rf"from {PACKAGE}.\1"),
        # import models / import tui (the bare package)
        (re.compile(rf"{START}import ({folders})(?=[\s,]|$)", re.M), rf"import {PACKAGE}.\1"),
    ]
    for folder in FOLDERS:
        subs = "|".join(re.escape(s) for s in submodules(root, folder))
        # models.db, "tui.cli", "screens.help", import models.x as y, models.db.BUSY_TIMEOUT_MS
        rules.append((re.compile(rf"{START}({folder})\.({subs})\b"), rf"{PACKAGE}.\1.\2"))
    return rules


# In tests only: the bare quoted package names ("models", "tui"), except a path joined with /
# and in the test of the package names itself, where they are the folders' names.
TEST_NAMES = re.compile(rf"(?<!/ )([\"'])({'|'.join(FOLDERS)})\1")
FOLDER_NAMES_KEPT_IN = "test_package_names.py"


def convert_python(text: str, rules: list[tuple[re.Pattern[str], str]], in_tests: bool) -> str:
    for pattern, replacement in rules:
        text = pattern.sub(replacement, text)
    if in_tests:
        text = TEST_NAMES.sub(rf"\1{PACKAGE}.\2\1", text)
        # grimp builds graphs of top-level packages only
        text = text.replace(f'grimp.build_graph("{PACKAGE}.models")',
                            f'grimp.build_graph("{PACKAGE}")')
    return text


def convert_pyproject(text: str, rules: list[tuple[re.Pattern[str], str]]) -> str:
    for pattern, replacement in rules[2:]:  # dotted names: the entry point, contracts
        text = pattern.sub(replacement, text)
    listed = r'\[\s*"(?:models|screens|tui)"(?:\s*,\s*"(?:models|screens|tui)")*\s*\]'
    text = re.sub(rf"(packages\s*=\s*){listed}", rf'\1["{PACKAGE}"]', text)
    text = re.sub(rf"(root_packages\s*=\s*){listed}", rf'\1["{PACKAGE}"]', text)
    text = re.sub(
        r'(\[tool\.mypy\][^\[]*?files\s*=\s*)\[[^\]]*\]', rf'\1["{PACKAGE}", "tests"]', text,
        flags=re.S,
    )
    text = re.sub(r'"(models|screens|tui)\.\*"', rf'"{PACKAGE}.\1.*"', text)
    # import-linter contracts: bare package names in their module lists
    head, sep, tail = text.partition("[tool.importlinter]")
    if sep:
        tail = re.sub(r'"(models|screens|tui)"', rf'"{PACKAGE}.\1"', tail)
    return head + sep + tail


def convert_readme(text: str, rules: list[tuple[re.Pattern[str], str]]) -> str:
    start = text.find("## Development")
    if start < 0:
        return text
    end = text.find("\n## ", start + 3)
    end = len(text) if end < 0 else end
    section = text[start:end]
    for pattern, replacement in rules[2:]:
        section = pattern.sub(replacement, section)
    if README_MARK not in section:
        anchor = section.find("\n\n", section.find("| `bench/`"))
        if anchor < 0:
            anchor = len(section)
        section = section[:anchor] + "\n\n" + README_NOTE.rstrip("\n") + section[anchor:]
    return text[:start] + section + text[end:]


def ensure_package(root: Path, check: bool) -> list[str]:
    changed = []
    package = root / PACKAGE
    init = package / "__init__.py"
    if not init.exists():
        changed.append(str(init.relative_to(root)))
        if not check:
            package.mkdir(exist_ok=True)
            init.write_text(INIT, encoding="utf-8")
    for folder in FOLDERS:
        link = package / folder
        target = Path("..") / folder
        if link.is_symlink() and Path(link.readlink()) == target:
            continue
        if link.exists() or link.is_symlink():
            raise SystemExit(f"{link} exists and is not the symlink -> {target}: move it away")
        changed.append(f"{link.relative_to(root)} -> {target}")
        if not check:
            link.symlink_to(target, target_is_directory=True)
    return changed


def python_files(root: Path) -> list[Path]:
    files: list[Path] = []
    for folder in SOURCES:
        base = root / folder
        if base.is_dir():
            files += [p for p in sorted(base.rglob("*.py")) if "__snapshots__" not in p.parts]
    return files


def rewrite(path: Path, new: str, check: bool, changed: list[str], root: Path) -> None:
    old = path.read_text(encoding="utf-8")
    if new != old:
        changed.append(str(path.relative_to(root)))
        if not check:
            path.write_text(new, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--root", type=Path, default=Path(__file__).resolve().parent.parent)
    parser.add_argument("--check", action="store_true", help="only report what is left to do")
    args = parser.parse_args(argv)
    root: Path = args.root.resolve()
    changed = ensure_package(root, args.check)
    rules = python_rules(root)
    converted = []
    for path in python_files(root):
        in_tests = path.relative_to(root).parts[0] == "tests" and path.name != FOLDER_NAMES_KEPT_IN
        text = path.read_text(encoding="utf-8")
        before = len(changed)
        rewrite(path, convert_python(text, rules, in_tests), args.check, changed, root)
        if len(changed) > before:
            converted.append(path)
    pyproject = root / "pyproject.toml"
    rewrite(pyproject, convert_pyproject(pyproject.read_text(encoding="utf-8"), rules),
            args.check, changed, root)
    readme = root / "README.md"
    if readme.exists():
        rewrite(readme, convert_readme(readme.read_text(encoding="utf-8"), rules), args.check,
                changed, root)
    for line in changed:
        print(("to convert: " if args.check else "converted: ") + line)
    if args.check:
        return 1 if changed else 0
    ruff = shutil.which("ruff", path=str(Path(sys.executable).parent)) or shutil.which("ruff")
    if converted and ruff:
        subprocess.run([ruff, "check", "--select", "I", "--fix", "--quiet",
                        *(str(p) for p in converted)], cwd=root, check=False)
    elif converted:
        print("ruff not found: run `ruff check --select I --fix .` to sort the imports anew")
    print(f"{len(changed)} change(s); run it again to check: it should report none.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
