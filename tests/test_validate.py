"""SHACL validation (kg/shapes.ttl): the corpus build and the fixture build
meet every shape, a broken fact is reported with its source, and `kg
validate` prints each result and says by its exit code whether any failed."""

from __future__ import annotations

from click.testing import CliRunner

from conftest import DATA
from kg.cli import cli
from kg.pipeline import build
from kg.rdf.validation import validate_triples
from kg.store import GraphStore

ORG_ROLE = "http://www.w3.org/ns/org#role"
MEMBERSHIP = "http://www.w3.org/ns/org#Membership"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"


def violations(results) -> list[str]:
    return [r.line() for r in results if r.severity == "violation"]


def test_the_corpus_build_meets_every_shape(corpus_store):
    found = violations(validate_triples(corpus_store.merged_triples()))
    assert found == [], "the corpus build violates the shapes:\n" + "\n".join(found[:20])


def test_the_fixture_build_meets_every_shape(fixture_store):
    found = violations(validate_triples(fixture_store.merged_triples()))
    assert found == [], "the fixture build violates the shapes:\n" + "\n".join(found[:20])


def test_a_membership_without_its_role_is_reported_with_its_source(corpus_store):
    triples = list(corpus_store.merged_triples())
    stated = sorted({str(q.subject) for q in triples if q.predicate.value == RDF_TYPE
                     and q.object.value == MEMBERSHIP and "/municipality-" not in str(q.subject)})
    broken = stated[0]
    without_role = [q for q in triples if not (str(q.subject) == broken and q.predicate.value == ORG_ROLE)]
    found = [r for r in validate_triples(without_role) if r.severity == "violation"]
    assert [(f"<{r.node}>", "org:role" in r.message) for r in found] == [(broken, True)], \
        "removing a membership's role is not reported as that membership's one violation"
    assert found[0].source.count(":") == 1 and found[0].source.split(":")[1].isdigit(), \
        f"the violation does not cite file:line ({found[0].source!r})"


def test_kg_validate_prints_the_results_and_exits_0_on_a_valid_store(tmp_path):
    store = GraphStore(tmp_path / "s")
    assert not build([DATA / "chapter_numbered" / "kkr_agenda.txt"], store).failed
    store.close()
    result = CliRunner().invoke(cli, ["validate", "--store", str(tmp_path / "s")])
    assert result.exit_code == 0, result.output + result.stderr
    assert "0 violations" in result.stderr


def test_the_corpus_build_has_no_shape_warnings_either(corpus_store):
    found = [r.line() for r in validate_triples(corpus_store.merged_triples())]
    assert found == [], "the corpus build has shape results:\n" + "\n".join(found[:20])


TARGET_MEETING = "https://kg.example/def#targetMeeting"
MEETING = "https://kg.example/def#Meeting"
COMMENT = "http://www.w3.org/2000/01/rdf-schema#comment"


def test_a_meeting_known_only_as_a_flows_target_is_a_typed_meeting_that_says_so(corpus_store):
    triples = list(corpus_store.merged_triples())
    targets = {q.object.value for q in triples if q.predicate.value == TARGET_MEETING}
    documented = {q.subject.value for q in triples if q.predicate.value == "https://kg.example/def#documentedIn"}
    only_targets = targets - documented
    assert only_targets, "the corpus has flows to meetings no document describes"
    typed = {q.subject.value for q in triples if q.predicate.value == RDF_TYPE and q.object.value == MEETING}
    noted = {q.subject.value for q in triples if q.predicate.value == COMMENT and "no document" in q.object.value}
    assert only_targets <= typed, f"untyped target meetings: {sorted(only_targets - typed)[:3]}"
    assert only_targets - {m for m in only_targets if any(
        q.subject.value == m and q.predicate.value == "https://kg.example/def#scheduledIn" for q in triples)} <= noted
