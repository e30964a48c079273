"""Decisions, referrals, calendars and agreements: table-driven snippets
written for these tests, and the chains the corpus must yield whole."""

from __future__ import annotations

import datetime as dt

import pytest
from click.testing import CliRunner

from conftest import extract_path, build_ok, build_cli_ok
from kg.cli import cli
from kg.extract.outcome import classify_outcome
from kg.model import Outcome
from snippets import minutes_with_item

OUTCOMES = [
    ("Godkendt", "", Outcome.APPROVED),
    ("Indstillingen blev tiltrådt.", "", Outcome.APPROVED),
    ("Gruppen tog orienteringen til efterretning.", "", Outcome.NOTED),
    ("Der blev givet en status på arbejdet.", "", Outcome.NOTED),
    ("Sagen blev drøftet.", "", Outcome.DISCUSSED),
    ("Ikke behandlet. Se eftersendt mail.", "", Outcome.NOT_TREATED),
    # A future approval elsewhere approves nothing here.
    ("Sagen blev drøftet. Aftalen skal efterfølgende godkendes i byrådene.",
     "Det indstilles, at gruppen godkender udkastet", Outcome.DISCUSSED),
    # What the recommendation asked for wins when the decision confirms it.
    ("Formanden indledte med at sige, at budgettet er godkendt. Drøftelsen fortsætter senere.",
     "Det indstilles, at gruppen drøfter sagen", Outcome.DISCUSSED),
    ("Formanden har jubilæum til næste år.", "", Outcome.UNCLEAR),
    ("", "Det indstilles, at gruppen godkender sagen", Outcome.NONE),
]


@pytest.mark.parametrize("decision, recommendation, expected", OUTCOMES, ids=[
    "godkendt", "tiltraadt", "efterretning", "status", "droeftet", "ikke-behandlet", "future-approval",
    "asked-and-confirmed", "no-cue", "agenda"])
def test_outcome(decision, recommendation, expected):
    assert classify_outcome(decision, recommendation) is expected


def test_any_other_business_with_information_is_noted():
    assert classify_outcome("Formanden har jubilæum til næste år.", "", "Eventuelt") is Outcome.NOTED


P, H = "planned", "happened"
REFERRALS = [
    ("KD-Net indstiller til KKR Midtjylland, at kontrakten godkendes.",
     [("kd-net", "kkr-midtjylland", None, 0, P)]),
    ("Sagen forelægges KKR Midtjylland den 10. juni 2024.",
     [("kd-net", "kkr-midtjylland", dt.date(2024, 6, 10), 0, P)]),
    ("Aftalen behandles på KKR-mødet den 10. juni 2024 og efterfølgende godkendes i byrådene samt regionsrådet.",
     [("kd-net", "kkr-midtjylland", dt.date(2024, 6, 10), 0, P),
      ("kkr-midtjylland", "kommunalbestyrelser-midtjylland", None, 1, P),
      ("kkr-midtjylland", "regionsraadet-midtjylland", None, 1, P)]),
    ("Aftalen sendes til godkendelse i KKR den 10. juni 2024 og til orientering i regionsrådet den 20. juni 2024.",
     [("kd-net", "kkr-midtjylland", dt.date(2024, 6, 10), 0, P),
      ("kd-net", "regionsraadet-midtjylland", dt.date(2024, 6, 20), 0, P)]),
    ("Uddannelsesstyregruppen har indstillet sagen via KD-Net til Uddannelsesudvalget under KKR Midtjylland.",
     [("uddannelsesstyregruppen-midtjylland", "kd-net", None, 0, H),
      ("kd-net", "uddannelsesudvalget-kkr-midtjylland", None, 1, H)]),
    ("- Behandles i Sundhedsstyregruppen den 20. juni 2024\n- Behandles i Sundhedskoordinationsudvalget den 1. juli 2024",
     [("kd-net", "sundhedsstyregruppen-midtjylland", dt.date(2024, 6, 20), 0, P),
      ("sundhedsstyregruppen-midtjylland", "sundhedskoordinationsudvalget-midtjylland", dt.date(2024, 7, 1), 1, P)]),
    ("På mødet i KKR Midtjylland den 10. juni får KKR forelagt oplægget.",
     [("kd-net", "kkr-midtjylland", dt.date(2024, 6, 10), 0, P)]),
    # Past flows are facts too; "vil blive sendt" looks ahead.
    ("Oplægget blev fremsendt til KKR Midtjylland fra DASSOS den 1. februar 2024.",
     [("dassos", "kkr-midtjylland", dt.date(2024, 2, 1), 0, H)]),
    ("Notatet vil blive sendt til orientering i KKR den 10. juni 2024.",
     [("kd-net", "kkr-midtjylland", dt.date(2024, 6, 10), 0, P)]),
    ("KKR Midtjylland har sendt oplægget til kommuner og region i perioden 1. marts til 1. april 2024.",
     [("kkr-midtjylland", "kommunalbestyrelser-midtjylland", None, 0, H),
      ("kkr-midtjylland", "regionsraadet-midtjylland", None, 0, H)]),
    # The agent of a passive sends; the meeting's own body does not send to itself.
    ("Notatet fremsendes med anbefaling fra KKR til byrådene.",
     [("kkr-midtjylland", "kommunalbestyrelser-midtjylland", None, 0, P)]),
    ("Den administrative styregruppe (DASSOS) har lavet et oplæg, der hermed fremsendes til KD-Net.",
     [("dassos", "kd-net", dt.date(2024, 5, 3), 0, H)]),
    # Bodies outside the reference data.
    ("Rapporten godkendes af KKR Midtjylland den 10. juni inden fremsendelse til Sundhedsstyrelsen.",
     [("kd-net", "kkr-midtjylland", dt.date(2024, 6, 10), 0, P), ("kkr-midtjylland", "sundhedsstyrelsen", None, 1, P)]),
    # "inden" orders two hops of one sentence only.
    ("Oplægget opdateres med input fra KD-Net inden fremsendelse til KKR Midtjylland.",
     [("kd-net", "kkr-midtjylland", None, 0, P)]),
    ("Det er vigtigt, at Region Midtjylland bruger KD-Net som indgang.", []),
    # A step after parallel receivers moves on from each of them.
    ("- Sagen drøftes i KOSU og DASSOS\n- Behandles på næste møde i KD-Net 13. juni 2024",
     [("kd-net", "kosu", None, 0, P), ("kd-net", "dassos", None, 0, P),
      ("dassos", "kd-net", dt.date(2024, 6, 13), 2, P), ("kosu", "kd-net", dt.date(2024, 6, 13), 1, P)]),
    # A body that brings a proposal "til drøftelse" brings it to this meeting.
    ("Uddannelsesstyregruppen fremlægger et oplæg om praktikpladser til drøftelse.",
     [("uddannelsesstyregruppen-midtjylland", "kd-net", dt.date(2024, 5, 3), 0, H)]),
    # Receivers listed with people first.
    ("Sundhedsstyrelsen har sendt et brev til formændene for styregrupperne og KL om planen.",
     [("sundhedsstyrelsen", "kl", None, 0, H)]),
]


@pytest.mark.parametrize("text, expected", REFERRALS, ids=[
    "indstiller-til", "forelaegges-with-date", "chain-then-parallel", "parallel-og", "via-chain",
    "dated-process-list", "faar-forelagt-meeting-named-before", "past-tense", "future-passive",
    "past-to-councils", "agent-fra", "to-this-meeting", "external-agency", "inden-one-sentence", "no-flow",
    "after-parallel", "fremlaegger-til-droeftelse", "people-then-body"])
def test_referrals(text, expected):
    ex = minutes_with_item(text)
    flows = [r for r in ex.referrals if r.from_body and not r.general]
    assert [(r.from_body, r.to_body, r.target_date, r.continues, r.status) for r in flows] == expected


def test_general_description_is_a_rule_not_a_flow():
    ex = minutes_with_item("Planen, som KKR Midtjylland sender til godkendelse i byrådene, beskriver målene.")
    assert [(r.to_body, r.general) for r in ex.referrals] == [("kommunalbestyrelser-midtjylland", True)], \
        "a description of how such cases usually flow is kept as a rule"


def test_reported_decision_names_no_sender_but_gives_an_outcome():
    ex = minutes_with_item("KKR Midtjylland godkendte den 22. april 2024 aftalen.")
    assert [(r.from_body, r.to_body, r.target_date, r.outcome) for r in ex.referrals] == \
        [("", "kkr-midtjylland", dt.date(2024, 4, 22), "approved")]


def test_hop_dated_before_its_meeting_is_a_doubt_not_a_flow():
    ex = minutes_with_item("Udkastet fremlægges for DASSOS den 20. april 2024.")
    assert ex.referrals == [], "KD-Net meets on 3 May and cannot send anything on 20 April"
    assert any("before this meeting" in w.message for w in ex.warnings)


def test_past_flow_without_a_sender_is_a_doubt():
    ex = minutes_with_item("Forslaget har tidligere været behandlet i KL.")
    assert [r for r in ex.referrals if r.from_body] == [], "the item's owner did not necessarily send it"
    assert any("names no sender" in w.message for w in ex.warnings)


def test_the_body_that_sent_a_case_in_hearing_sends_its_next_steps():
    ex = minutes_with_item("Praksisplanudvalget har sendt et udkast til plan i høring frem til 1. maj 2024.\n\n"
                           "Den videre proces:\n\n- 20. juni Sundhedskoordinationsudvalget behandler planen")
    assert [(r.from_body, r.to_body) for r in ex.referrals if r.from_body] == \
        [("praksisplanudvalget-midtjylland", "sundhedskoordinationsudvalget-midtjylland")], \
        "the first step after the hearing is the hearing sender's, not KD-Net's (which only comments)"


def test_a_passive_hearing_names_no_owner():
    ex = minutes_with_item("Sundhedsstyregruppen har lavet et forslag, der er sendt i høring.\n\n"
                           "Forslaget forelægges KKR Midtjylland den 10. juni 2024.")
    assert [(r.from_body, r.to_body) for r in ex.referrals] == [("kd-net", "kkr-midtjylland")], \
        "'der er sendt i høring' does not make Sundhedsstyregruppen the sender"


def test_flows_in_a_quoted_letterhead_document_are_not_the_items():
    ex = minutes_with_item("Forslaget forelægges KKR Midtjylland den 10. juni 2024.\n\nNotat om busplanen\n\n"
                           "Banegårdsgade 4\n8000 Aarhus C\nTlf.: 11 22 33 44\nSagsbehandler: Ole Dam\n\n"
                           "Planen sendes til godkendelse i byrådene.")
    assert [(r.from_body, r.to_body) for r in ex.referrals] == [("kd-net", "kkr-midtjylland")], \
        "the flow stated inside the quoted note is that note's, not the item's"
    assert any("letterhead" in w.message for w in ex.warnings)


def test_a_proposal_sent_to_a_named_body_does_not_come_to_this_meeting():
    ex = minutes_with_item("Uddannelsesstyregruppen fremsender oplægget til KKR Midtjylland til godkendelse.")
    assert ("uddannelsesstyregruppen-midtjylland", "kd-net") not in [(r.from_body, r.to_body) for r in ex.referrals]


def test_a_purpose_before_og_is_no_list_of_receivers():
    ex = minutes_with_item("KKR Midtjylland har sendt planen til høring og KD-Net følger processen.")
    assert [(r.from_body, r.to_body) for r in ex.referrals] == [], "'til høring og KD-Net' sends nothing to KD-Net"


def test_flow_purpose_and_time():
    ex = minutes_with_item("Notatet behandles på næste møde i KKR Midtjylland til orientering.")
    assert [(r.purpose, r.when) for r in ex.referrals] == [("information", "næste møde")]


def test_later_report_continues_the_chain_it_reports(corpus_files):
    """002, 27 January 2023, item 12: KKR approved on 22 November 2022 (no
    sender named), and the agreement has since gone on to the councils."""
    path = next(p for p in corpus_files if p.name.startswith("002"))
    flows = [(r.from_body, r.to_body, r.target_date, r.status) for r in extract_path(path).referrals
             if r.item.meeting.date == dt.date(2023, 1, 27) and r.item.number == "12"]
    assert flows == [("", "kkr-midtjylland", dt.date(2022, 11, 22), "happened"),
                     ("kkr-midtjylland", "kommunalbestyrelser-midtjylland", None, "happened"),
                     ("kkr-midtjylland", "regionsraadet-midtjylland", None, "happened")]


def test_outside_body_is_recorded_with_its_name():
    ex = minutes_with_item("Sagen drøftes i Vækstforum Midtjylland på et kommende møde.")
    assert [(r.to_body, r.purpose) for r in ex.referrals] == [("vaekstforum-midtjylland", "discussion")]
    assert "Vækstforum Midtjylland" in [b.name for b in ex.bodies]


def test_meeting_calendar_becomes_scheduled_meetings():
    ex = minutes_with_item("Mødekalender for KKR 2025\n\n- 5. februar\n- Fredag den 8. april\n"
                           "- 18. juni (konstituerende møde)\n\nDesuden planlægges en studietur.")
    assert [(s.ref.body, s.ref.date, s.note) for s in ex.scheduled] == [
        ("kkr-midtjylland", dt.date(2025, 2, 5), ""), ("kkr-midtjylland", dt.date(2025, 4, 8), ""),
        ("kkr-midtjylland", dt.date(2025, 6, 18), "konstituerende møde")]


def test_approval_of_minutes_links_the_earlier_meeting():
    ex = minutes_with_item("Referat: Godkendt", title="Godkendelse af referatet fra mødet den 8. marts 2024")
    assert ex.items[0].approves_minutes_of.body == "kd-net"
    assert ex.items[0].approves_minutes_of.date == dt.date(2024, 3, 8)


def chain(extraction, date, number, status="planned"):
    return [(r.from_body, r.to_body, r.continues) for r in extraction.referrals
            if r.item.meeting.date == date and r.item.number == number and r.status == status]


CORPUS_CHAINS = [
    ("001", dt.date(2020, 1, 24), "5", [("kd-net", "kkr-midtjylland", 0)]),
    ("001", dt.date(2020, 1, 24), "7", [("kd-net", "kkr-midtjylland", 0), ("kd-net", "regionsraadet-midtjylland", 0)]),
    # A working group prepares the agreement for Sundhedsstyregruppen (a doubt, not KD-Net's flow);
    # KKR and KD-Net are informed after the health committee's meeting.
    ("001", dt.date(2020, 1, 24), "9", [("sundhedsstyregruppen-midtjylland", "sundhedskoordinationsudvalget-midtjylland", 0),
                                        ("sundhedskoordinationsudvalget-midtjylland", "kd-net", 1),
                                        ("sundhedskoordinationsudvalget-midtjylland", "kkr-midtjylland", 1)]),
    ("001", dt.date(2020, 1, 24), "10", [("uddannelsesstyregruppen-midtjylland", "kd-net", 0),
                                         ("kd-net", "uddannelsesudvalget-kkr-midtjylland", 1)]),
    ("002", dt.date(2022, 11, 4), "5", [("kd-net", "kkr-midtjylland", 0),
                                        ("kkr-midtjylland", "kommunalbestyrelser-midtjylland", 1),
                                        ("kkr-midtjylland", "regionsraadet-midtjylland", 1)]),
    # To KKR's chairmanship (a unit of KKR), then the Erhvervshus board, then KKR itself.
    ("002", dt.date(2022, 11, 4), "8", [("kd-net", "kkr-midtjylland-formandskab", 0),
                                        ("kkr-midtjylland-formandskab", "erhvervshus-midtjylland", 1),
                                        ("erhvervshus-midtjylland", "kkr-midtjylland", 2)]),
]


@pytest.mark.parametrize("doc, date, number, expected", CORPUS_CHAINS,
                         ids=[f"{d}-{n}" for d, _, n, _ in CORPUS_CHAINS])
def test_corpus_chains_come_out_whole(corpus_files, doc, date, number, expected):
    path = next(p for p in corpus_files if p.name.startswith(doc))
    status = "happened" if (doc, number) == ("001", "10") else "planned"  # "har indstillet ... via KD-Net"
    assert chain(extract_path(path), date, number, status) == expected


def test_decisions_from_answers_with_sources(tmp_path, corpus_files):
    store = tmp_path / "store"
    build_cli_ok(corpus_files, store)
    result = CliRunner().invoke(cli, ["query", "decisions-from", "--param", "body=KD-Net", "--format", "csv",
                                      "--store", str(store)])
    assert result.exit_code == 0
    header, *lines = result.stdout.splitlines()
    source = header.split(",").index("source")
    rows = [line.split(",") for line in lines]
    assert rows and all(row[source].rsplit(":", 1)[1].isdigit() for row in rows)
    assert any("Kommunalbestyrelserne i Region Midtjylland" in row and "2022-11-04" in row for row in rows)


# KD-Net's minutes sending a contract on to KKR Midtjylland's meeting of 10 June.
KDNET_SENDS_CONTRACT = (
    "Referat af møde i KD-Net, den 3. maj 2024\n\nTid og sted: Fredag den 3. maj 2024, kl. 10.00-12.00\n\n"
    "1. Resultatkontrakt 2025 med Erhvervshus Midtjylland v. Anna Holm\n\n"
    "Referat: Godkendt. Kontrakten forelægges KKR Midtjylland den 10. juni 2024.\n")


def test_a_referral_meets_the_item_that_picks_the_case_up(tmp_path):
    from kg.store import GraphStore
    (tmp_path / "kdnet.txt").write_text(KDNET_SENDS_CONTRACT, encoding="utf-8")
    (tmp_path / "kkr.txt").write_text(
        "REFERAT 2024\n\nKKR MIDTJYLLAND\n\nDato: 10-06-2024 10:00\n\n"
        "1. Resultatkontrakt 2025 med Erhvervshus Midtjylland\n\nBeslutning\n\nKKR Midtjylland godkendte kontrakten.\n",
        encoding="utf-8")
    store = GraphStore(None)
    build_ok([tmp_path], store)
    rows = store.select("SELECT ?next ?outcome WHERE { ?r a kg:Referral ; kg:targetItem ?next . "
                        "?next kg:decision/kg:outcome ?outcome }")
    assert rows == [{"next": "https://kg.example/id/meeting/kkr-midtjylland/2024-06-10/item/1",
                     "outcome": "https://kg.example/def#approved"}]


def test_a_group_no_body_names_as_subject_is_a_doubt_and_the_chain_goes_on():
    ex = minutes_with_item("Derfor vil projektgruppen færdiggøre planen med henblik på godkendelse i "
                           "Sundhedsstyregruppen 20. juni 2024, politisk godkendelse i Sundhedskoordinationsudvalget "
                           "1. juli 2024.\n\n- Behandles i Sundhedsstyregruppen den 20. juni 2024")
    assert [(r.from_body, r.to_body) for r in ex.referrals] == \
        [("sundhedsstyregruppen-midtjylland", "sundhedskoordinationsudvalget-midtjylland")], \
        "the group, not KD-Net, brings the plan to Sundhedsstyregruppen; the next hop starts there"
    assert any("'projektgruppen'" in w.message for w in ex.warnings)


def test_bodies_informed_with_this_meeting_body_receive_from_the_previous_step():
    ex = minutes_with_item("- Behandles i Sundhedskoordinationsudvalget den 1. juli 2024\n\n"
                           "KKR Midtjylland og KD-Net orienteres om aftalen.")
    informed = [r for r in ex.referrals if r.to_body == "kkr-midtjylland"]
    assert [(r.from_body, r.from_date, r.purpose) for r in informed] == \
        [("sundhedskoordinationsudvalget-midtjylland", dt.date(2024, 7, 1), "information")], \
        "KD-Net is informed too, so it is not the sender; the case moves on from the committee"


def test_bodies_informed_with_this_meeting_body_and_no_step_before_is_a_doubt():
    ex = minutes_with_item("KKR Midtjylland og KD-Net orienteres om aftalen.")
    assert ex.referrals == [], "nothing says who informs them"
    assert any("sender is unclear" in w.message for w in ex.warnings)


def test_a_later_sentence_naming_the_approval_gives_the_purpose():
    ex = minutes_with_item("Det indstilles, at KD-Net godkender udkast til afrapportering med henblik på "
                           "forelæggelse for KKR Midtjylland.\n\nRapporten skal godkendes af KKR Midtjylland på "
                           "mødet den 10. juni 2024.")
    assert [(r.to_body, r.purpose, r.target_date) for r in ex.referrals] == \
        [("kkr-midtjylland", "decision", dt.date(2024, 6, 10))], "what KKR is to do is approve, not 'report'"


def test_a_neighbouring_sentence_gives_the_receiving_meeting_and_purpose():
    ex = minutes_with_item("KKR Midtjylland skal have en første drøftelse af oplægget på mødet den 10. juni.\n\n"
                           "Sekretariatet skriver udkastet forud for forelæggelse for KKR Midtjylland.")
    assert [(r.to_body, r.target_date, r.purpose) for r in ex.referrals] == \
        [("kkr-midtjylland", dt.date(2024, 6, 10), "discussion")]


def test_two_dates_in_neighbouring_sentences_leave_the_flow_undated():
    ex = minutes_with_item("KKR Midtjylland skal drøfte oplægget på mødet den 10. juni og igen den 2. september.\n\n"
                           "Oplægget opdateres inden forelæggelse for KKR Midtjylland.")
    assert [(r.to_body, r.target_date) for r in ex.referrals] == [("kkr-midtjylland", None)]


def test_received_from_names_the_sender():
    ex = minutes_with_item("KKR Midtjylland har modtaget et brev fra Socialstyrelsen om tilbuddene.")
    assert [(r.from_body, r.to_body, r.status) for r in ex.referrals] == \
        [("socialstyrelsen", "kkr-midtjylland", "happened")]


def test_a_past_passive_is_sent_by_the_body_its_subject_names():
    ex = minutes_with_item("Budget 2025 for Socialtilsyn Syd blev forelagt Den Faglige Styregruppe på "
                           "Børneområdet (DFS) på møde den 20. april 2024 uden bemærkninger.")
    assert [(r.from_body, r.to_body, r.target_date, r.status) for r in ex.referrals] == \
        [("socialtilsyn-syd", "den-faglige-styregruppe-paa-boerneomraadet", dt.date(2024, 4, 20), "happened")]
    assert {"Socialtilsyn Syd", "Den Faglige Styregruppe på Børneområdet"} <= {b.name for b in ex.bodies}


def test_a_discussion_in_an_outside_body_has_an_assumed_sender():
    ex = minutes_with_item("Dette drøftes i Vækstforum Midtjylland på et kommende møde.")
    assert any("names no sender" in w.message and "assumed" in w.message for w in ex.warnings), \
        "KD-Net is only assumed to bring the case to Vækstforum"


def test_first_meeting_of_a_year_is_dated_by_the_printed_calendar():
    ex = minutes_with_item("Planen godkendes endeligt på første møde i 2025 i KKR Midtjylland.\n\n"
                           "Mødekalender for KKR Midtjylland 2025\n\n- 7. februar\n- 25. april\n")
    assert [(r.to_body, r.when, r.target_date) for r in ex.referrals] == \
        [("kkr-midtjylland", "første møde i 2025", dt.date(2025, 2, 7))]


def test_first_meeting_of_a_year_without_a_calendar_stays_undated():
    ex = minutes_with_item("Planen godkendes endeligt på første møde i 2025 i KKR Midtjylland.")
    assert [(r.to_body, r.target_date) for r in ex.referrals] == [("kkr-midtjylland", None)]


# Issue 10, third pass: the sender a sentence refers back to, a body's
# chairmanship as a receiver, the purpose of the whole clause, every
# region's KKR, and an outcome not yet known.

def test_a_definite_subject_refers_back_to_the_previous_sentences_body():
    ex = minutes_with_item("DASSOS udarbejder på mødet den 20. maj 2024 et oplæg om botilbud.\n\n"
                           "Oplægget forelægges KKR Midtjylland den 10. juni 2024, hvorefter det sendes til byrådene.")
    flows = [(r.from_body, r.to_body, r.from_date, r.continues) for r in ex.referrals]
    assert flows == [("dassos", "kkr-midtjylland", dt.date(2024, 5, 20), 0),
                     ("kkr-midtjylland", "kommunalbestyrelser-midtjylland", dt.date(2024, 6, 10), 1)], \
        "'Oplægget' is the proposal DASSOS prepares at its meeting: DASSOS sends it, not KD-Net"


def test_a_definite_subject_the_previous_sentence_does_not_name_keeps_the_items_body():
    ex = minutes_with_item("DASSOS holder temadag den 20. maj 2024.\n\n"
                           "Oplægget forelægges KKR Midtjylland den 10. juni 2024.")
    assert [(r.from_body, r.to_body) for r in ex.referrals] == [("kd-net", "kkr-midtjylland")], \
        "the previous sentence names no proposal, so nothing refers back to DASSOS"


CHAIRMANSHIPS = [
    "Oplægget forelægges formandskabet for KKR Midtjylland den 10. juni 2024.",
    "Oplægget forelægges for KKR's formandskab den 10. juni 2024.",
    "Oplægget sendes til KKR-formandskabet den 10. juni 2024.",
]


@pytest.mark.parametrize("text", CHAIRMANSHIPS, ids=["formandskabet-for", "genitive", "compound"])
def test_a_bodys_chairmanship_is_a_unit_of_that_body(text):
    ex = minutes_with_item(text)
    assert [(r.from_body, r.to_body) for r in ex.referrals] == [("kd-net", "kkr-midtjylland-formandskab")], \
        "the chairmanship receives the case, not KKR itself"
    assert [(b.name, b.unit_of) for b in ex.bodies if b.key == "kkr-midtjylland-formandskab"] == \
        [("Formandskabet for KKR Midtjylland", "kkr-midtjylland")]


def test_a_chairmanship_maps_to_an_organizational_unit_of_its_body():
    from kg.model import Body
    from kg.rdf.documents import add_body
    from kg.rdf.iris import Quads, body_iri, document_iri
    g = Quads(document_iri("eksempel.txt"))
    add_body(g, Body(key="kosu-formandskab", name="Formandskabet for KOSU", found_by_pattern=True, unit_of="kosu"))
    triples = {(q.subject.value, q.predicate.value, q.object.value) for q in g}
    unit, parent = body_iri("kosu-formandskab").value, body_iri("kosu").value
    org = "http://www.w3.org/ns/org#"
    assert {(unit, f"{org}unitOf", parent), (parent, f"{org}hasUnit", unit),
            (unit, "http://www.w3.org/1999/02/22-rdf-syntax-ns#type", f"{org}OrganizationalUnit")} <= triples


def test_the_purpose_is_read_from_the_whole_clause_that_carries_the_flow():
    ex = minutes_with_item("Der var enighed om, at to bemærkninger fra styregruppen også bør videreformidles til KL.")
    assert [(r.to_body, r.purpose) for r in ex.referrals] == [("kl", "comments")], \
        "'bemærkninger ... videreformidles til KL': comments, though the cue is far before the marker"


def test_the_clause_of_a_flow_stops_at_the_step_before_it():
    ex = minutes_with_item("Rapporten skal godkendes af KKR Midtjylland den 10. juni inden fremsendelse til "
                           "Sundhedsstyrelsen.")
    assert [(r.to_body, r.purpose) for r in ex.referrals] == \
        [("kkr-midtjylland", "decision"), ("sundhedsstyrelsen", "")], \
        "KKR's approval is no purpose of the hop after it"


KKR_HEADER = "REFERAT 2024\n\nKKR MIDTJYLLAND\n\nDato: 10-06-2024 10:00\n\n"


def test_every_regions_kkr_is_read_as_this_regions_and_the_case_comes_from_its_owner(tmp_path):
    path = tmp_path / "kkr.txt"
    path.write_text(KKR_HEADER + "1. Debat om ældreområdet\n\nSagsfremstilling\n\n"
                    "For at styrke arbejdet i KL med et nyt udspil lægges der op til, at emnet drøftes i de fem "
                    "KKR.\n\nBeslutning\n\nKKR Midtjylland drøftede udspillet.\n", encoding="utf-8")
    flows = [(r.from_body, r.to_body, r.status, r.purpose) for r in extract_path(path).referrals]
    assert flows == [("kl", "kkr-midtjylland", "happened", "discussion")], \
        "'de fem KKR' includes this meeting's KKR; KL, whose work it is, brought the case"


def test_a_next_meeting_known_only_from_its_agenda_has_no_outcome_yet(tmp_path):
    from kg.query import load_query, run
    from kg.store import GraphStore
    (tmp_path / "kdnet.txt").write_text(KDNET_SENDS_CONTRACT, encoding="utf-8")
    (tmp_path / "kkr.txt").write_text(
        "DAGSORDEN 2024\n\nKKR MIDTJYLLAND\n\nDato: 10-06-2024 10:00\n\n"
        "1. Resultatkontrakt 2025 med Erhvervshus Midtjylland\n\nIndstilling\n\n"
        "Det indstilles, at KKR Midtjylland godkender kontrakten.\n", encoding="utf-8")
    store = GraphStore(None)
    build_ok([tmp_path], store)
    linked = store.select("SELECT ?outcome WHERE { ?r a kg:Referral ; kg:targetItem/kg:decision/kg:outcome ?outcome }")
    assert linked == [{"outcome": "https://kg.example/def#none"}], "the flow must reach the agenda's item"
    rows = [{k: (v.value if v is not None else "") for k, v in zip(("to", "next"), (s["to_body"], s["next_outcome"]))}
            for s in run(store, load_query("decisions-from"), {"body": "KD-Net"})]
    assert rows == [{"to": "KKR Midtjylland", "next": ""}], "an agenda without a decision is no outcome 'none'"


# Issue 10, fourth pass: receiving dates the same minutes give, and missed receivers.

def test_a_case_already_sent_to_this_meetings_body_is_dated_by_this_meeting(tmp_path):
    path = tmp_path / "kkr.txt"
    path.write_text(KKR_HEADER + "1. Budget 2025 for Socialtilsyn Syd\n\nSagsfremstilling\n\n"
                    "Socialtilsyn Syd har lavet et budget for 2025, som er fremsendt til KKR Midtjylland.\n",
                    encoding="utf-8")
    flows = [(r.from_body, r.to_body, r.target_date, r.status) for r in extract_path(path).referrals]
    assert flows == [("socialtilsyn-syd", "kkr-midtjylland", dt.date(2024, 6, 10), "happened")], \
        "the budget was sent to KKR for the meeting these minutes record"


def test_a_case_received_earlier_by_this_meetings_body_stays_undated(tmp_path):
    path = tmp_path / "kkr.txt"
    path.write_text(KKR_HEADER + "1. Budget 2025 for Socialtilsyn Syd\n\nSagsfremstilling\n\n"
                    "Socialtilsyn Syd har lavet et budget, som tidligere er fremsendt til KKR Midtjylland.\n", encoding="utf-8")
    flows = [(r.from_body, r.to_body, r.target_date) for r in extract_path(path).referrals]
    assert flows == [("socialtilsyn-syd", "kkr-midtjylland", None)], "'tidligere' names an earlier meeting"


def _two_items(first_title: str, first_body: str, second_title: str, second_body: str):
    from kg.extract import extract
    from kg.read import read_bytes
    from kg.segment import segment
    from snippets import HEADER
    text = HEADER + f"1. {first_title} v. Anna Holm\n\n{first_body}\n\n2. {second_title} v. Anna Holm\n\n{second_body}\n"
    return extract(segment(read_bytes(text.encode("utf-8"), "snippet.txt")))


CASE_LIST = "Referat: Taget til efterretning.\n\n- Ny plan for ældreplejen\n- Dimensionering af sygeplejeuddannelsen 2025"


def test_a_list_of_cases_for_a_coming_meeting_dates_the_flow_of_a_case_it_names():
    ex = _two_items("Orientering om dimensionering af sygeplejeuddannelsen", "Sagen går videre til KKR Midtjylland.",
                    "Foreløbige punkter til møde i KKR Midtjylland den 12. juni 2024", CASE_LIST)
    assert [(r.to_body, r.target_date) for r in ex.referrals] == [("kkr-midtjylland", dt.date(2024, 6, 12))], \
        "item 2 lists the case for KKR's meeting of 12 June"


def test_a_list_of_cases_that_does_not_name_the_case_gives_no_date():
    ex = _two_items("Orientering om busplanen", "Sagen går videre til KKR Midtjylland.",
                    "Foreløbige punkter til møde i KKR Midtjylland den 12. juni 2024", CASE_LIST)
    assert [(r.to_body, r.target_date) for r in ex.referrals] == [("kkr-midtjylland", None)]


def test_a_case_listed_for_two_meetings_is_left_undated_with_a_doubt():
    ex = _two_items("Orientering om dimensionering af sygeplejeuddannelsen", "Sagen går videre til KKR Midtjylland.",
                    "Kommende møder i KKR Midtjylland",
                    "Sager til KKR Midtjylland den 12. juni 2024:\n\n- Dimensionering af sygeplejeuddannelsen\n\n"
                    "Sager til KKR Midtjylland den 18. september 2024:\n\n- Dimensionering af sygeplejeuddannelsen")
    assert [(r.to_body, r.target_date) for r in ex.referrals] == [("kkr-midtjylland", None)]
    assert any("listed for meetings" in w.message for w in ex.warnings)


def test_this_meetings_body_informed_with_another_is_a_receiver_of_the_step_before():
    ex = _two_items("Aftale om hjemmesygepleje", "- Behandles i Sundhedskoordinationsudvalget den 1. juli 2024\n\n"
                    "KKR-Midtjylland og KD-Net orienteres om aftalen.", "Eventuelt", "Intet.")
    informed = [(r.from_body, r.to_body, r.target_date, r.status) for r in ex.referrals
                if r.from_body == "sundhedskoordinationsudvalget-midtjylland"]
    assert sorted(informed) == [("sundhedskoordinationsudvalget-midtjylland", "kd-net", None, "planned"),
                                ("sundhedskoordinationsudvalget-midtjylland", "kkr-midtjylland", None, "planned")], \
        "KD-Net, whose minutes these are, is informed later, not at this meeting"


def test_comments_that_may_come_to_this_meeting_are_a_planned_flow(tmp_path):
    path = tmp_path / "kkr.txt"
    path.write_text(KKR_HEADER + "1. Plan for botilbud\n\nSagsfremstilling\n\n"
                    "KOSU behandler planen den 3. juni. Evt. bemærkninger fra KOSU vil foreligge til KKR's møde.\n",
                    encoding="utf-8")
    flows = [(r.from_body, r.to_body, r.target_date, r.status, r.purpose) for r in extract_path(path).referrals]
    assert flows == [("kosu", "kkr-midtjylland", dt.date(2024, 6, 10), "planned", "comments")], \
        "comments that may come are planned, for this meeting of KKR"


def test_a_step_informing_councils_and_others_after_an_informing_step_has_the_same_sender():
    ex = minutes_with_item("Den videre proces:\n\n- 20. juni Sundhedskoordinationsudvalget godkender planen\n"
                           "- 28. juni Regionsrådet orienteres om planen\n"
                           "- Primo juli Kommuner og private leverandører orienteres om planen")
    flows = [(r.from_body, r.to_body, r.when) for r in ex.referrals if r.from_body]
    assert flows[-1] == ("sundhedskoordinationsudvalget-midtjylland", "kommunalbestyrelser-midtjylland",
                         "Primo juli"), "informing Regionsrådet passes the plan on to no one"


def test_a_flow_into_this_meeting_takes_its_purpose_from_the_recommendation(tmp_path):
    path = tmp_path / "kkr.txt"
    path.write_text(KKR_HEADER + "1. Plan for botilbud\n\nSagsfremstilling\n\n"
                    "Den administrative styregruppe (DASSOS) har lavet en plan, der hermed fremsendes til KKR "
                    "Midtjylland.\n\nIndstilling\n\nDet indstilles, at KKR Midtjylland godkender planen.\n",
                    encoding="utf-8")
    flows = [(r.from_body, r.to_body, r.purpose) for r in extract_path(path).referrals]
    assert flows == [("dassos", "kkr-midtjylland", "decision")], "KKR is asked to approve what was sent"


def test_a_period_after_parallel_receivers_is_every_receivers_time():
    ex = minutes_with_item("KKR Midtjylland har sendt oplægget til kommentering i kommuner og region i perioden "
                           "3. marts til 14. april 2024.")
    assert [(r.to_body, r.when) for r in ex.referrals] == [
        ("kommunalbestyrelser-midtjylland", "i perioden 3. marts til 14. april 2024"),
        ("regionsraadet-midtjylland", "i perioden 3. marts til 14. april 2024")]
