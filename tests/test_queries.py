"""Every named query parses, runs on a fixture store and yields its columns."""

from __future__ import annotations

import re

import pytest

from kg.query import named_queries, run

QUERIES = named_queries()


@pytest.mark.parametrize("name", sorted(QUERIES))
def test_query_documents_itself(name):
    text = QUERIES[name].text
    assert text.startswith(f"# {name}:"), "a query opens with '# name: purpose'"
    assert "# Columns:" in text
    for param in QUERIES[name].params:
        assert re.search(rf"^#\s+{param}\s", text, re.M), f"parameter {param} is not described"


@pytest.mark.parametrize("name", sorted(QUERIES))
def test_query_runs_and_returns_its_documented_columns(name, fixture_store):
    text = QUERIES[name].text
    documented = re.findall(r"^#\s{3}(\w+)\s", text.split("# Columns:")[1], re.M)
    result = run(fixture_store, QUERIES[name])
    assert [v.value for v in result.variables] == documented
    assert len(list(result)) > 0
