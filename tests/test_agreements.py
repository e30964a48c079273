"""Agreements: what an item says about one (kind, period, topic, parties,
status), and one agreement across meetings, in snippets written for these
tests."""

from __future__ import annotations

import datetime as dt

import pytest

from kg.model import Agreement, AgreementStatus, ItemRef, MeetingRef, Span
from kg.query import named_queries, run
from kg.resolve.agreements import join_agreements
from kg.store import GraphStore
from conftest import build_ok
from snippets import minutes_with_item

AGREEMENTS = [
    ("Resultatkontrakt 2025 mellem KKR Midtjylland og Erhvervshus Midtjylland",
     "Indstilling\n\nDet indstilles, at kontrakten godkendes.\n\nBeslutning\n\nKKR Midtjylland godkendte kontrakten.",
     [("resultatkontrakt", "2025", ("kkr-midtjylland", "erhvervshus-midtjylland"), "approved")]),
    ("Rameaftale for det specialiserede socialområde 2025-26",
     "Det indstilles, at KD-Net godkender udkastet.\n\nReferat: Drøftet. Aftalen behandles på KKR-mødet den 10. juni"
     " 2025 og efterfølgende godkendes i byrådene.",
     [("rammeaftale", "2025-2026", ("kommunalbestyrelser-midtjylland",), "proposed")]),  # the councils approving it
    ("Orientering om proces for takstaftale 2025", "Det indstilles, at KD-Net tager orienteringen til efterretning",
     [("takstaftale", "2025", (), "draft")]),
    ("Status på samarbejdsaftale om genoptræning", "Referat: Orienteringen blev taget til efterretning.",
     [("samarbejdsaftale", "", (), "in-force")]),
    # The parties named only as a pair somewhere in the item.
    ("Status på samarbejdsaftale om hjælpemidler",
     "Referat: Orienteringen blev taget til efterretning. Der er enighed om, at kommuner og region i fællesskab "
     "ser på ventetiderne.",
     [("samarbejdsaftale", "", ("kommunalbestyrelser-midtjylland", "region-midtjylland"), "in-force")]),
    # An earlier agreement the item cites gives no period to the one it discusses.
    ("Rammeaftalen - nye processer",
     "Det indstilles, at KD-Net drøfter processerne.\n\nSagsfremstilling\n\nI den netop vedtagne Rammeaftale 2024 "
     "står processerne beskrevet.\n\nReferat: Drøftet.",
     [("rammeaftale", "", (), "")]),  # only discussed: no status
    # A draft in hand, and one in the making, named in the text rather than the heading.
    ("Orientering fra arbejdsmarkedsområdet", "Det indstilles, at KD-Net godkender udkast til revideret "
     "samarbejdsaftale om mentorordninger.\n\nReferat: Orienteringen blev taget til efterretning.",
     [("samarbejdsaftale", "", (), "draft")]),
    # Held up as how agreements are made every year, not one being drafted here.
    ("Rammeaftalen i et nyt format", "Der er hvert år udarbejdet en rammeaftale.\n\nReferat: Drøftet.",
     [("rammeaftale", "", (), "")]),
]


@pytest.mark.parametrize("title, body, expected", AGREEMENTS, ids=["approved", "typo-proposed", "process-draft",
                                                                   "status-in-force", "pair-parties", "cited-period",
                                                                   "draft-in-text", "made-yearly"])
def test_agreements(title, body, expected):
    ex = minutes_with_item(body, title=title)
    assert [(a.kind, a.period, a.parties, a.status.value if a.status else "") for a in ex.agreements] == expected


def test_an_agreement_without_parties_is_a_doubt():
    ex = minutes_with_item("Referat: Orienteringen blev taget til efterretning.",
                           title="Status på samarbejdsaftale om genoptræning")
    assert any("between whom" in w.message and w.line == ex.agreements[0].span.start for w in ex.warnings), \
        "an agreement without parties must leave a doubt at its item"


TOPICS = [
    # The heading's words after the kind.
    ("Status på samarbejdsaftale hjemmepleje/akutteam", "Referat: Orienteringen blev taget til efterretning.",
     "Samarbejdsaftale hjemmepleje/akutteam"),
    # "om X" after the parties, read anywhere in the item.
    ("Orientering om ny samarbejdsaftale", "Der er forhandlet en samarbejdsaftale mellem Region Midtjylland og de "
     "midtjyske kommuner om akutpladser for ældre. Referat: Taget til efterretning.",
     "Samarbejdsaftale om akutpladser for ældre"),
    # A dash after the kind starts no topic, nor do the parties.
    ("Rammeaftalen – tanker om fremtiden", "Referat: Drøftet.", "Rammeaftale"),
    ("Samarbejdsaftale mellem Region Midtjylland og kommunerne", "Referat: Drøftet.", "Samarbejdsaftale"),
]


@pytest.mark.parametrize("title, body, name", TOPICS, ids=["heading", "om-after-parties", "dash", "parties"])
def test_an_agreement_is_named_by_its_topic(title, body, name):
    ex = minutes_with_item(body, title=title)
    assert [a.name for a in ex.agreements] == [name], "the name carries the topic the text gives, and only that"


def mention(topic: str, day: dt.date, status: AgreementStatus | None, doc: str = "a.txt", period: str = "",
            kind: str = "samarbejdsaftale", parties: tuple[str, ...] = ("region-midtjylland",)) -> Agreement:
    item = ItemRef(MeetingRef("kd-net", day), "1")
    name = " ".join(p for p in (kind.capitalize(), period, topic) if p)
    key = f"{kind}-{period or topic or day}-midtjylland"
    return Agreement(key, name, kind, item, Span(doc, 10, 12), period=period, parties=parties, status=status,
                     topic=topic)


def test_mentions_whose_topics_share_their_words_are_one_agreement_named_as_last_decided():
    early = mention("om vurdering fra sundhedskordinator og genoptræningsenhed", dt.date(2021, 3, 5),
                    AgreementStatus.DRAFT, parties=("kommunalbestyrelser-midtjylland",))
    late = mention("sundhedskoordination/genoptræningsenheden", dt.date(2022, 6, 1), AgreementStatus.IN_FORCE)
    joined, doubts = join_agreements([early, late])
    assert {a.key for a in joined} == {late.key}, "one key for both mentions"
    assert {a.name for a in joined} == {late.name}, "the name of the latest mention deciding something"
    assert {a.parties for a in joined} == {("kommunalbestyrelser-midtjylland", "region-midtjylland")}, \
        "the parties of every mention"
    assert not doubts


def test_a_later_mention_deciding_nothing_does_not_name_the_agreement():
    decided = mention("om genoptræning af ældre", dt.date(2021, 3, 5), AgreementStatus.APPROVED)
    discussed = mention("vedr. genoptræning for ældre", dt.date(2022, 6, 1), None)
    joined, _ = join_agreements([decided, discussed])
    assert {a.name for a in joined} == {decided.name}


def test_topics_of_different_things_stay_apart():
    a = mention("om akutpladser", dt.date(2021, 3, 5), AgreementStatus.DRAFT)
    b = mention("om hjælpemidler til genoptræning", dt.date(2022, 6, 1), AgreementStatus.DRAFT)
    joined, _ = join_agreements([a, b])
    assert len({x.key for x in joined}) == 2


def test_another_regions_agreement_on_the_same_topic_stays_apart():
    a = mention("om akutpladser for ældre", dt.date(2021, 3, 5), AgreementStatus.DRAFT)
    b = mention("om akutpladser for ældre borgere", dt.date(2022, 6, 1), AgreementStatus.DRAFT,
                parties=("region-nordjylland",))
    joined, _ = join_agreements([a, b])
    assert len({x.key for x in joined}) == 2


def test_a_mention_without_period_or_topic_is_kept_apart_with_a_doubt():
    bare = mention("", dt.date(2016, 11, 22), None, doc="old.txt", kind="rammeaftale")
    dated = mention("", dt.date(2020, 1, 24), AgreementStatus.DRAFT, period="2021-2022", kind="rammeaftale")
    joined, doubts = join_agreements([bare, dated])
    assert len({x.key for x in joined}) == 2, "not joined to the one with a period"
    assert [(d.doc, d.line) for d in doubts] == [("old.txt", 10)], "a doubt at the bare mention"
    assert "Rammeaftale 2021-2022" in doubts[0].message


FIRST = """Referat af møde i KD-Net, den 6. marts 2020

1. Orientering fra beskæftigelsesområdet v. Anna Holm

Det indstilles, at KD-Net godkender udkast til ny samarbejdsaftale mellem Region Midtjylland og de midtjyske \
kommuner om lægelig rådgivning fra sundhedskoordinator og jobcentrene.

Referat: Godkendt.
"""
SECOND = """Referat af møde i KD-Net, den 9. september 2022

1. Status på samarbejdsaftale sundhedskoordination og jobcentre v. Bo Dahl

Det indstilles, at KD-Net tager orienteringen til efterretning.

Referat: Orienteringen blev taget til efterretning.
"""


def _agreement_rows(folder, first: str, second: str) -> list[dict[str, str]]:
    """The agreements query's rows after building the two minutes a.txt, b.txt."""
    (folder / "a.txt").write_text(first, encoding="utf-8")
    (folder / "b.txt").write_text(second, encoding="utf-8")
    store = GraphStore(None)
    build_ok([folder], store)
    return [{k: (r[k].value if r[k] is not None else "") for k in ("agreement", "status", "source")}
            for r in run(store, named_queries()["agreements"], {})]


def test_one_agreement_across_meetings_is_one_row_with_the_latest_status(tmp_path):
    rows = _agreement_rows(tmp_path, FIRST, SECOND)
    assert [(r["agreement"], r["status"]) for r in rows] == [
        ("Samarbejdsaftale sundhedskoordination og jobcentre", "in-force")], rows
    assert rows[0]["source"].startswith("b.txt:"), "the source is the latest decision's item"


DISCUSSED_LATER = """Referat af møde i KD-Net, den 9. september 2022

1. Erfaringer med samarbejdsaftale om sundhedskoordinator og jobcentrene v. Bo Dahl

Det indstilles, at KD-Net drøfter erfaringerne.

Referat: Drøftet.
"""


def test_a_later_discussion_leaves_the_status_of_the_last_decision(tmp_path):
    rows = _agreement_rows(tmp_path, FIRST, DISCUSSED_LATER)
    assert [(r["status"], r["source"].split(":")[0]) for r in rows] == [("approved", "a.txt")], rows


# Agreements the running text reports (issue 10): kinds are open-world, the
# parties are listed, the period may be stated later, the verb gives the status.
RUNNING = [
    ("Den 3. marts 2024 indgik regeringen, FOA og KL en ny treårig praktikaftale for pædagoguddannelsen, "
     "der sikrer pladser i perioden 2025-2027.",
     [("praktikaftale", "2025-2027", ("foa", "kl", "regeringen"), "in-force")]),
    ("Planen bygger på Den Regionale Udviklingsaftale, som er indgået mellem Transportministeriet og KL for "
     "perioden 2024-2026.",
     [("udviklingsaftale", "2024-2026", ("kl", "transportministeriet"), "in-force")]),
    # A period in a sentence of its own, said of the agreement named before.
    ("Den 2. maj 2023 indgik Danske Regioner og KL en ny uddannelsesaftale. Målet er flere elever.\n\n"
     "Aftalen indgås for en femårig periode fra 2024 til og med 2028.",
     [("uddannelsesaftale", "2024-2028", ("danske-regioner", "kl"), "in-force")]),
    # Sent on for approval: those approving are the parties.
    ("Ændringen er skrevet ind i udkast til Rammeaftalen 2025-26, som herefter er sendt til kommuner og region "
     "med henblik på politisk godkendelse i byråd og regionsråd.",
     [("rammeaftale", "2025-2026", ("kommunalbestyrelser-midtjylland", "region-midtjylland"), "proposed")]),
    # Only named, with its parties: a mention that decides nothing.
    ("Tilskuddet følger Økonomiaftalen for 2025 mellem Danske Regioner og regeringen.",
     [("økonomiaftale", "2025", ("danske-regioner", "regeringen"), "")]),
]


@pytest.mark.parametrize("body, expected", RUNNING, ids=["subject-list", "mellem-later-period", "period-of-it",
                                                         "sent-for-approval", "mentioned"])
def test_agreements_in_running_text(body, expected):
    ex = minutes_with_item(body + "\n\nReferat: Taget til efterretning.", title="Orientering om uddannelse")
    assert [(a.kind, a.period, a.parties, a.status.value if a.status else "") for a in ex.agreements] == expected


def test_the_outside_parties_of_an_agreement_are_bodies():
    ex = minutes_with_item("Den 3. marts 2024 indgik regeringen, FOA og KL en ny praktikaftale 2025-2027.",
                           title="Orientering")
    assert {"regeringen", "foa"} <= {b.key for b in ex.bodies}, "parties outside the reference data need a node"


def test_a_named_cooperation_is_the_topic_of_its_samarbejdsaftale():
    ex = minutes_with_item("Som led i GRØN2030-samarbejdet er der indgået en toårig samarbejdsaftale mellem de 19 "
                           "kommuner og Region Midtjylland.\n\nReferat: Drøftet.", title="Klimaindsatsen")
    assert [(a.name, a.status.value) for a in ex.agreements] == [("Samarbejdsaftale om GRØN2030", "in-force")]


NOT_RECORDED = [
    # Several agreements (a plural), each between parties named only distributively.
    "Der er indgået underaftaler mellem de enkelte KKR og den respektive region.",
    # One party named for each of many.
    "Skolen vil foreslå at indgå en samarbejdsaftale mellem den enkelte kommune og COK.",
    # A list of coming items.
    "Den foreløbige sagsliste er:\n\n- Godkendelse af partnerskabsaftale 2026 mellem KKR Midtjylland og "
    "Erhvervshus Midtjylland",
    # To be entered into: nothing done yet.
    "Der skal indgås en ny driftskontrakt for 2026.",
]


@pytest.mark.parametrize("body", NOT_RECORDED, ids=["plural", "distributive", "agenda-preview", "future"])
def test_running_text_that_names_no_particular_agreement_gives_no_row(body):
    ex = minutes_with_item(body + "\n\nReferat: Drøftet.", title="Orientering")
    assert ex.agreements == [], [a.name for a in ex.agreements]


def test_a_running_text_agreement_without_period_or_topic_is_a_doubt():
    ex = minutes_with_item("Rådet noterede, at der arbejdes på en driftsaftale mellem KKR Midtjylland og "
                           "Erhvervshus Midtjylland.\n\nReferat: Drøftet.", title="Orientering")
    assert ex.agreements == [], "which driftsaftale it is, the text does not say"
    assert any("driftsaftale" in w.message and "without period or topic" in w.message for w in ex.warnings)


def test_a_later_sentence_gives_its_period_to_an_agreement_under_another_spelling_of_its_kind():
    ex = minutes_with_item("KL og Erhvervsministeriet indgik i juni en resultataftale om iværksætteri. "
                           "Aftalen indgås for en treårig periode fra 2021 til og med 2023.")
    assert [(a.kind, a.period) for a in ex.agreements] == [("resultatkontrakt", "2021-2023")], \
        "'resultataftale' is read as a resultatkontrakt, and the period sentence must find it under that kind"
