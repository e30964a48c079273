"""What the named queries read instead of walking the graph: the shortcuts
kg/queries/decisions.rq and agenda.rq take hold in the merged graph. An
item's decision is its one node <item>/decision; its outcome, sources and
body are read from the item and its meeting (kg:itemOutcome, kg:sources,
schema:organizer) instead of through the decision node, one look-up a row
fewer. These tests hold the merged graph to that, on the five full
documents (whose items are read in agendas and minutes that disagree) and on
the hand-written fixtures."""

from __future__ import annotations

import pytest

from kg.store import GraphStore

MERGED = "<https://kg.example/graph/merged>"


def _pairs(store: GraphStore, variables: str, where: str) -> set[tuple[str, ...]]:
    query = f"SELECT {variables} WHERE {{ GRAPH {MERGED} {{ {where} }} }}"
    return {tuple(term.value for term in row) for row in store.query(query)}


@pytest.fixture(params=["corpus_store", "fixture_store"])
def store(request) -> GraphStore:
    return request.getfixturevalue(request.param)


def test_an_items_decision_is_its_own_one_node(store):
    decisions = _pairs(store, "?i ?d", "?i kg:decision ?d")
    assert decisions, "the store has no decisions: the test would prove nothing"
    wrong = sorted((i, d) for i, d in decisions if d != f"{i}/decision")
    assert not wrong, f"a decision node that is not <item>/decision: {wrong[:3]}"


# Each: what a query now reads one way (from the item, or its meeting), what it read before (through the decision
# node), and what differs when they disagree.
_READ_TWO_WAYS = {
    "sources": ("?i kg:decision ?d . ?d kg:sources ?x", "?i kg:decision ?d . ?i kg:sources ?x",
                "decisions whose kg:sources differ from their item's"),
    "outcome": ("?i kg:decision ?d . ?d kg:outcome ?x", "?i kg:decision ?d . ?i kg:itemOutcome ?x",
                "items whose kg:itemOutcome differs from their decision's kg:outcome"),
    "body": ("?i kg:decision ?d . ?d prov:wasAttributedTo ?x",
             "?i kg:decision ?d ; kg:meeting ?m . ?m schema:organizer ?x",
             "decisions attributed to another body than their meeting's"),
}


@pytest.mark.parametrize("column", list(_READ_TWO_WAYS))
def test_a_decisions_column_read_from_its_item_is_the_same(store, column):
    through_decision, shortcut, differs = _READ_TWO_WAYS[column]
    by_decision = _pairs(store, "?i ?x", through_decision)
    by_item = _pairs(store, "?i ?x", shortcut)
    assert by_decision, f"no decision has its {column}: the test would prove nothing"
    assert by_decision == by_item, f"{differs}: {sorted(by_decision ^ by_item)[:3]}"


def test_the_decided_items_are_those_whose_decision_has_a_text(store):
    decided = _pairs(store, "?m ?i", "?m kg:decidedItem ?i")
    texted = _pairs(store, "?m ?i", "{ SELECT DISTINCT ?m ?i WHERE { ?i kg:decision ?d ; kg:meeting ?m . ?d kg:decisionText ?t } }")
    assert decided, "no item is decided: the test would prove nothing"
    assert decided == texted, f"kg:decidedItem differs from the items with a decision text: {sorted(decided ^ texted)[:3]}"
