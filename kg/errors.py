"""One root error, a few families. Messages name the file, the line where
there is one, and the fix where we know it."""

from __future__ import annotations


class KgError(Exception):
    """Root of every error kg raises on purpose."""


class InputError(KgError):
    """A document cannot be read: missing, empty, binary, undecodable."""

    def __init__(self, path: str, problem: str):
        super().__init__(f"{path}: {problem}")
        self.path = path
        self.problem = problem


class StoreError(KgError):
    """The store cannot be opened, read or written."""


class QueryError(KgError):
    """A named query is unknown, malformed, or given bad parameters."""
