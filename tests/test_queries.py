"""Every named query parses, runs on a fixture store and yields its columns."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import kg
from kg.errors import QueryError
from kg.query import bind, named_queries, parse_query, run

QUERY_FOLDER = Path(kg.__file__).parent / "queries"

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


def every_query_file() -> list[Path]:
    return sorted(QUERY_FOLDER.rglob("*.rq"))


@pytest.mark.parametrize("path", every_query_file(), ids=lambda p: str(p.relative_to(QUERY_FOLDER)))
def test_every_query_file_documents_itself_and_runs(path, corpus_store):
    """Named and internal queries alike: header, columns as documented, rows
    (on the corpus, where every kind of fact occurs)."""
    text = path.read_text(encoding="utf-8")
    assert text.startswith(f"# {path.stem}:"), "a query opens with '# name: purpose'"
    assert "# Parameters" in text and "# Columns:" in text, "a query documents its parameters and columns"
    query = parse_query(path.stem, text)
    documented = re.findall(r"^#\s{3}(\w+)\s", text.split("# Columns:")[1], re.M)
    result = run(corpus_store, query)
    assert [v.value for v in result.variables] == documented
    assert len(list(result)) > 0, f"{path.name} finds nothing in the corpus"


def test_no_sparql_outside_the_query_folder():
    """kg's code loads its queries from kg/queries; none is written inline."""
    # A command line in a help text (`kg query -e '...'`, `curl --data-urlencode query=...`) is an example for users,
    # not kg's code.
    inline = [f"{p}: {line.strip()}" for p in Path(kg.__file__).parent.rglob("*.py") if "queries" not in p.parts
              for line in p.read_text(encoding="utf-8").splitlines()
              if re.search(r"\b(SELECT|CONSTRUCT|ASK)\s+(DISTINCT\s+)?[?(*]", line) and "kg query -e" not in line and "--data-urlencode" not in line]
    assert inline == []


@pytest.mark.parametrize("path", every_query_file(), ids=lambda p: p.name)
def test_no_query_cuts_iris_apart(path):
    assert "STRAFTER" not in path.read_text(encoding="utf-8"), "use the concept's skos:notation or label"


def test_a_lookup_key_is_bound_lower_case_and_its_line_kept_only_when_given():
    query = parse_query("q", "# q: test\nSELECT ?p WHERE {\n  VALUES (?param_person ?param_person_key) { (UNDEF UNDEF) }\n"
                             "  ?p kg:lookupKey ?param_person_key .\n  ?p foaf:name ?n .\n}\n")
    assert query.params == ("person",), "the _key slot variable is derived, not a parameter"
    bound = bind(query, {"person": "Åse ØSTERBY"})
    assert '("Åse ØSTERBY" "åse østerby")' in bound, "the key is the lower-cased value, bound beside it"
    assert "?p kg:lookupKey ?param_person_key ." in bound, "a given parameter keeps its lookup line"
    unbound = bind(query, {})
    assert "kg:lookupKey" not in unbound, "without the parameter its lookup line is left out"
    assert "VALUES (?param_person ?param_person_key)" in unbound and "?p foaf:name ?n ." in unbound



def test_an_iri_slot_is_bound_to_the_node_the_parameter_spells_and_its_line_kept_only_when_given():
    query = parse_query("q", "# q: test\nSELECT ?c WHERE {\n  VALUES (?param_subject ?param_subject_iri) { (UNDEF UNDEF) }\n"
                             "  ?param_subject_iri kg:citation ?c .\n  ?x kg:citation ?c .  # without subject\n}\n")
    assert query.params == ("subject",), "the _iri slot variable is derived, not a parameter"
    bound = bind(query, {"subject": "https://kg.example/id/meeting/x/2020-01-02"})
    assert '("https://kg.example/id/meeting/x/2020-01-02" <https://kg.example/id/meeting/x/2020-01-02>)' in bound, \
        "the IRI is bound as a node beside the literal"
    unbound = bind(query, {})
    assert "?param_subject_iri kg:citation" not in unbound, "without the parameter the line starting from its node goes"
    assert "?x kg:citation ?c ." in unbound


def test_a_parameter_that_is_not_an_iri_is_refused_where_an_iri_is_expected():
    query = parse_query("q", "# q: test\nSELECT ?c WHERE {\n  VALUES (?param_subject ?param_subject_iri) { (UNDEF UNDEF) }\n"
                             "  ?param_subject_iri kg:citation ?c .\n}\n")
    with pytest.raises(QueryError, match="parameter subject must be an IRI"):
        bind(query, {"subject": "not an iri"})


def test_a_values_clause_repeated_in_sub_selects_is_bound_alike_everywhere():
    text = ("# q: test\nSELECT ?n WHERE {\n  { SELECT ?p WHERE {\n    VALUES (?param_kind ?param_kind_key) { (UNDEF UNDEF) }\n"
            "    ?p kg:kind ?param_kind_key .\n  } }\n  VALUES (?param_kind ?param_kind_key) { (UNDEF UNDEF) }\n"
            "  ?p kg:kind ?param_kind_key .\n  ?p foaf:name ?n .\n}\n")
    query = parse_query("q", text)
    assert query.params == ("kind",), "a repeated clause declares its parameters once"
    bound = bind(query, {"kind": "Rammeaftale"})
    assert bound.count('("Rammeaftale" "rammeaftale")') == 2, "every copy of the clause gets the value"
    assert "UNDEF" not in bound, "no copy is left unbound"
    assert bind(query, {}).count("kg:kind") == 0, "without the parameter every lookup line is left out"


def test_a_line_marked_with_or_without_a_parameter_is_kept_only_in_that_case():
    query = parse_query("q", "# q: test\nSELECT ?n WHERE {\n  VALUES (?param_body ?param_body_key) { (UNDEF UNDEF) }\n"
                             "  ?b kg:lookupKey ?param_body_key .\n  ?i kg:body ?b .  # with body\n"
                             "  { SELECT ?i ?b WHERE { ?i kg:body ?b } }  # without body\n  ?i foaf:name ?n .\n}\n")
    given, listing = bind(query, {"body": "Råd"}), bind(query, {})
    assert "?i kg:body ?b .  # with body" in given and "{ SELECT ?i ?b" not in given, "body= keeps only its own lines"
    assert "{ SELECT ?i ?b" in listing and "# with body" not in listing, "the listing keeps only its own lines"
    assert "?i foaf:name ?n ." in given and "?i foaf:name ?n ." in listing, "an unmarked line stays in both"


def test_a_line_marked_with_several_parameters_is_kept_when_any_of_them_is_given():
    query = parse_query("q", "# q: test\nSELECT ?n WHERE {\n  VALUES (?param_a ?param_b) { (UNDEF UNDEF) }\n"
                             "  ?i kg:a ?param_a .  # with a|b\n  ?i kg:all ?n .  # without a|b\n}\n")
    for params in ({"a": "x"}, {"b": "y"}, {"a": "x", "b": "y"}):
        assert "# with a|b" in bind(query, params) and "# without" not in bind(query, params), f"given {params}"
    assert "# with a|b" not in bind(query, {}) and "# without a|b" in bind(query, {}), "given neither"


def test_a_marker_naming_no_parameter_is_refused():
    with pytest.raises(QueryError, match="does not take"):
        parse_query("q", "# q: test\nSELECT ?n WHERE {\n  ?i foaf:name ?n .  # with body\n}\n")


def test_two_different_values_clauses_are_refused():
    text = ("# q: test\nSELECT ?n WHERE {\n  VALUES (?param_a) { (UNDEF) }\n  VALUES (?param_b) { (UNDEF) }\n"
            "  ?p foaf:name ?n .\n}\n")
    with pytest.raises(QueryError, match="different parameter VALUES clauses"):
        parse_query("q", text)

def _rows(store, name, params=None):
    result = run(store, QUERIES[name], params or {})
    names = [v.value for v in result.variables]
    return [{n: (row[n].value if row[n] is not None else None) for n in names} for row in result]


# (query, parameter, column holding what the parameter names)
NAMED_BY = [("agenda", "body", "body"), ("decisions", "body", "body"), ("members-of", "body", "body"),
            ("attendance", "body", "body"), ("attendance", "person", "person"), ("who-sits-where", "person", "person"),
            ("people", "person", "person"), ("referrals", "from", "from_body"), ("referrals", "to", "to_body"),
            ("agreements", "kind", "kind")]


@pytest.mark.parametrize("name,param,column", NAMED_BY, ids=[f"{q}-{p}" for q, p, _ in NAMED_BY])
def test_a_name_parameter_in_any_case_gives_the_listings_rows_for_that_name(name, param, column, corpus_store):
    listing = _rows(corpus_store, name)
    names = sorted({row[column] for row in listing if row[column]})
    assert names, f"{name} lists nothing on the corpus"
    for value in names[:: max(1, len(names) // 4)]:
        expected = [row for row in listing if row[column] == value]
        assert _rows(corpus_store, name, {param: value.upper()}) == expected, f"{name} {param}={value.upper()}"


def test_provenance_of_one_subject_is_that_subjects_rows_of_the_listing(corpus_store):
    listing = _rows(corpus_store, "provenance")
    subject = next(row["subject"] for row in listing if row["type"] == "agenda item")
    expected = [row for row in listing if row["subject"] == subject]
    assert _rows(corpus_store, "provenance", {"subject": subject}) == expected, \
        "subject= starts from the node and gives the listing's rows for it"
