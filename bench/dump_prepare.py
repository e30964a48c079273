#!/usr/bin/env python3
"""Dump what `kg.pipeline.prepare` makes of every document, so two versions
of the code can be compared byte for byte (the invariant of speed work).

Usage: python bench/dump_prepare.py OUT.jsonl DIR [DIR ...]
       python bench/dump_prepare.py --write-formats OUTDIR DIR [DIR ...]

One JSON line per document, in file-name order: its status, error, facts
JSON, document and metadata N-Quads, warnings and read warnings, and the
counts of its result. Compare two dumps with `cmp` or `diff`.
--write-formats writes each text file of the DIRs made into Word, HTML and
PDF (tests/documents.py) into OUTDIR, to dump as one more DIR, so the readers
of those formats are compared too (made once: a Word file's bytes differ from
one making to the next).
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg.pipeline import Plan, collect_paths, prepare  # noqa: E402

BUILT_AT = dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc)


def record(name: str, data: bytes) -> dict:
    """Everything prepare returns for one document, as plain JSON."""
    plan = Plan(Path(name), name, data, hashlib.sha256(data).hexdigest())
    prepared = prepare(plan, BUILT_AT, None)
    result = prepared.result
    return {
        "name": name, "status": result.status, "error": result.error,
        "meetings": result.meetings, "items": result.items, "recognised": result.recognised,
        "triples": result.triples, "encoding": result.encoding,
        "warnings": [str(w) for w in result.warnings], "read_warnings": [str(w) for w in result.read_warnings],
        "facts": prepared.facts if isinstance(prepared.facts, str) else repr(prepared.facts),
        "quads": (prepared.quads or b"").decode("utf-8"), "meta": (prepared.meta or b"").decode("utf-8"),
    }


def variants(path: Path) -> list[tuple[str, bytes]]:  # (file name, bytes)
    """The text file made into Word, HTML and PDF (as the format tests do)."""
    sys.path.insert(0, str(ROOT / "tests"))
    from documents import to_docx, to_html, to_pdf
    text = path.read_text(encoding="utf-8", errors="replace")
    out = []
    for suffix, make in ((".docx", to_docx), (".html", to_html), (".pdf", to_pdf)):
        try:
            out.append((f"{path.parent.name}_{path.name}{suffix}", make(text)))
        except Exception as exc:  # noqa: BLE001 - a fixture the maker cannot render is left out
            print(f"no {suffix} of {path}: {exc}", file=sys.stderr)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out", type=Path, help="the dump (a .jsonl file), or the folder of --write-formats")
    parser.add_argument("dirs", nargs="+", type=Path)
    parser.add_argument("--write-formats", action="store_true")
    args = parser.parse_args()
    paths = sorted(collect_paths(args.dirs), key=str)
    if args.write_formats:
        args.out.mkdir(parents=True, exist_ok=True)
        for path in paths:
            for name, data in variants(path) if path.suffix == ".txt" else ():
                (args.out / name).write_bytes(data)
        return
    with args.out.open("w", encoding="utf-8") as stream:
        for path in paths:
            stream.write(json.dumps(record(str(path), path.read_bytes()), ensure_ascii=False, sort_keys=True)
                         + "\n")


if __name__ == "__main__":
    main()
