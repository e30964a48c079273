"""kg's SPARQL, one query per .rq file: the named queries users run
(`kg query NAME`, this folder) and the queries kg runs itself for the store,
the site, the exports and the CLI (`internal/`). Each file opens with a
header: `# name: purpose`, its parameters and its columns."""

from __future__ import annotations

import functools
from importlib.resources import files


@functools.cache
def internal_query(name: str) -> str:
    """The text of kg/queries/internal/<name>.rq."""
    return files("kg").joinpath("queries", "internal", f"{name}.rq").read_text(encoding="utf-8")
