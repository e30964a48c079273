"""Nothing from a document can escape its place on a page, or make kg write
outside the site folder: markup is escaped everywhere (also inside the
search index's script), page file names are safe slugs, and names in other
scripts keep distinct IRIs and pages."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.danish import slug
from kg.errors import KgError
from kg.pipeline import build
from kg.rdf import body_iri
from kg.site import build_site, inside
from kg.site.data import page_path
from kg.store import GraphStore
from kg.vocab import ID_BASE

HOSTILE_NAME = '<b onmouseover="x()">Ib</b> Holm'
HOSTILE_TITLE = "Budget</script><script>alert(1)</script>"


def minutes(body: str, day: int) -> str:
    return (f"Referat af møde i {body}, den {day}. marts 2024\n\nDeltagere: Jens Hansen, Mette Holm\n\n"
            "1. Godkendelse af dagsorden v. Jens Hansen\nBeslutning:\nGodkendt.\n")


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory) -> Path:
    """A site whose store holds a person named with markup and an item titled
    with a script end tag (put in the store directly: kg's reader already
    drops tag-like text from documents, so the site must hold on its own)."""
    folder = tmp_path_factory.mktemp("hostile")
    (folder / "m.txt").write_text(minutes("KD-Net", 4), encoding="utf-8")
    store = GraphStore(None)
    build([folder / "m.txt"], store)
    store._store.update(f"""
        PREFIX foaf: <http://xmlns.com/foaf/0.1/> PREFIX dcterms: <http://purl.org/dc/terms/>
        DELETE {{ GRAPH ?g {{ ?p foaf:name ?n }} }} INSERT {{ GRAPH ?g {{ ?p foaf:name {_literal(HOSTILE_NAME)} }} }}
        WHERE {{ GRAPH ?g {{ ?p foaf:name ?n FILTER(?n = "Jens Hansen") }} }} ;
        DELETE {{ GRAPH ?g {{ ?i dcterms:title ?t }} }} INSERT {{ GRAPH ?g {{ ?i dcterms:title {_literal(HOSTILE_TITLE)} }} }}
        WHERE {{ GRAPH ?g {{ ?i dcterms:title ?t FILTER(?t = "Godkendelse af dagsorden") }} }}""")
    out = folder / "site"
    build_site(store, out)
    return out


def _literal(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def test_markup_in_names_and_titles_reaches_pages_as_text(hostile_site):
    pages = {p: p.read_text(encoding="utf-8") for p in hostile_site.rglob("*.html")}
    assert any("&lt;b onmouseover=" in text for text in pages.values()), "the hostile name is on no page"
    assert any("Budget&lt;/script&gt;&lt;script&gt;alert(1)" in text for text in pages.values())
    for path, text in pages.items():
        assert "<b onmouseover" not in text and "<script>alert(1)" not in text, path


def test_the_search_index_cannot_be_closed_by_a_title(hostile_site):
    index = (hostile_site / "search-index.js").read_text(encoding="utf-8")
    assert "</" not in index and "<b" not in index
    assert "\\u003cb onmouseover" in index


@pytest.mark.parametrize("tail", [
    "person/../../etc/passwd", "person/..", "/etc/passwd", "person/" + "x" * 400,
    "person/Aδελφός ü/ø", "meeting/kd-net/.hidden", "person/a\\b", "",
], ids=["dotdot", "dotdot-alone", "absolute", "very-long", "non-ascii", "hidden", "backslash", "empty"])
def test_page_paths_are_safe_slugs_inside_the_site(tail, tmp_path):
    path = page_path(ID_BASE + tail)
    parts = path.split("/")
    assert not path.startswith("/") and all(part and not part.startswith(".") for part in parts), path
    assert all(len(part.encode("utf-8")) <= 130 for part in parts), path
    assert inside(tmp_path.resolve(), path).is_relative_to(tmp_path.resolve())


def test_long_names_keep_distinct_pages():  # a 309-character body name once crashed kg site
    first, second = (page_path(f"{ID_BASE}body/{'navn' * 80}{end}") for end in ("a", "b"))
    assert first != second


def test_nothing_is_written_outside_the_site_folder(tmp_path):
    for relative in ("../escape.html", "/tmp/escape.html", "a/../../escape.html"):
        with pytest.raises(KgError, match="outside the site folder"):
            inside(tmp_path.resolve(), relative)


def test_distinct_names_in_other_scripts_get_distinct_iris_and_pages(tmp_path):
    assert slug("Aδελφόςudvalget") != slug("Aλλοςudvalget")
    assert body_iri("Aδελφόςudvalget") != body_iri("Aλλοςudvalget")
    for i, body in enumerate(["Aδελφόςudvalget", "Aλλοςudvalget"]):
        (tmp_path / f"{i}.txt").write_text(minutes(body, 3 + i), encoding="utf-8")
    store = GraphStore(None)
    build(sorted(tmp_path.glob("*.txt")), store)
    out = tmp_path / "site"
    build_site(store, out)
    bodies = sorted(p.name for p in (out / "body").iterdir())
    assert "aδελφοςudvalget.html" in bodies and "aλλοςudvalget.html" in bodies
