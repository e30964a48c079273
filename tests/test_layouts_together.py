"""Layouts whose readers meet: the structure a PDF page is cut into and the
participant lists read from it, meetings without a date, agenda tables whose
headings are lost. Snippets written for these tests, with invented people."""

from __future__ import annotations

from kg.extract import extract
from kg.resolve import derive_memberships, sightings
from kg.model import Role
from kg.pipeline import build
from kg.query import named_queries, run
from kg.read import read_bytes
from kg.resolve import resolve_people
from kg.segment import segment
from kg.store import GraphStore
from snippets import minutes_with_item


def _extract(text: str):
    return extract(segment(read_bytes(text.encode("utf-8"), "snippet.txt")))


# A PDF transcript: the agenda table is run onto one line and most of its
# items have no heading in the excerpt; the participant list follows the table
# without a colon and runs on into "Afbud:" and "Gæster:".
RUN_ON_AFTER_TABLE = (
    "Referat Styregruppe. Tirsdag 4. marts 2025 kl Mødelokale 3 Havnegade Vejle\n\n"
    "2 Indholdsfortegnelse 1. Godkendelse af dagsorden 2. Trafikplan 3. Budget 4. Eventuelt\n\n"
    "3 Deltagere Bo Dahl Skive Kommune Karen Juhl Region Midtjylland Ole Krog Lemvig Kommune "
    "Afbud: Eva Lund Odder Kommune Gæster: Jonas Brink Grøn Energi\n\n"
    "4 1. Godkendelse af dagsorden Sekretariatet indstiller, at dagsordenen godkendes. Godkendt.\n"
)


def test_a_list_after_an_agenda_table_with_lost_headings_is_read():
    ex = _extract(RUN_ON_AFTER_TABLE)
    assert sorted((a.name, a.status.value) for a in ex.attendance) == [
        ("Bo Dahl", "present"), ("Eva Lund", "absent"), ("Jonas Brink", "present"),
        ("Karen Juhl", "present"), ("Ole Krog", "present")]


UNDATED = (
    "Bestyrelsesmøde i Vandsamarbejdet Vest torsdag 9. oktober kl. 13.00\n\n"
    "Deltagere: Bo Dahl, Eva Lund og Ole Krog\n\n"
    "1. Godkendelse af dagsorden\n\nGodkendt.\n"
)


def test_attendance_of_an_undated_meeting_is_in_the_attendance_query(tmp_path):
    (tmp_path / "undated.txt").write_text(UNDATED, encoding="utf-8")
    store = GraphStore(None)
    build([tmp_path / "undated.txt"], store)
    rows = [{v.value: row[v.value] for v in result.variables}
            for result in [run(store, named_queries()["attendance"])] for row in result]
    assert sorted((r["person"].value, r["status"].value, r["meeting_date"].value) for r in rows) == [
        ("Bo Dahl", "present", ""), ("Eva Lund", "present", ""), ("Ole Krog", "present", "")]


def test_a_substitute_is_present_in_someones_place_and_never_a_member():
    ex = _extract("Referat af møde i Vandrådet, den 3. maj 2024\n\n"
                  "Deltagere: Bo Dahl og Eva Lund\n\nAfbud: Ole Krog, suppleant Lise Holm deltog\n\n"
                  "1. Eventuelt\n\nIntet.\n")
    lise = sorted((a.status.value, a.substitute_for) for a in ex.attendance if a.name == "Lise Holm")
    assert lise == [("present", "Ole Krog"), ("substitute", "Ole Krog")]
    roles = {m.role for m in derive_memberships([ex], resolve_people(sightings([ex]))) if m.person == "lise-holm"}
    assert roles == {Role.SUBSTITUTE}


def _roles(ex) -> set[tuple[str, str]]:
    return {(r.name, r.role.value) for r in ex.roles}


def test_a_role_heading_inside_a_members_list_gives_that_role_besides_membership():
    ex = _extract("Nyt fra foreningen\n\nForeningens hovedbestyrelse har følgende direktører som medlemmer:\n\n"
                  "Formand: Bo Dahl, Skive Kommune\n\nKredsformænd (Fødte medlemmer):\nEva Lund, Odder Kommune\n"
                  "Ole Krog, Lemvig Kommune\n")
    assert {("Eva Lund", "kredsformand"), ("Eva Lund", "medlem"), ("Ole Krog", "kredsformand"),
            ("Bo Dahl", "formand")} <= _roles(ex)
    assert ("Eva Lund", "formand") not in _roles(ex)


def test_a_generic_board_is_the_board_of_the_organisation_the_text_names():
    ex = _extract("Referat Bestyrelse. Mandag 3. marts 2025\n\nDeltagere: Bo Dahl, Eva Lund\n\n"
                  "1. Godkendelse af dagsorden\n\nSekretariatet indstiller, at bestyrelsen for "
                  "Kommunaldirektørforeningen godkender dagsordenen.\n")
    assert ex.meetings[0].ref.body == "komdir"
    assert any("read as the board of" in w.message for w in ex.warnings)


def test_a_generic_board_is_the_organisation_named_most_often():
    ex = _extract("Referat Bestyrelse. Mandag 3. marts 2025\n\nDeltagere: Bo Dahl, Eva Lund\n\n"
                  "1. Strategi\n\nBRN skal styrke sin rolle. Sekretariatet for BRN udarbejder et oplæg.\n")
    assert ex.meetings[0].ref.body == "brn"


def test_a_board_whose_owner_the_text_does_not_name_stays_the_documents_own():
    ex = _extract("Referat Bestyrelse. Mandag 3. marts 2025\n\nDeltagere: Bo Dahl, Eva Lund\n\n"
                  "1. Godkendelse af dagsorden\n\nGodkendt.\n")
    assert ex.meetings[0].ref.body == "bestyrelse-snippet-txt"


SHARED_NAME_PAGE = ("Medlemmer af Sundhedskoordinationsudvalget\n\n"
                    "KKR har udpeget følgende politikere til Sundhedskoordinationsudvalget:\n\n"
                    "• Bo Dahl (A), {0} Kommune\n• Eva Lund (V), {1} Kommune\n")


def test_a_name_several_regions_share_is_read_in_the_region_the_page_points_to():
    ex = _extract(SHARED_NAME_PAGE.format("Greve", "Faxe"))
    assert ex.meetings[0].ref.body == "sundhedskoordinationsudvalget-sjaelland"
    assert any("shared by bodies of several regions" in w.message for w in ex.warnings)


def test_a_name_several_regions_share_without_a_region_is_never_another_regions_body():
    ex = _extract(SHARED_NAME_PAGE.format("Greve", "Skive"))
    assert ex.meetings[0].ref.body == "sundhedskoordinationsudvalget-snippet-txt"
    assert {r.body for r in ex.roles if r.name == "Bo Dahl"} <= {"sundhedskoordinationsudvalget-snippet-txt",
                                                                "kommune-greve"}


def test_the_substitutes_an_item_approves_attend_as_substitutes():
    ex = _extract("Byrådet - Referat\n\nDato: 4. marts 2025\n\n1. Godkendelse af indkaldte stedfortrædere\n\n"
                  "Beslutning\n\nMads Holm og Rikke Sand godkendt\n")
    assert sorted((a.name, a.status.value, a.group) for a in ex.attendance) == [
        ("Mads Holm", "present", "suppleant"), ("Rikke Sand", "present", "suppleant")]


def test_a_word_of_the_next_part_glued_to_a_name_is_no_surname():
    ex = minutes_with_item("Ikke til stede: Bo Dahl, Eva Lund Dagsordenen godkendt.")
    assert {m.name for m in ex.mentions} == {"Bo Dahl", "Eva Lund"}


def test_a_decision_run_on_after_its_section_word_makes_the_document_minutes():
    text = ("Bestyrelsesmøde i Vandsamarbejdet Vest torsdag 9. oktober 2025\n\n"
            "1. Velkomst\n\nSekretariatet indstiller, at mødet åbnes.\n\n"
            "Referat Godkendt. Sekretariatet indstiller, at budgettet drøftes.\n\n2. Budget\n\nIntet.\n")
    assert _extract(text).meetings[0].kind.value == "minutes"
