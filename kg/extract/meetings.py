"""Meeting headers: body, kind (agenda/minutes/other), date, time and place.

Body and date are read from wherever the text gives them, all by the same
rules:
- a title sentence: "Referat af møde i <body>, den 17. marts 2022", "Møde
  del 2 i <body> ...", "Bestyrelsesmøde i <body> Fredag ...";
- a title line: "<body> (Dagsorden)", "<body> - Referat - 21. august 2012",
  "DAGSORDEN 2021" / "<BODY>", a letter-spaced PDF heading "K K R ...";
- fields, inline ("Dato: 03-09-2021 08:30") or over their value, as web
  meeting systems print them (`UDVALG` / `MØDE` / `STARTTIDSPUNKT`);
- a per-item line "Behandling i <body> onsdag den 15. januar 2020", when
  the header says nothing.
A body kg has no reference data for becomes a body of its own, its kind
guessed from the words of its name (see kg.danish.bodies). A document
always yields a meeting: an unknown body or date is a warning, never a
reason to drop the attendance, roles and items the document holds.
"""

from __future__ import annotations

import datetime as dt
import re

from kg.danish import TEXT_DATE, find_dates, find_time_range, first_date, slug
from collections import Counter

from kg.danish.bodies import (
    BOARD_OWNER_KINDS, board_owner_in, body_name_in, cut_body_name, guess_kind, is_board, is_generic, letter_spaced,
    meeting_compound_stem,
)
from kg.danish.layout import DECISION_RUN_ON, SITE_LINE, TREATED_IN, field
from kg.danish.literal import drop_brackets
from kg.extract.named_bodies import shared_across_regions, unplaced_body
from kg.model import Body, DocumentKind, Doubt, Meeting, MeetingRef, Span
from kg.read import Line
from kg.reference import BodyDirectory, municipalities, regions
from kg.segment import MeetingSegment
from kg.segment import patterns as P

_LABELLED = re.compile(r"^(Tid og sted|Tidspunkt|Tid|Dato|Mødedato|Sted|Mødested)\s*[:\t]\s*(.*)$", re.I)
# "møde i <body>", "Bestyrelsesmøde i <body>", "møde del 2 i <body>",
# "ekstraordinært møde <body>": what follows a word for meeting.
_MEETING_OF = re.compile(r"\b\w*møde[t]?(?:\s+del\s+\d+)?\s+(?:(?:i|for|hos)\s+)?(?:det\s+|den\s+)?(?P<rest>\S.*)$",
                         re.I)
# Document-kind words in a title line ("X - Dagsordener og referater").
_KIND_WORDS = re.compile(r"\b(?:dagsorden(?:er)?|referat(?:er)?|beslutningsprotokol)(?:\s+og\s+(?:dagsorden(?:er)?|"
                         r"referat(?:er)?))?\b", re.I)
# A letter-spaced heading inside a line ("REFERAT 2010 K K R S J Æ L L A N D Dato:").
_LETTER_SPACED = re.compile(r"(?<!\S)(?:[A-ZÆØÅ] ){3,}[A-ZÆØÅ](?!\S)")
_PLACE_SENTENCE = re.compile(r"^Mødet (?:afholdes|holdes|finder sted) (?:på|i|hos)\s+(.+?)\.?$", re.I)
_YEAR_ONLY = re.compile(r"\b((?:19|20)\d\d)\b")
# Kinds of body whose generic name ("Byrådet", "Sundhedsudvalget") is read
# as the body of the municipality the header names.
_MUNICIPAL_KINDS = frozenset({"municipal-council", "committee", "executive-committee", "council"})
# Header lines longer than this are prose; only their start is read for a date.
_TITLE_CHARS = 160
# Labels of fields holding the date, the time, the end time and the place, in the order trusted.
_DATE_FIELDS = ("dato", "mødedato", "starttidspunkt", "tid og sted", "tidspunkt", "tid", "mødetidspunkt")
_PLACE_FIELDS = ("sted", "mødested", "lokale")
_BODY_FIELDS = ("udvalg", "forum", "organ")


def read_meeting(segment: MeetingSegment, doc: str, position: int, directory: BodyDirectory,
                 parent_body: str | None = None) -> tuple[Meeting, Body | None, list[Doubt]]:
    """The Meeting a segment's header describes, the Body it belongs to, and
    any doubts. `position` keeps undated meetings of one document apart;
    `parent_body` is the enclosing meeting's body, used (with a warning) when
    quoted minutes do not name theirs. A body kg does not know becomes a
    body of its own; a segment that names none gets an unknown body."""
    header = [line for line in segment.header if line.text.strip()]
    doubts: list[Doubt] = []
    first_line = header[0].number if header else segment.start
    titles = [line for line in header if not SITE_LINE.search(line.text)]
    title_line = titles[0] if titles else Line(segment.start, "")

    labelled = _fields(header)
    kind = _kind(header, segment, labelled, doc, first_line, doubts)
    # A page that records no meeting has no meeting date: a date in its
    # prose ("gældende til den 30. juni") is not one.
    date, date_line = _date(titles[:1] if kind is DocumentKind.OTHER else titles, labelled, segment)
    if date is None:
        doubts.append(Doubt(doc, first_line, _no_date_reason(titles, labelled)))
    else:
        _check_title_year(title_line, date, doc, doubts)
    start_time, end_time = _times(labelled, date_line)
    place = _place(header, labelled, date_line)
    region = _header_region(header)
    body, as_written = _body(titles, labelled, segment, directory, parent_body is None, region)
    if body is not None and not body.found_by_pattern and not region and shared_across_regions(as_written):
        body, as_written = _place_shared(body, as_written, titles, labelled, segment, directory, parent_body,
                                         doc, doubts, first_line)
    if body is not None and body.found_by_pattern:
        body = _open_world(body, header, place, doc, position, doubts, first_line, segment, directory)
    if body is None and parent_body is not None:
        doubts.append(Doubt(doc, first_line, "the quoted minutes do not name their body; "
                                             "taken to be the body of the enclosing meeting"))
    if body is None and parent_body is None:
        doubts.append(Doubt(doc, first_line, "the document names no body kg recognises; "
                                             "its meeting is kept under an unknown body"))
        body = _unknown_body(doc, position)
    body_key = body.key if body else parent_body
    ref = MeetingRef(body_key, date, fallback="" if date else f"{doc}#{position}")
    last = max((line.number for line in header), default=first_line)
    meeting = Meeting(
        ref=ref,
        body_as_written=as_written,
        kind=kind,
        span=Span(doc, first_line, max(first_line, last)),
        start_time=start_time,
        end_time=end_time,
        place=place,
    )
    return meeting, body, doubts


def _fields(header: list[Line]) -> dict[str, tuple[Line, str]]:
    """label -> (line, value) for "Label: value" lines and for labels alone
    on a line over their value (`STARTTIDSPUNKT` / `2023-10-02 11:00`)."""
    labelled: dict[str, tuple[Line, str]] = {}
    for index, line in enumerate(header):
        found = field(line.text)
        if not found:
            continue
        label, value = found
        inner = field(value) if value else None
        if inner:
            # "Dato: Tidspunkt: 09:30": the date's digits were lost.
            labelled.setdefault(inner[0], (line, inner[1]))
            value = ""
        elif not value and index + 1 < len(header) and not field(header[index + 1].text):
            value = header[index + 1].text.strip()
        labelled.setdefault(label, (line, value))
    return labelled


def _header_region(header: list[Line]) -> str:
    """The one region the title lines or the site's name line name, else "".
    Only they say whose body this is; a participant list run into the header
    names other regions too."""
    text = " ".join(l.text for l in header[:6] if len(l.text) <= _TITLE_CHARS or SITE_LINE.search(l.text))
    named = [key for key, row in regions().items() if row["name"] in text]
    return named[0] if len(named) == 1 else ""


def _text_regions(segment: MeetingSegment) -> set[str]:
    """The regions a page's text points to anywhere: regions by name or
    adjective ("Region Sjælland", "hovedstadsregionen"), KKR by region
    ("KKR Hovedstaden"), and the regions of the municipalities it names as
    "X Kommune"."""
    found: set[str] = set()
    text = "\n".join(line.text for line in segment.lines)
    for key, row in regions().items():
        place = row["name"].split()[-1]
        if row["name"] in text or re.search(rf"\b{re.escape(row['adjective'])}\b", text) or f"KKR {place}" in text:
            found.add(key)
    for m in re.finditer(r"([A-ZÆØÅ][\wæøå-]+(?:[ -][A-ZÆØÅ][\wæøå]+)?)\s+[Kk]ommune\b", text):
        municipality = municipalities().lookup(m.group(1))
        if municipality is not None:
            found.add(municipality.region)
    return found


def _place_shared(body: Body, as_written: str, titles: list[Line], labelled: dict, segment: MeetingSegment,
                  directory: BodyDirectory, parent_body: str | None, doc: str, doubts: list[Doubt],
                  line: int) -> tuple[Body, str]:
    """A body name several regions' bodies share ("Sundhedskoordinationsudvalget")
    in a header that names no region: the body of the one region the page's
    text points to, else a body of this document's own, each with a doubt;
    never the first region's namesake."""
    named = _text_regions(segment)
    if len(named) == 1:
        region = next(iter(named))
        found, written = _body(titles, labelled, segment, directory, parent_body is None, region)
        if found is not None and found.region == region:
            doubts.append(Doubt(doc, line, f"the body name {as_written!r} is shared by bodies of several regions; "
                                           f"read as {found.name}, since the page names only places in "
                                           f"{regions()[region]['name']}"))
            return found, written
    doubts.append(Doubt(doc, line, f"the body name {as_written!r} is shared by bodies of several regions and "
                                   "the page does not say which; kept as this document's body"))
    return unplaced_body(as_written, doc, body.kind), as_written


def _board_owner(segment: MeetingSegment, directory: BodyDirectory) -> tuple[Body, int] | None:
    """(organisation, line) whose board a document records: the one a
    sentence names ("bestyrelsen for X", "Bestyrelsesmøde i X"), else the
    one organisation with a board of its own (kg.danish.bodies
    BOARD_OWNER_KINDS) that the document names at least twice and more
    often than any other; None when the text does not say."""
    for line in segment.lines:
        name = board_owner_in(line.text)
        if not name:
            continue
        known = directory.lookup(name)
        if known is not None:
            return known, line.number
        kind, cue = guess_kind(name)
        return Body(slug(name), name, (), kind, True, "", cue), line.number
    counts: Counter = Counter()
    first: dict[str, int] = {}
    for body in directory.bodies:
        if body.kind not in BOARD_OWNER_KINDS:
            continue
        names = "|".join(re.escape(n) for n in sorted({body.name, *body.aliases}, key=len, reverse=True)
                         if len(n) >= 3)
        pattern = re.compile(rf"(?<![\w-])(?:{names})(?![\w-])")
        for line in segment.lines:
            hits = len(pattern.findall(line.text))
            if hits:
                counts[body.key] += hits
                first.setdefault(body.key, line.number)
    ranked = counts.most_common(2)
    if ranked and ranked[0][1] >= 2 and (len(ranked) == 1 or ranked[0][1] > ranked[1][1]):
        key = ranked[0][0]
        return next(b for b in directory.bodies if b.key == key), first[key]
    return None


def _municipality_in(place: str):
    """The municipality a place names word by word ("Byrådssalen,
    Brønderslev Rådhus" -> Brønderslev), or None."""
    for word in re.findall(r"[A-ZÆØÅ][\wæøå-]+", place):
        found = municipalities().lookup(word)
        if found:
            return found
    return None


def _unknown_body(doc: str, position: int) -> Body:
    suffix = f"-{position}" if position else ""
    return Body(key=f"unknown-{slug(doc)}{suffix}", name=f"unknown body ({doc})", kind="unknown",
                found_by_pattern=True)


def _no_date_reason(titles: list[Line], labelled: dict) -> str:
    if "dato" in labelled and not labelled["dato"][1].strip():
        return "the 'Dato:' line carries no date (its digits may be lost); the meeting is undated"
    for line in titles[:8]:
        m = TEXT_DATE.search(line.text[:_TITLE_CHARS])
        if m and not m.group("year"):
            return f"the header gives {m.group(0)!r} without a year; the meeting is undated"
    return "the meeting header states no readable date"


def _kind(header: list[Line], segment: MeetingSegment, labelled: dict, doc: str, line: int,
          doubts: list[Doubt]) -> DocumentKind:
    """Agenda or minutes as the header says; else minutes when an item has
    a decision, agenda when items or participants are listed or the title
    speaks of a meeting; else OTHER, a page that records no meeting."""
    for text in header[:6]:
        kind = P.kind_word(text.text)
        if kind:
            found = DocumentKind(kind)
            decided = sum(1 for it in segment.items if it.section("decision"))
            if found is DocumentKind.AGENDA and decided:
                doubts.append(Doubt(doc, line, f"the header says agenda (dagsorden), but {decided} items "
                                               "carry decisions: an agenda with its decisions filled in"))
            return found
    meeting_title = any((m := _MEETING_OF.search(text.text)) and m.group("rest")[:1].isupper() or
                        m and m.group("rest")[:1].isdigit() for text in header[:6] if len(text.text) <= _TITLE_CHARS)
    if not (segment.items or segment.blocks or meeting_title or any(k in labelled for k in _DATE_FIELDS)):
        doubts.append(Doubt(doc, line, "no agenda, minutes or participant list found: "
                                       "read as a page that records no meeting"))
        return DocumentKind.OTHER
    decided = any(it.section("decision") for it in segment.items) or \
        any(DECISION_RUN_ON.match(line.text.strip()) for line in segment.lines)
    kind = DocumentKind.MINUTES if decided else DocumentKind.AGENDA
    doubts.append(Doubt(doc, line, f"the header does not say agenda or minutes; taken as {kind.value} "
                                   "from the item texts"))
    return kind


def _date(titles: list[Line], labelled: dict, segment: MeetingSegment) -> tuple[dt.date | None, Line | None]:
    """The meeting date: a date field first ("Dato:", "STARTTIDSPUNKT"),
    then the title and header lines (the start of a long one), then a
    per-item "Behandling i <body> <date>" line."""
    for label in _DATE_FIELDS:
        if label in labelled:
            line, rest = labelled[label]
            date = first_date(rest)
            if date:
                return date, line
    for line in titles[:8]:
        date = first_date(line.text[:_TITLE_CHARS])
        if date:
            return date, line
    for line in segment.lines:
        m = TREATED_IN.match(line.text.strip())
        date = first_date(m.group("rest")) if m else None
        if date:
            return date, None
    return None, None


def _check_title_year(title: Line, date: dt.date, doc: str, doubts: list[Doubt]) -> None:
    """A title such as "REFERAT 2018" over a 2016 date is a typo in one of them."""
    if find_dates(title.text):
        return
    years = {int(y) for y in _YEAR_ONLY.findall(title.text)}
    if years and date.year not in years:
        doubts.append(Doubt(doc, title.number, f"the title says {sorted(years)[0]} but the meeting date is "
                                               f"{date.isoformat()}; the date line is used"))


def _times(labelled: dict, date_line: Line | None) -> tuple[dt.time | None, dt.time | None]:
    start, end = None, None
    for label in ("tid og sted", "tidspunkt", "tid", "mødetidspunkt", "starttidspunkt", "dato", "mødedato"):
        if label in labelled:
            start, end = find_time_range(labelled[label][1])
            if start:
                break
    if start is None and date_line is not None:
        start, end = find_time_range(date_line.text[:_TITLE_CHARS])
    if start is not None and end is None and "sluttidspunkt" in labelled:
        end = find_time_range(labelled["sluttidspunkt"][1])[0]
    return start, end


def _place(header: list[Line], labelled: dict, date_line: Line | None) -> str:
    """"Sted:" wins; else what follows the time on a "Tid og sted" line, or
    the line right below it; else "Mødet afholdes på X"; else the short line
    right below a bare date line."""
    for label in _PLACE_FIELDS:
        if label in labelled and labelled[label][1]:
            return _clean_place(labelled[label][1])
    if "tid og sted" in labelled:
        line, rest = labelled["tid og sted"]
        after = re.split(r"\d{1,2}[.:]\d\d\s*(?:[-–—]\s*(?:kl\.?\s*)?\d{1,2}[.:]\d\d)?\s*[.,]?", rest, maxsplit=1)
        if len(after) == 2 and len(after[1].strip(" .,")) > 3:
            return _clean_place(after[1])
        below = _line_below(header, line)
        if below and not _LABELLED.match(below.text) and not P.block_label(below.text) \
                and not _PLACE_SENTENCE.match(below.text):
            return _clean_place(below.text)
    for line in header:
        m = _PLACE_SENTENCE.match(line.text.strip())
        if m:
            return _clean_place(m.group(1))
    if date_line is not None and not _LABELLED.match(date_line.text):
        below = _line_below(header, date_line)
        if below and len(below.text) < 80 and not P.block_label(below.text) and not first_date(below.text):
            return _clean_place(below.text)
    return ""


def _line_below(header: list[Line], line: Line) -> Line | None:
    idx = header.index(line)
    return header[idx + 1] if idx + 1 < len(header) else None


def _clean_place(text: str) -> str:
    """A place without surrounding punctuation; in a run-on PDF page, only
    up to its postcode and town, since the page's prose follows."""
    text = re.sub(r"\s+", " ", text).strip(" .,;\t")
    if len(text) > 80:
        m = re.search(r"\b\d{4} [A-ZÆØÅ][\wæøå]+(?: [A-ZÆØÅ]\b\.?)?", text)
        text = text[:m.end()] if m and m.end() <= 120 else ""
    return text


def _body(titles: list[Line], labelled: dict, segment: MeetingSegment, directory: BodyDirectory,
          top_level: bool, region: str) -> tuple[Body | None, str]:
    """The body the text names, and the name as written: a body field, a
    title sentence ("møde i <body>"), a short title line ("<body> -
    Referat", "KD-Net (Dagsorden)", "K K R ..."), else (for a document's own
    meeting) a per-item "Behandling i <body> ..." line."""
    candidates: list[str] = [labelled[label][1] for label in _BODY_FIELDS if label in labelled]
    for line in titles[:8]:
        m = _MEETING_OF.search(line.text[:_TITLE_CHARS])
        if m:
            candidates.append(m.group("rest"))
        candidates += _LETTER_SPACED.findall(line.text[:_TITLE_CHARS])
        owner = board_owner_in(line.text[:_TITLE_CHARS])
        if owner:
            candidates.append(owner)  # "Ny bestyrelse for X": a page of X's board
    for line in titles[:8]:
        text = drop_brackets(line.text, " ").strip()
        text = _KIND_WORDS.sub(" ", text).strip(" -–:")
        stem = meeting_compound_stem(text.split()[0]) if text else ""
        if stem:
            candidates.append(stem)  # "Bestyrelsesmøde 29. januar": a meeting of the board
        elif text and len(text) <= 80:
            candidates.append(text)
    if top_level:
        candidates += [m.group("rest") for line in segment.lines if (m := TREATED_IN.match(line.text.strip()))]
    for phrase in candidates:
        body, written = _known_or_open(phrase, directory, region)
        if body is not None:
            return body, written
    return None, ""


def _known_or_open(phrase: str, directory: BodyDirectory, region: str = "") -> tuple[Body | None, str]:
    """A body from reference data (exact name or alias, or one named inside
    the phrase when the phrase has no body word of its own), else a new body
    named like one ("...udvalget", "Styregruppen for ...", an acronym), marked
    found_by_pattern; None when the phrase names no body."""
    spaced = letter_spaced(phrase)
    if spaced:
        # "K K R S J Æ L L A N D": a known alias, else a name in its own right.
        known = directory.lookup(spaced)
        if known is not None or not guess_kind(spaced.capitalize())[0]:
            return known, phrase.strip()
        phrase = spaced.capitalize()
    name = cut_body_name(phrase)
    if not name:
        return None, ""
    def lookup(text: str) -> Body | None:
        # A name several regions share names the header's region's body.
        return directory.resolve_in_region(text, region, exact=True) if region else directory.lookup(text)

    exact = lookup(name) or lookup(phrase.strip())
    if not exact and body_name_in(phrase):
        name = body_name_in(phrase)
        exact = lookup(name)
    if exact:
        return exact, name
    if not guess_kind(name)[0]:
        found = directory.resolve(phrase)
        if found is not None and not found.found_by_pattern:
            return found, name
    if body_name_in(name) == name:
        kind, cue = guess_kind(name)
        return Body(key=slug(name), name=name, kind=kind, kind_cue=cue, found_by_pattern=True), name
    return None, ""


def _open_world(body: Body, header: list[Line], place: str, doc: str, position: int, doubts: list[Doubt],
                line: int, segment: MeetingSegment, directory: BodyDirectory) -> Body:
    """A body not in the reference data: its region when the header names
    one; a generic board ("Bestyrelse") is the board of the organisation
    the document names as its owner; another generic name ("Byrådet") is
    qualified by the municipality or region the header names, else kept
    apart as this document's body, since many bodies share it. Each reading
    is a doubt."""
    region = _header_region(header)
    kind = body.kind or guess_kind(body.name)[0]
    if not is_generic(body.name):
        return Body(body.key, body.name, body.aliases, kind, True, region, body.kind_cue or guess_kind(body.name)[1])
    owner = _board_owner(segment, directory) if is_board(body.name) else None
    if owner is not None:
        found, evidence = owner
        doubts.append(Doubt(doc, evidence, f"the body name {body.name!r} is generic; read as the board of "
                                           f"{found.name}, which the document names"))
        return found
    municipality = _municipality_in(place) if kind in _MUNICIPAL_KINDS else None
    if municipality is not None:
        qualifier, region = municipality.name, municipality.region
    elif region:
        qualifier = regions()[region]["name"]
    else:
        doubts.append(Doubt(doc, line, f"the body name {body.name!r} is generic and the document does not say "
                                       "whose; kept apart as this document's body"))
        suffix = f"-{position}" if position else ""
        return Body(f"{slug(body.name)}-{slug(doc)}{suffix}", body.name, (), kind, True, "",
                    guess_kind(body.name)[1])
    doubts.append(Doubt(doc, line, f"the body name {body.name!r} is generic; read as the body of {qualifier}, "
                                   "which the header names"))
    return Body(slug(f"{body.name} {qualifier}"), f"{body.name} ({qualifier})", (), kind, True, region,
                guess_kind(body.name)[1])
