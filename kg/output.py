"""Writing outputs so that a kill, a full disk or a bad path never leaves a
half-written file or site where a good one was: everything is written under
a temporary name beside the target and renamed over it at the end.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

from kg.errors import KgError
from kg.store import process_alive

# A file in every site folder kg writes: only such a folder is replaced.
SITE_MARK = ".kg-site"


class OutputError(KgError):
    """An output file or folder cannot be written."""


def _problem(path: Path, exc: OSError) -> OutputError:
    return OutputError(f"cannot write {_show(path)}: {exc.strerror or exc}")


def _show(path: Path) -> str:
    return os.fsencode(str(path)).decode("utf-8", "backslashreplace")


@contextmanager
def atomic_file(target: Path) -> Iterator[BinaryIO]:
    """A binary stream whose content replaces `target` only when the block
    ends without an error; until then the previous file stays as it was."""
    folder = target.parent
    if not folder.is_dir():
        raise OutputError(f"cannot write {_show(target)}: the folder {_show(folder)} does not exist")
    if target.is_dir():
        raise OutputError(f"cannot write {_show(target)}: it is a folder")
    _clean_leftovers(target)
    try:
        handle, temp = tempfile.mkstemp(prefix=_temp_prefix(target), suffix=".tmp", dir=folder)
    except OSError as exc:
        raise _problem(target, exc) from exc
    try:
        with os.fdopen(handle, "wb") as stream:
            yield stream
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temp, 0o644)
        os.replace(temp, target)
    except OSError as exc:
        _remove(temp)
        raise _problem(target, exc) from exc
    except BaseException:
        _remove(temp)
        raise


def _temp_prefix(target: Path) -> str:
    """Temporary names carry the writer's process id, so the leftovers of a
    killed writer can be told from the files of one still writing."""
    return f".{target.name}.{os.getpid()}."


def _clean_leftovers(target: Path) -> None:
    """Remove temporary files and folders that killed writers left beside `target`."""
    prefix = f".{target.name}."
    try:
        entries = list(target.parent.iterdir())
    except OSError:
        return
    for entry in entries:
        if not entry.name.startswith(prefix) or not entry.name.endswith((".tmp", ".old")):
            continue
        pid = entry.name[len(prefix):].split(".", 1)[0]
        if pid.isdigit() and not process_alive(int(pid)):
            shutil.rmtree(entry, ignore_errors=True) if entry.is_dir() else _remove(str(entry))


def _remove(path: str) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass


@contextmanager
def atomic_folder(target: Path) -> Iterator[Path]:
    """A fresh temporary folder beside `target` that replaces it when the
    block ends without an error (so stale files of an earlier site go too).
    `target` must be new, empty, or a folder kg wrote before (it holds
    SITE_MARK): kg never replaces a folder of other files."""
    target = Path(os.path.abspath(target))
    if target.exists():
        if not target.is_dir():
            raise OutputError(f"cannot write into {_show(target)}: it is a file")
        if any(target.iterdir()) and not _is_site(target):
            raise OutputError(f"{_show(target)} is not empty and was not written by `kg site`; give a new or "
                              "empty folder (kg replaces the whole folder)")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        _clean_leftovers(target)
        temp = Path(tempfile.mkdtemp(prefix=_temp_prefix(target), suffix=".tmp", dir=target.parent))
    except OSError as exc:
        raise _problem(target, exc) from exc
    try:
        yield temp
        (temp / SITE_MARK).write_text("written by kg site; replaced whole on each run\n", encoding="utf-8")
        os.chmod(temp, 0o755)
        _swap(temp, target)
    except OSError as exc:
        shutil.rmtree(temp, ignore_errors=True)
        raise _problem(target, exc) from exc
    except BaseException:
        shutil.rmtree(temp, ignore_errors=True)
        raise


def _is_site(folder: Path) -> bool:
    """Written by kg: marked, or (before the mark existed) its index and search files."""
    return (folder / SITE_MARK).exists() or all(
        (folder / name).is_file() for name in ("index.html", "search-index.js", "static/search.js"))


def _swap(new: Path, target: Path) -> None:
    """Put `new` at `target`: the old folder is moved aside first and removed
    after, so at every moment `target` is the old site or the new one (or,
    for an instant between two renames, absent), never a mixture."""
    if not target.exists():
        os.rename(new, target)
        return
    old = Path(tempfile.mkdtemp(prefix=_temp_prefix(target), suffix=".old", dir=target.parent))
    os.rmdir(old)
    os.rename(target, old)
    try:
        os.rename(new, target)
    except OSError:
        os.rename(old, target)
        raise
    shutil.rmtree(old, ignore_errors=True)
