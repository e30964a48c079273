#!/usr/bin/env python3
"""Generate a synthetic corpus of N meeting documents for the benchmark.

The documents take the layouts kg reads (a title-sentence minutes with a tab
agenda table; a `<body> (Dagsorden)` agenda with `Punkt N:` rows; a chapter-
numbered `DAGSORDEN yyyy` agenda) and vary what the real ones vary: bodies,
dates, places, participants and substitutes, the number and length of items,
presenters, recommendations and decisions, referrals to other bodies,
appointments, chair statements, agreements and meeting calendars. Every
sentence comes from the templates below, written for this purpose: nothing
is copied from the real documents. Names are drawn from kg's first-name list
and a list of common surnames, so the people repeat across documents as real
members do, and identity resolution has work to do.

Mixes: "minutes" (each document its own meeting), "agenda+minutes" (each
meeting has an agenda and its minutes: the overlap that multiplies query
joins), "quoting" (minutes that quote the previous meeting's minutes).

Usage: python bench/corpus.py N OUT_DIR [--mix minutes] [--seed 1]
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import random
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "kg" / "data"
MIXES = ("minutes", "agenda+minutes", "quoting")

SURNAMES = ("Andersen Bach Berg Bisgaard Borup Brandt Dahl Damgaard Eriksen Falk Frost Gade Gregersen Hald Hansen "
            "Holm Husted Iversen Jeppesen Juhl Kirk Kjær Krog Lauridsen Lind Lund Madsen Mogensen Munk Nissen "
            "Nygaard Olesen Overgaard Poulsen Ravn Rask Riis Schmidt Skov Sommer Storm Thygesen Toft Vestergaard "
            "Vinther Winther Østergaard").split()
MONTHS = "januar februar marts april maj juni juli august september oktober november december".split()
WEEKDAYS = "mandag tirsdag onsdag torsdag fredag lørdag søndag".split()

# (body as written, region): bodies that hold meetings in the generated documents.
BODIES = [("KD-Net", "midtjylland"), ("KKR Midtjylland", "midtjylland"), ("KKR Syddanmark", "syddanmark"),
          ("KKR Nordjylland", "nordjylland"), ("KKR Sjælland", "sjaelland"), ("KKR Hovedstaden", "hovedstaden"),
          ("DASSOS", "midtjylland"), ("KOSU", "midtjylland"), ("Uddannelsesstyregruppen", "midtjylland"),
          ("Klimastyregruppen", "midtjylland"), ("Trafikstyregruppen", "midtjylland")]
TARGETS = {"midtjylland": ["KKR Midtjylland", "KD-Net", "Kontaktudvalget", "de midtjyske byråd"],
           "syddanmark": ["KKR Syddanmark", "Erhvervshus Sydjylland"],
           "nordjylland": ["KKR Nordjylland", "Erhvervshus Nordjylland"],
           "sjaelland": ["KKR Sjælland", "Erhvervshus Sjælland"],
           "hovedstaden": ["KKR Hovedstaden", "Erhvervshus Hovedstaden"]}
PLACES = ["Rådhuset, Store Sal", "Kulturcentret, mødelokale 2", "Hotel Søbakken", "Byrådssalen, Torvet 3",
          "Konferencecentret ved havnen", "Borgerhuset, lokale 12", "Videomøde"]
TOPICS = ["den fælles indkøbsaftale", "ungdomsuddannelserne", "den kollektive trafik", "klimaplanerne",
          "rekrutteringen af sosu-elever", "det specialiserede børneområde", "digitaliseringsstrategien",
          "beskæftigelsesindsatsen", "sundhedsaftalen", "vandplanerne", "bosætningskampagnen",
          "praktikpladserne", "kystbeskyttelsen", "den regionale udviklingsstrategi", "tolkeydelserne",
          "hjælpemiddelcentralen", "akutfunktionerne", "erhvervsturismen", "cykelstierne", "affaldssektoren"]
# A decade of documents comes from more bodies than the eleven above: the
# municipal councils and many networks and steering groups, each meeting ten
# or so times a year. Past 1,100 documents, the corpus takes N // 100 bodies,
# so a body keeps about a hundred meetings whatever N is (with eleven, each
# body of a 10,000-document corpus would meet every four days).
NETWORK_STEMS = ["Ældrenetværket", "Skolestyregruppen", "Beskæftigelsesnetværket", "Handicapudvalget",
                 "Kulturforum", "Naturudvalget", "Indkøbsnetværket", "Digitaliseringsstyregruppen"]
QUALIFIERS = ["Nord", "Syd", "Øst", "Vest", "Midt", "Kyst", "Land", "By"]
KINDS = ["rammeaftale", "styringsaftale", "takstaftale", "resultatkontrakt", "samarbejdsaftale"]
FILLER = [
    "Arbejdsgruppen har siden sidste møde samlet erfaringer fra {n} kommuner om {topic}.",
    "Notatet beskriver tre modeller for, hvordan {topic} kan organiseres fremover.",
    "Sekretariatet har regnet på udgifterne, og den samlede ramme ligger på {n} mio. kr. om året.",
    "Flere kommuner peger på, at {topic} kræver en fælles indsats på tværs af grænserne.",
    "Der er lagt op til en drøftelse af, hvilke mål der skal gælde for {topic} i de kommende år.",
    "Oplægget bygger på interviews med ledere og medarbejdere i {n} forvaltninger.",
    "Erfaringerne fra forsøget viser, at ventetiderne faldt med omkring {n} procent.",
    "Styregruppen anbefaler, at den nuværende ordning forlænges med {n} måneder.",
    "Der udestår en afklaring af økonomien, som sekretariatet vender tilbage med.",
    "Sagen har været drøftet i den faglige gruppe, som bakker op om forslaget.",
    "Tidsplanen indebærer, at arbejdet afsluttes inden udgangen af året.",
    "Det vurderes, at forslaget ikke medfører ekstra udgifter for kommunerne.",
]
OUTCOMES = [("Det indstilles, at {body} godkender forslaget.", "Godkendt."),
            ("Det indstilles, at {body} tager orienteringen til efterretning.", "Orienteringen blev taget til efterretning."),
            ("Det indstilles, at {body} drøfter sagen.", "Sagen blev drøftet."),
            ("Det indstilles, at {body} godkender oplægget.", "{body} godkendte oplægget med de faldne bemærkninger."),
            ("Det indstilles, at {body} drøfter udkastet.", "Punktet blev udsat til næste møde.")]


@dataclass(frozen=True)
class Meeting:
    body: str
    region: str
    date: dt.date
    place: str
    items: tuple[tuple[str, str, tuple[str, ...]], ...]  # (title, kind of item, presenters)
    participants: tuple[tuple[str, str], ...]             # (name, municipality)
    absent: tuple[str, ...]
    substitute: tuple[str, str] | None                    # (absent member, who came instead)
    seed: int


def _lines(path: Path) -> list[str]:
    return [line for line in path.read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")]


def people_pool(size: int, rng: random.Random) -> list[tuple[str, str]]:
    """`size` distinct (name, municipality) pairs: the people of the generated decade."""
    first = _lines(DATA / "first_names.txt")
    municipalities = [row[1] for row in csv.reader(_lines(DATA / "municipalities.csv")[1:])]
    names: dict[str, str] = {}
    while len(names) < size:
        name = f"{rng.choice(first)} {rng.choice(SURNAMES)}"
        if rng.random() < 0.15:
            name = f"{name.split()[0]} {rng.choice('ABCDEFHJKLMNPRST')}. {name.split()[1]}"
        names.setdefault(name, rng.choice(municipalities))
    return list(names.items())


def bodies_for(n: int) -> list[tuple[str, str]]:
    """The bodies of an N-document corpus: the eleven above, then councils
    ("Byrådet i Skive") and regional networks ("Ældrenetværket Vest")."""
    municipalities = [(row[1], row[2]) for row in csv.reader(_lines(DATA / "municipalities.csv")[1:])]
    regions = sorted(TARGETS)
    more = [(f"Byrådet i {name}", region) for name, region in municipalities]
    more += [(f"{stem} {qualifier}", regions[(i + j) % len(regions)])
             for i, stem in enumerate(NETWORK_STEMS) for j, qualifier in enumerate(QUALIFIERS)]
    return BODIES + more[:max(0, n // 100 - len(BODIES))]


def make_meeting(index: int, rng: random.Random, pool: list[tuple[str, str]], start: dt.date,
                 bodies: list[tuple[str, str]] = BODIES) -> Meeting:
    body, region = bodies[index % len(bodies)] if rng.random() < 0.5 else rng.choice(bodies)
    date = start + dt.timedelta(days=rng.randrange(0, 3650))
    # Members come from a body-specific slice of the pool, so bodies keep their people.
    offset = (bodies.index((body, region)) * len(pool)) // len(bodies)
    size = rng.randint(4, 24)
    members = [pool[(offset + rng.randrange(0, max(size * 3, 30))) % len(pool)] for _ in range(size)]
    members = list(dict.fromkeys(members))
    absent = tuple(name for name, _ in members[len(members) - rng.randint(0, 2):]) if len(members) > 4 else ()
    substitute = (absent[0], rng.choice(pool)[0]) if absent and rng.random() < 0.4 else None
    count = max(2, int(rng.lognormvariate(2.0, 0.6)))
    items = [("Godkendelse af dagsorden", "agenda", (members[0][0],))]
    for _ in range(count):
        kind = rng.choices(["plain", "referral", "appointment", "agreement", "calendar", "chair"],
                           [10, 4, 1, 2, 1, 1])[0]
        topic = rng.choice(TOPICS)
        title = {"referral": f"Indstilling om {topic}", "appointment": "Udpegning til styregruppen",
                 "agreement": f"{rng.choice(KINDS).capitalize()} {date.year + 1}-{date.year + 2}",
                 "calendar": "Mødeplan for det kommende år", "chair": "Valg af formand"}.get(kind, f"Status på {topic}")
        presenters = tuple(rng.choice(members)[0] for _ in range(rng.choice([1, 1, 1, 2])))
        items.append((title, kind, tuple(dict.fromkeys(presenters))))
    items.append(("Eventuelt", "plain", (members[0][0],)))
    return Meeting(body, region, date, rng.choice(PLACES), tuple(items), tuple(members), absent, substitute,
                   rng.randrange(1 << 30))


def _long_date(day: dt.date) -> str:
    return f"{day.day}. {MONTHS[day.month - 1]} {day.year}"


def _paragraphs(rng: random.Random, sentences: int) -> list[str]:
    out, left = [], sentences
    while left > 0:
        take = min(left, rng.randint(2, 6))
        out.append(" ".join(rng.choice(FILLER).format(n=rng.randint(2, 40), topic=rng.choice(TOPICS))
                            for _ in range(take)))
        left -= take
    return out


def item_body(meeting: Meeting, number: int, title: str, kind: str, minutes: bool, rng: random.Random,
              pool: list[tuple[str, str]]) -> list[str]:
    """The sections under one item heading."""
    body = meeting.body
    recommendation, decision = rng.choice(OUTCOMES)
    lines: list[str] = []
    if kind == "agenda":
        recommendation, decision = "Det indstilles, at {body} godkender dagsordenen.", "Dagsordenen blev godkendt."
    extra: list[str] = []
    if kind == "referral":
        target = rng.choice([t for t in TARGETS[meeting.region] if t != body] or TARGETS[meeting.region])
        later = meeting.date + dt.timedelta(days=rng.randint(14, 90))
        recommendation = (f"Det indstilles, at {{body}} godkender oplægget og indstiller til {target}, at "
                          f"det godkendes på mødet den {_long_date(later)}.")
        decision = "Godkendt."
    elif kind == "appointment":
        name, place = rng.choice(pool)
        recommendation = f"Det indstilles, at {name} ({place} Kommune) udpeges til {rng.choice(BODIES)[0]}."
        decision = "Godkendt."
    elif kind == "agreement":
        recommendation = f"Det indstilles, at {{body}} godkender {title.lower()} og sender den til byrådene."
    elif kind == "chair":
        name = rng.choice(meeting.participants)[0]
        extra.append(f"{name} fortsætter som formand for {body}.")
        decision = "Godkendt."
    elif kind == "calendar":
        year = meeting.date.year + 1
        days = sorted({dt.date(year, rng.randint(1, 12), rng.randint(1, 28)) for _ in range(4)})
        extra += [f"Mødekalender for {body} {year}", ""] + [f"- {d.day}. {MONTHS[d.month - 1]}" for d in days]
    sentences = int(rng.lognormvariate(3.5, 0.8))
    lines += ["Resume", "", *_paragraphs(rng, max(1, sentences // 4)), ""] if sentences > 8 else []
    lines += ["Indstilling", "", recommendation.format(body=body), ""]
    if sentences > 2:
        lines += ["Sagsfremstilling", ""]
        for paragraph in _paragraphs(rng, sentences):
            lines += [paragraph, ""]
    lines += [*extra, ""] if extra else []
    if minutes:
        lines += ["Beslutning", "", decision.format(body=body), ""]
    return lines


def participants_block(meeting: Meeting) -> list[str]:
    lines = ["Deltagere", ""] + [f"{name}, {place} Kommune" for name, place in meeting.participants
                                 if name not in meeting.absent] + [""]
    if meeting.absent:
        lines += ["Afbud", ""]
        for name in meeting.absent:
            if meeting.substitute and meeting.substitute[0] == name:
                lines.append(f"{name}, i stedet deltog {meeting.substitute[1]}")
            else:
                lines.append(name)
        lines.append("")
    return lines


def title_minutes(meeting: Meeting, minutes: bool, pool, quoted: Meeting | None = None) -> list[str]:
    """"Referat af møde i <body>, den <date>" with a tab agenda table and `N. Title v. X` headings."""
    rng = random.Random(meeting.seed)
    day = meeting.date
    kind = "Referat" if minutes else "Dagsorden"
    lines = ["", f"{kind} af møde i {meeting.body}, den {_long_date(day)}", "",
             f"Tid og sted: {WEEKDAYS[day.weekday()].capitalize()} den {_long_date(day)}, kl. 09.00 – 12.00, "
             f"{meeting.place}", ""]
    lines += participants_block(meeting)
    lines += ["Punkt\tIndhold\tBilag"] + [f"{n}\t{t}\t" for n, (t, _, _) in enumerate(meeting.items, 1)] + [""]
    for n, (title, kind_, presenters) in enumerate(meeting.items, 1):
        lines += [f"{n}. **{title}** v. {' og '.join(presenters)}", ""]
        lines += item_body(meeting, n, title, kind_, minutes, rng, pool)
        if n == 1 and quoted is not None:
            lines += quote(quoted, pool)
    return lines


def quote(earlier: Meeting, pool) -> list[str]:
    """The earlier meeting's minutes, quoted inside an item approving them."""
    return ["Godkendelse af referatet fra sidste møde:", ""] + title_minutes(earlier, True, pool)[1:] + [""]


def punkt_agenda(meeting: Meeting, minutes: bool, pool) -> list[str]:
    """"<body> (Dagsorden)" over a date line, `Punkt N: Title<TAB>page` rows."""
    rng = random.Random(meeting.seed)
    day = meeting.date
    lines = ["", f"{meeting.body} (Dagsorden)", "", f"{day:%d-%m-%Y} 13:00 - 15:30", "", meeting.place, ""]
    lines += participants_block(meeting)
    lines += ["Indhold", ""] + [f"Punkt {n}: {t}{' v. ' + p[0] if k != 'agenda' else ''}\t{n + 1}"
                                for n, (t, k, p) in enumerate(meeting.items, 1)] + [""]
    for n, (title, kind, presenters) in enumerate(meeting.items, 1):
        lines += [f"Punkt {n}: {title}{' v. ' + presenters[0] if kind != 'agenda' else ''}", ""]
        lines += item_body(meeting, n, title, kind, minutes, rng, pool)
    return lines


def chapter_agenda(meeting: Meeting, minutes: bool, pool) -> list[str]:
    """"DAGSORDEN yyyy" / BODY / Dato: / Sted:, with chapter-numbered items."""
    rng = random.Random(meeting.seed)
    day = meeting.date
    lines = ["", f"{'REFERAT' if minutes else 'DAGSORDEN'} {day.year}", "", meeting.body.upper(), "",
             f"Dato: {day:%d-%m-%Y} 09:30", "", f"Sted: {meeting.place}", ""]
    lines += participants_block(meeting)
    lines += ["1.\tSager til behandling\t3"] + [f"1.{n}.\t{t}\t{n + 2}" for n, (t, _, _) in enumerate(meeting.items, 1)]
    lines += ["", "1. Sager til behandling", ""]
    for n, (title, kind, presenters) in enumerate(meeting.items, 1):
        lines += [f"1.{n}. {title}", "", f"SAG-{day.year}-{rng.randint(10000, 99999)}", ""]
        lines += item_body(meeting, n, title, kind, minutes, rng, pool)
    return lines


LAYOUTS = (title_minutes, punkt_agenda, chapter_agenda)


def typical(meetings: list[Meeting], paths: list[Path]) -> dict[str, str]:
    """Typical parameter values for the named queries: the busiest body, its
    most frequent participant, one of its dates, a document."""
    bodies = Counter(m.body for m in meetings)
    body = bodies.most_common(1)[0][0]
    own = [m for m in meetings if m.body == body]
    person = Counter(name for m in own for name, _ in m.participants).most_common(1)[0][0]
    return {"body": body, "person": person, "date": str(own[0].date), "year": str(own[0].date.year),
            "from": body, "to": TARGETS[own[0].region][0], "kind": "rammeaftale", "outcome": "approved",
            "file": paths[0].name}


def generate(n: int, out: Path, mix: str = "minutes", seed: int = 1) -> tuple[list[Path], dict[str, str]]:
    """Write `n` documents into `out`; returns their paths and typical parameter values."""
    if mix not in MIXES:
        raise ValueError(f"mix must be one of {', '.join(MIXES)}")
    rng = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    pool = people_pool(200 + n // 5, rng)
    start = dt.date(2014, 1, 1)
    bodies = bodies_for(n)
    paths: list[Path] = []
    previous: dict[str, Meeting] = {}
    meetings: list[Meeting] = []
    index = 0
    while len(paths) < n:
        meeting = make_meeting(index, rng, pool, start, bodies)
        layout = LAYOUTS[index % len(LAYOUTS)]
        stem = f"{len(paths):05d}_{meeting.body.lower().replace(' ', '-')}_{meeting.date}"
        versions: list[tuple[str, list[str]]] = []
        if mix == "agenda+minutes":
            versions.append(("dagsorden", layout(meeting, False, pool)))
        if mix == "quoting" and layout is title_minutes and meeting.body in previous:
            text = title_minutes(meeting, True, pool, quoted=previous[meeting.body])
        else:
            text = layout(meeting, True, pool)
        versions.append(("referat", text))
        for kind, lines in versions[: n - len(paths)]:
            path = out / f"{stem}_{kind}.txt"
            path.write_text("\n".join(lines) + "\n", encoding="utf-8")
            paths.append(path)
        previous[meeting.body] = meeting
        meetings.append(meeting)
        index += 1
    return paths, typical(meetings, paths)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("n", type=int)
    parser.add_argument("out", type=Path)
    parser.add_argument("--mix", choices=MIXES, default="minutes")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    paths, _ = generate(args.n, args.out, args.mix, args.seed)
    size = sum(p.stat().st_size for p in paths)
    print(f"{len(paths)} documents, {size / 1e6:.1f} MB in {args.out}")


if __name__ == "__main__":
    main()
