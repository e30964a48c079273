"""The incremental link stage costs what a change touches: a change to one
kind of agreement joins that kind again alone, and a change to lines that
name no one resolves no one again; the derived graphs stay those of a build
from scratch (as in test_incremental_link.py)."""

from __future__ import annotations

import datetime as dt
import re
import shutil

import pytest

import kg.pipeline as pipeline
from kg.linkindex import IndexDb
from kg.model import Agreement, AgreementStatus, ItemRef, MeetingRef, Span
from kg.pipeline import build
from kg.rdf import MERGED_GRAPH
from kg.rdf.merged import agreement_join
from kg.resolve import normalize_name
from kg.store import GraphStore
from test_incremental_link import ROOT, _append, _generate, derived, from_scratch

FIRST = """Referat af møde i KD-Net, den 6. marts 2020

1. Rammeaftale 2021-2022 v. Anna Holm

Det indstilles, at KD-Net godkender udkastet.

Referat: Godkendt.

2. Styringsaftale 2021 v. Bo Dahl

Det indstilles, at KD-Net godkender udkastet.

Referat: Godkendt.
"""
# One item naming two kinds, neither with period or topic: two doubts at one line.
SECOND = """Referat af møde i KD-Net, den 9. september 2020

1. Rammeaftalen og styringsaftalen – tanker om fremtiden v. Anna Holm

Det indstilles, at KD-Net drøfter de to aftaler.

Referat: Drøftet.
"""


def _bare(kind: str, period: str = "", start: int = 3) -> Agreement:
    item = ItemRef(MeetingRef("kd-net", dt.date(2020, 9, 9)), "1")
    key = f"{kind}-{period or 'kd-net-2020-09-09-1'}-midtjylland"
    return Agreement(key, " ".join(p for p in (kind.capitalize(), period) if p), kind, item,
                     Span("b.txt", start, start + 5), period=period, status=AgreementStatus.DRAFT)


def test_a_doubt_is_about_the_handling_of_its_own_kind():
    mentions = [_bare("rammeaftale"), _bare("styringsaftale"), _bare("rammeaftale", "2021-2022", 20),
                _bare("styringsaftale", "2021", 30)]
    _, doubts = agreement_join(mentions)
    about = sorted((node.value.rsplit("/", 1)[1], doubt.message.split()[1]) for node, doubt in doubts)
    assert about == [("rammeaftale", "rammeaftale"), ("styringsaftale", "styringsaftale")], \
        "two kinds' doubts at one line must each be about its own kind's handling"


@pytest.fixture()
def recorded(monkeypatch):
    """The kinds whose mentions each incremental link read, and the names it resolved again."""
    calls: dict[str, list] = {"kinds": [], "names": [], "full": 0}
    mentions, resolve, full = IndexDb.mentions, pipeline._resolve_blocks, pipeline._link_all

    def read_mentions(self, kinds):
        calls["kinds"].append(sorted(kinds))
        return mentions(self, kinds)

    def resolve_blocks(extractions, names, index):
        calls["names"].append(set(names))
        return resolve(extractions, names, index)

    def link_all(*args):
        calls["full"] += 1
        return full(*args)
    monkeypatch.setattr(IndexDb, "mentions", read_mentions)
    monkeypatch.setattr(pipeline, "_resolve_blocks", resolve_blocks)
    monkeypatch.setattr(pipeline, "_link_all", link_all)
    monkeypatch.setattr(pipeline, "INCREMENTAL_SHARE", 1.0)
    return calls


def _rebuild(folder, store, recorded) -> None:
    """An update build, which must link incrementally."""
    recorded["full"] = 0
    assert not build([folder], store).failed
    assert recorded["full"] == 0, "the incremental link fell back to a full one"


def _built(paths, tmp_path) -> tuple:
    """(folder, store): copies of the documents at `paths`, built cold."""
    folder = tmp_path / "docs"
    folder.mkdir()
    for path in paths:
        shutil.copy(path, folder / path.name)
    store = GraphStore(tmp_path / "s")
    assert not build([folder], store).failed
    return folder, store


def test_a_change_to_one_kind_joins_that_kind_alone(tmp_path, recorded):
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "a.txt").write_text(FIRST, encoding="utf-8")
    (folder / "b.txt").write_text(SECOND, encoding="utf-8")
    store = GraphStore(tmp_path / "s")
    assert not build([folder], store).failed
    (folder / "a.txt").write_text(FIRST.replace("2021-2022", "2023-2024"), encoding="utf-8")
    _rebuild(folder, store, recorded)
    assert recorded["kinds"] == [["rammeaftale"]], "a.txt's styringsaftale mention is as before: not joined again"
    got, want = derived(store), from_scratch(folder)
    assert got == want, "after one kind's period changed, the derived graphs differ from a full build"
    (folder / "b.txt").write_text(SECOND.replace("Rammeaftalen og styringsaftalen", "Rammeaftalen"),
                                  encoding="utf-8")
    recorded["kinds"].clear()
    _rebuild(folder, store, recorded)
    assert "styringsaftale" in recorded["kinds"][0], "b.txt's styringsaftale mention is gone: that kind is joined again"
    assert derived(store) == from_scratch(folder), "after b.txt's styringsaftale went, the derived graphs differ"
    (folder / "b.txt").write_text(SECOND.replace("Rammeaftalen og styringsaftalen", "Rammeaftalen") +
                                  "\nMødet blev hævet kl. 15.00.\n", encoding="utf-8")
    recorded["kinds"].clear()
    _rebuild(folder, store, recorded)
    assert recorded["kinds"] == [["rammeaftale"]], "only the rammeaftale is mentioned in the changed document"
    assert derived(store) == from_scratch(folder), "after a change touching one kind, the derived graphs differ " \
                                                   "from a full build (another kind's doubts lost?)"


def test_a_line_naming_no_one_resolves_no_one_again(tmp_path, recorded):
    folder, store = _built(_generate(12, tmp_path / "gen", "minutes"), tmp_path)
    changed = sorted(folder.glob("*.txt"))[4]
    _append(changed, "Mødet blev hævet kl. 16.10.")
    _rebuild(folder, store, recorded)
    (facts,) = store.stored_facts([d for d in store.documents() if d.name == changed.name])
    # The line lengthens the last item (its presenters' sightings move); the attendance is as it was.
    listed = {normalize_name(a.name) for a in facts.attendance} - {normalize_name(p) for p in facts.items[-1].presenters}
    again = set().union(*recorded["names"])
    assert listed and not again & listed, f"names whose facts did not change were resolved again: {again & listed}"
    assert derived(store) == from_scratch(folder), "after a line naming no one, the derived graphs differ"
    _append(changed, "Referent: Ole Brandt Kjærsgaard")
    recorded["names"].clear()
    _rebuild(folder, store, recorded)
    assert normalize_name("Ole Brandt Kjærsgaard") in set().union(*recorded["names"]), "a name added must be resolved"
    assert derived(store) == from_scratch(folder), "after a name was added, the derived graphs differ"


CORPUS = ROOT.parent / "shared" / "corpus"


def test_a_span_cited_only_by_a_name_variant_leaves_the_merged_graph(tmp_path, recorded):
    """A line that only a person's name variant still cites (the people
    graph's evidence, copied into the merged graph) is no node of the merged
    graph, as in a build from scratch: the variant makes no span node."""
    folder, store = _built(sorted(CORPUS.glob("00[34]_*.txt")), tmp_path)
    changed = sorted(folder.glob("004_*.txt"))[0]
    _append(changed, "Afbud: Bodil Kragh")
    _rebuild(folder, store, recorded)
    text = changed.read_text(encoding="utf-8")
    # A member listed with an initial becomes the person sent apologies for: her absence line loses its record.
    listed = re.findall(r"^[A-ZÆØÅ][a-zæøå]+ [A-ZÆØÅ]\. [A-ZÆØÅ][a-zæøå]+", text, flags=re.M)[0]
    changed.write_text(text.replace(listed, "Bodil Kragh", 1), encoding="utf-8")
    _rebuild(folder, store, recorded)
    got, want = derived(store), from_scratch(folder)
    extra = sorted(set(got[MERGED_GRAPH.value]) - set(want[MERGED_GRAPH.value]))[:3]
    assert got == want, f"the merged graph differs from a full build: extra {extra}"
