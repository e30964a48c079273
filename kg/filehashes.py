"""The content hashes of the files built before, by what `stat` says of
them, so that a rebuild does not read and hash a file whose metadata has not
changed (at 10,000 documents, reading and hashing every file cost seconds).

A file's entry is its absolute path with its size, modification and change
times (nanoseconds), inode and device: any write changes the change time
(ctime, which no user call sets back), so an entry that still matches names
the content that was hashed. The entry is not trusted when the file was
written within CLOCK_MARGIN_NS of being hashed: a write in the same clock
tick as the hash would leave every stat field as it was (git's "racy"
files). The known limit: a change made by going around the file system
(editing the disk's blocks, setting the clock back) that keeps size and both
times; `kg build --rehash` reads and hashes every file whatever its stat.

Kept in a small SQLite database beside the store (kg.store.FILE_HASHES),
outside the link stage's transaction: a wrong entry cannot occur (each one
states a hash of the file as its stat was then), and a lost one only costs a
hash.
"""

from __future__ import annotations

import os
import sqlite3
import time
from pathlib import Path

from kg.errors import StoreError

# A file changed this recently before its hash is hashed again next time.
CLOCK_MARGIN_NS = 2_000_000_000


def stat_key(info: os.stat_result) -> tuple[int, int, int, int, int]:
    return info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino, info.st_dev


class FileHashes:
    """(path, stat) -> sha256, in a SQLite database at `path` (None: in
    memory, for a store in memory). With `trust=False` (--rehash) every
    lookup misses, and the hashes found are recorded anew."""

    def __init__(self, path: Path | None, trust: bool = True):
        self.trust = trust
        self._pending: list[tuple] = []
        try:
            self._db = sqlite3.connect(":memory:" if path is None else str(path))
            self._db.execute("CREATE TABLE IF NOT EXISTS files (path BLOB PRIMARY KEY, size INTEGER, "
                             "mtime INTEGER, ctime INTEGER, inode INTEGER, device INTEGER, sha256 TEXT) "
                             "WITHOUT ROWID")
            self._db.commit()
            self._known = {row[0]: (tuple(row[1:6]), row[6]) for row in self._db.execute(
                "SELECT path, size, mtime, ctime, inode, device, sha256 FROM files")} \
                if trust else {}
        except sqlite3.Error as exc:
            raise StoreError(f"cannot open the file hashes beside the store ({path}): {exc}") from exc

    def known(self, path: Path, info: os.stat_result) -> str | None:
        """The content hash of `path` if its stat is the one it was hashed with."""
        entry = self._known.get(_key(path))
        return entry[1] if entry is not None and entry[0] == stat_key(info) else None

    def record(self, path: Path, info: os.stat_result, sha256: str) -> None:
        """`sha256` is the hash of `path` read after a stat gave `info`."""
        if max(info.st_mtime_ns, info.st_ctime_ns) > time.time_ns() - CLOCK_MARGIN_NS:
            return  # written too recently (or dated in the future): a change may yet keep every stat field
        key = _key(path)
        self._known[key] = (stat_key(info), sha256)
        self._pending.append((key, *stat_key(info), sha256))

    def save(self) -> None:
        """Write the entries recorded since the last save."""
        if not self._pending:
            return
        try:
            self._db.executemany("INSERT OR REPLACE INTO files VALUES (?, ?, ?, ?, ?, ?, ?)", self._pending)
            self._db.commit()
        except sqlite3.Error as exc:
            raise StoreError(f"could not write the file hashes beside the store: {exc}") from exc
        self._pending = []

    def close(self) -> None:
        self._db.close()


def _key(path: Path) -> bytes:
    return os.fsencode(os.path.abspath(path))
