"""Writing files: the one way the app puts a file on disk (exports, bundles, rescued text,
backups).

A file is never written in place. The bytes go to a temporary file in the same folder, created
with exactly the file's mode (whatever the umask), are flushed to the disk (fsync), and only then
does the temporary file take the real name with one rename (then the folder is synced too). A
full disk, a kill or a power cut therefore leaves either the old file or the new one, whole, and
never a file cut off half way; a file readable by others never holds confidential text, even for
a moment, because the new file is a new inode with its own mode.

- ``write_atomic(path, data, mode)`` writes bytes;
- ``atomic_target(path, mode)`` hands out the temporary path for a file another library writes
  (SQLite's backup API), then does the same fsync and rename;
- ``move_into_place(tmp, path, mode)`` is that last step alone, for a file made aside first
  (a backup checked before it is kept).

With ``replace=False`` an existing file is refused (``FileExistsError``) and left as it was.
"""

from __future__ import annotations

import contextlib
import os
import secrets
from collections.abc import Iterator
from pathlib import Path

PUBLIC_MODE = 0o644  # public minutes: fit to publish
CONFIDENTIAL_MODE = 0o600  # full minutes, bundles, rescued text, backups


def temporary_name(path: Path) -> Path:
    """A hidden, unique name beside ``path`` (same folder, so the rename cannot cross disks)."""
    return path.with_name(f".{path.name}.{os.getpid()}-{secrets.token_hex(4)}.tmp")


def write_atomic(path: Path, data: bytes, mode: int, *, replace: bool = True) -> None:
    """Write ``data`` to ``path`` with exactly ``mode``, all or nothing (see the module)."""
    path = Path(path)
    if not replace and path.exists():
        raise FileExistsError(17, "File exists", str(path))
    tmp = temporary_name(path)
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode)
    try:
        try:
            os.fchmod(fd, mode)  # exactly this mode, whatever the umask
            view = memoryview(data)
            while view:
                written = os.write(fd, view)
                view = view[written:]
            os.fsync(fd)
        finally:
            os.close(fd)
        _rename(tmp, path, replace=replace)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


@contextlib.contextmanager
def atomic_target(path: Path, mode: int, *, replace: bool = True) -> Iterator[Path]:
    """A temporary path to fill (it does not exist yet); when the block ends without an error
    the file gets ``mode``, is synced and renamed to ``path``. On an error it is removed."""
    path = Path(path)
    tmp = temporary_name(path)
    try:
        yield tmp
        move_into_place(tmp, path, mode, replace=replace)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def move_into_place(tmp: Path, path: Path, mode: int, *, replace: bool = True) -> None:
    """Give the finished file ``tmp`` exactly ``mode``, sync it, and rename it to ``path`` (in
    the same folder); the folder is synced so the rename survives a power cut."""
    os.chmod(tmp, mode)
    fd = os.open(tmp, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
    _rename(tmp, path, replace=replace)


def _rename(tmp: Path, path: Path, *, replace: bool) -> None:
    if replace:
        os.replace(tmp, path)
    else:
        try:
            os.link(tmp, path)  # fails if ``path`` exists: no other writer is overwritten
        except FileExistsError:
            raise
        except OSError:  # a filesystem without hard links (FAT, some shares)
            if path.exists():
                raise FileExistsError(17, "File exists", str(path)) from None
            os.replace(tmp, path)
        else:
            os.unlink(tmp)
    sync_folder(path.parent)


def sync_folder(folder: Path) -> None:
    """Make a rename in ``folder`` durable (not possible everywhere: then it is skipped)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        with contextlib.suppress(OSError):  # some filesystems cannot fsync a folder
            os.fsync(fd)
    finally:
        os.close(fd)
