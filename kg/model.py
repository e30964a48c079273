"""Fact types: plain, frozen values that extractors emit and the RDF mapping reads.

Facts know nothing of RDF or the store. Every fact carries a `Span`, the lines
of the source document it was read from, so that every triple can cite them.
"""

from __future__ import annotations

import bisect
import datetime as dt
from dataclasses import dataclass, field
from enum import Enum


class DocumentKind(str, Enum):
    """What a meeting document says it is: an agenda (before) or minutes
    (after); OTHER for a page that records no meeting (a membership page, a
    news item), whose lines extractors still read for roles and appointments."""

    AGENDA = "agenda"  # dagsorden
    MINUTES = "minutes"  # referat, beslutningsprotokol
    OTHER = "other"  # medlemsside, nyhed


class Outcome(str, Enum):
    """How an agenda item was treated, read from its decision text.

    NONE means there is no decision text at all (an agenda whose meeting has
    not happened yet); UNCLEAR means there is a text that no rule classifies.
    """

    APPROVED = "approved"
    NOTED = "noted"
    DISCUSSED = "discussed"
    SENT_ON = "sent-on"
    NOT_TREATED = "not-treated"
    UNCLEAR = "unclear"
    NONE = "none"


@dataclass(frozen=True, slots=True)
class Span:
    """Lines `start`..`end` (1-based, inclusive) of document `doc` (its file name)."""

    doc: str
    start: int
    end: int

    def __post_init__(self) -> None:
        if self.start < 1 or self.end < self.start:
            raise ValueError(f"bad line range {self.start}-{self.end} in {self.doc}")

    def __str__(self) -> str:
        return f"{self.doc}:{self.start}" if self.start == self.end else f"{self.doc}:{self.start}-{self.end}"


@dataclass(frozen=True, slots=True)
class Doubt:
    """A doubt met while reading a document: never a guess, always a place to look."""

    doc: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.doc}:{self.line}: {self.message}"


@dataclass(frozen=True, slots=True)
class MeetingRef:
    """What identifies a meeting across documents: its body and its date.

    `body` is the canonical body key (see kg/data/bodies.csv) or, for a body the
    reference data does not know, a slug of the name as written. `date` is None
    only when the document states no readable date; `fallback` then keeps such
    meetings apart (document name and position).
    """

    body: str
    date: dt.date | None
    fallback: str = ""

    def __post_init__(self) -> None:
        if not self.body:
            raise ValueError("a meeting needs a body")
        if self.date is None and not self.fallback:
            raise ValueError("a meeting without a date needs a fallback key")


@dataclass(frozen=True, slots=True)
class Body:
    """An inter-municipal body (KKR, KD-Net, a steering group ...).

    `key` is stable across documents; `name` the canonical name; `aliases` the
    spellings it is known by; `found_by_pattern` is True when the body is not in
    the reference data and was only recognised by the shape of its name. For
    such a body `kind` is a guess and `kind_cue` the word of its name the guess
    came from ("udvalg", "forum"; "" when the kind is not guessed).
    `unit_of` is the key of the body this one is a unit of (a chairmanship,
    "formandskabet for KKR Midtjylland"), else "".
    """

    key: str
    name: str
    aliases: tuple[str, ...] = ()
    kind: str = ""
    found_by_pattern: bool = False
    region: str = ""
    kind_cue: str = ""
    unit_of: str = ""


@dataclass(frozen=True, slots=True)
class Meeting:
    """A meeting of a body, as one document (or an embedded part of it) shows it.

    `body_as_written` is the name in the header; `ref.body` its resolution.
    `start_time`/`end_time` are None when not stated; `place` is "" when not
    stated. `embedded_in` is the item of another meeting whose text quotes this
    meeting's minutes, or None for the document's own meeting.
    """

    ref: MeetingRef
    body_as_written: str
    kind: DocumentKind
    span: Span
    start_time: dt.time | None = None
    end_time: dt.time | None = None
    place: str = ""
    embedded_in: "ItemRef | None" = None


@dataclass(frozen=True, slots=True)
class ItemRef:
    """An agenda item: its meeting and its number as printed ("3", "3.1")."""

    meeting: MeetingRef
    number: str


@dataclass(frozen=True, slots=True)
class AgendaItem:
    """One item of a meeting's agenda, reconciled from agenda table and body.

    `title` is the heading in the body (or the agenda table's when the body has
    none); `agenda_title` the agenda table's wording when it differs, else "".
    `presenters` are names as written after "v.". `recommendation` and
    `decision` are the texts of "Det indstilles"/"Indstilling" and
    "Beslutning"/"Referat:", "" when absent. `case_numbers` are KL case ids
    such as SAG-2021-04115; `attachments` the titles of the attachments
    the item marks with "./."; `approves_minutes_of` the earlier meeting whose
    minutes the item approves ("Godkendelse af referat fra mødet den ...").
    """

    ref: ItemRef
    position: int
    title: str
    span: Span
    agenda_title: str = ""
    presenters: tuple[str, ...] = ()
    recommendation: str = ""
    decision: str = ""
    outcome: Outcome = Outcome.NONE
    case_numbers: tuple[str, ...] = ()
    attachments: tuple[str, ...] = ()
    approves_minutes_of: MeetingRef | None = None

    def __post_init__(self) -> None:
        if self.position < 1:
            raise ValueError("item positions start at 1")
        if not self.title.strip():
            raise ValueError(f"item {self.ref.number} has no title")


@dataclass(frozen=True, slots=True)
class Municipality:
    """A Danish municipality: official code, name, region key, aliases."""

    code: str
    name: str
    region: str
    aliases: tuple[str, ...] = ()


class AttendanceStatus(str, Enum):
    """How a person is recorded at a meeting."""

    PRESENT = "present"
    ABSENT = "absent"  # afbud, fraværende
    SUBSTITUTE = "substitute"  # attended in someone else's place; also recorded PRESENT
    PARTIAL = "partial"  # attended part of the meeting: see Attendance.partial


class AttendanceCapacity(str, Enum):
    """In what capacity a person attended: as a member of the body (the
    default), or as a guest, an observer or the secretariat (minute-taker
    included), who are never members."""

    MEMBER = "member"
    GUEST = "guest"  # gæster, oplægsholdere
    OBSERVER = "observer"  # observatører
    SECRETARY = "secretary"  # sekretariat, referent


@dataclass(frozen=True, slots=True)
class PartialAttendance:
    """Which part of a meeting a partial attendee was there for: the item
    numbers named ("deltog ikke under punkterne 12-15": items 12..15,
    attended False) and/or a time span ("deltog kl. 11.30 til 12.30":
    start 11:30, end 12:30, attended True). `written` is the phrase."""

    written: str
    items: tuple[str, ...] = ()
    attended: bool = True
    start: dt.time | None = None
    end: dt.time | None = None


@dataclass(frozen=True, slots=True)
class Attendance:
    """A person named in a meeting's participant lists.

    `name` is as written (titles stripped). `substitute_for` is the name of
    the absent person a substitute stood in for, "" otherwise; a substitute
    has two records, SUBSTITUTE and PRESENT, that differ only in status.
    `municipality` is a municipality code when the list says where the
    person is from, else "". `group` is the list heading the person stood
    under ("KL", "KKR sekretariatet"), "" for the main lists. `title` is a
    job title written with the name ("kommunaldirektør"), "". `party` is a
    party letter written with the name ("A" for "(A)" or ", A"), "".
    `capacity` says whether the person attended as a member, guest,
    observer or secretary; `partial` says which part a PARTIAL attendee
    was there for.
    """

    meeting: MeetingRef
    name: str
    status: AttendanceStatus
    span: Span
    substitute_for: str = ""
    municipality: str = ""
    group: str = ""
    title: str = ""
    party: str = ""
    capacity: AttendanceCapacity = AttendanceCapacity.MEMBER
    partial: PartialAttendance | None = None


class Role(str, Enum):
    """Roles in a body (org:Role concepts)."""

    CHAIR = "formand"
    VICE_CHAIR = "næstformand"
    CO_CHAIR = "medformand"
    CHAIRMANSHIP = "formandskab"  # one of the chairs, which one unstated
    MEMBER = "medlem"
    SECRETARIAT = "sekretariat"
    ANCHOR = "ankerkommune"
    MAYOR = "borgmester"  # of a municipality: the body is the municipality's council
    SECTION_CHAIR = "kredsformand"  # chairs one of the body's regional sections (kredse); not its chair
    # Capacities in which people sit at a body's meetings without being its members.
    SUBSTITUTE = "suppleant"
    OBSERVER = "observatør"
    GUEST = "gæst"


@dataclass(frozen=True, slots=True)
class RoleStatement:
    """The text says a person holds (or leaves) a role in a body.

    `body` is a body key. `date` is the date the statement speaks for (the
    meeting's date unless the text states one); `stated_start` the start date
    the text gives, if any; `ends` is True when the text says the role ends
    ("fratræder", "trækker sig"), with `end` its date when stated; the
    start and end bases say what the text gives for the term's evidence.
    """

    name: str
    body: str
    role: Role
    span: Span
    date: dt.date | None
    municipality: str = ""
    stated_start: dt.date | None = None
    ends: bool = False
    end: dt.date | None = None
    # What the sentence says of the term (kg/danish/roles.py start_cue, end_cue):
    # start basis "continuing", "stated-tenure" (held since `since_year`),
    # "appointed", "elected", "constituted" or ""; end basis "left", "retired", "moved" or "".
    start_basis: str = ""
    since_year: int | None = None
    end_basis: str = ""


class AppointmentStatus(str, Enum):
    PROPOSED = "proposed"  # in a recommendation (Indstilling)
    DECIDED = "decided"  # approved in the decision (Beslutning)


@dataclass(frozen=True, slots=True)
class Appointment:
    """An appointment ("udpeges til") made or proposed at a meeting.

    `appointee` is a person's name, or a municipality code when
    `appointee_is_municipality` (an ankerkommune). `body` is the body key
    appointed to, or "" when the target is not a body (then `target` holds
    the text). `replaces` is the name of the person whose seat is taken.
    `date` is the date of the appointment or election when the text states
    one other than the meeting's ("valgt på generalforsamlingen den 5. maj"
    in the sentence before), else None; `elected` is True for an election
    ("er valgt som") rather than an appointment.
    """

    meeting: MeetingRef
    appointee: str
    status: AppointmentStatus
    span: Span
    body: str = ""
    target: str = ""
    role: Role = Role.MEMBER
    replaces: str = ""
    appointee_is_municipality: bool = False
    municipality: str = ""
    date: dt.date | None = None
    elected: bool = False


@dataclass(frozen=True, slots=True)
class Mention:
    """A person named in running text: `kind` is "speaker" ("X orienterede",
    "X sagde"), "titled" ("borgmester X", with `title`) or "named" (any other
    mention). Evidence for who a person is, not a role."""

    meeting: MeetingRef
    name: str
    span: Span
    kind: str
    title: str = ""
    written: str = ""  # the form in the text when it differs (a genitive "Kate Bøghs")


@dataclass(frozen=True, slots=True)
class Referral:
    """An item moving from one body to another: "KD-Net indstiller til KKR",
    "forelægges KKR Midtjylland den 10. februar 2023", "sendes til godkendelse
    i byrådene".

    `position` orders the referrals of one item (1-based); `continues` is the
    position of the referral this one carries on (0 when it starts a chain:
    KD-Net -> KKR is continued by KKR -> city councils). `target_date` is the
    date of the receiving meeting when stated. `marker` is the phrase that
    signalled the flow.

    `status` is "happened" (past tense, "blev forelagt", "har sendt",
    "godkendte"; or a flow into the meeting being documented) or "planned"
    (present or future, "sendes til", "forelægges"). `purpose` is decision,
    recommendation, information, comments, report or discussion ("" when the
    text names none). `when` is a time named without being the receiving
    meeting's date ("næste møde", "senest den 1. marts 2023"). `from_date` is
    the date the sender handles the case: the item's meeting when the sender
    is its body, the previous hop's target date in a chain, else None.
    `outcome` is what the receiver did when the text reports it
    ("KKR Midtjylland godkendte den 22. november 2022": approved).
    `general` marks a description of how such cases usually flow ("som KKR
    sender til godkendelse i byrådene"): a rule, not a flow of this case.
    """

    item: ItemRef
    from_body: str
    to_body: str
    span: Span
    position: int
    target_date: dt.date | None = None
    continues: int = 0
    marker: str = ""
    status: str = "planned"
    purpose: str = ""
    when: str = ""
    from_date: dt.date | None = None
    outcome: str = ""
    general: bool = False


@dataclass(frozen=True, slots=True)
class ScheduledMeeting:
    """A meeting listed in a calendar ("Mødekalender for KKR Midtjylland
    2023: 10. februar ..."), with what the calendar says of it ("virtuelt
    møde", "konstituerende møde"), as `note`."""

    ref: MeetingRef
    span: Span
    note: str = ""


class AgreementStatus(str, Enum):
    DRAFT = "draft"
    PROPOSED = "proposed"
    APPROVED = "approved"
    IN_FORCE = "in-force"


@dataclass(frozen=True, slots=True)
class Agreement:
    """An agreement an item handles (rammeaftale, resultatkontrakt ...).

    `key` identifies it across documents (kind, period or else topic, and
    region; kg/resolve/agreements.py joins topics that name one agreement);
    `name` is readable ("Rammeaftale 2023-2024", "Samarbejdsaftale om X"); `parties` are body keys (or
    "municipality-<code>"), () when the text names none; `period` is "2020"
    or "2023-2024", "" when unstated; `status` as the item leaves it, None
    when the item only discusses or mentions it (decides nothing about it).
    """

    key: str
    name: str
    kind: str
    item: ItemRef
    span: Span
    period: str = ""
    parties: tuple[str, ...] = ()
    status: AgreementStatus | None = AgreementStatus.DRAFT
    topic: str = ""  # what it is about when no period names it ("om genoptræning")


@dataclass(frozen=True, slots=True)
class DocumentInfo:
    """The source document: file name, content hash, size, encoding, kind."""

    name: str
    sha256: str
    size: int
    encoding: str
    kind: DocumentKind | None
    title: str = ""
    line_count: int = 0
    # For paged formats (PDF): the first line number of each page, in order.
    pages: tuple[int, ...] = ()


def cite_line(doc: str, line: int, pages: tuple[int, ...] = ()) -> str:
    """Where a line is, as a person would cite it: `file:line`, or
    `file:page:line` in a paged document (the line counted within its page,
    as a reader of the PDF finds it); `pages` holds each page's first line."""
    page = bisect.bisect_right(pages, line) if pages else 0
    if page:
        return f"{doc}:{page}:{line - pages[page - 1] + 1}"
    return f"{doc}:{line}"


@dataclass(slots=True)
class Extraction:
    """Everything read from one document: the facts and the doubts."""

    document: DocumentInfo
    bodies: list[Body] = field(default_factory=list)
    meetings: list[Meeting] = field(default_factory=list)
    items: list[AgendaItem] = field(default_factory=list)
    attendance: list[Attendance] = field(default_factory=list)
    roles: list[RoleStatement] = field(default_factory=list)
    appointments: list[Appointment] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    referrals: list[Referral] = field(default_factory=list)
    scheduled: list[ScheduledMeeting] = field(default_factory=list)
    agreements: list[Agreement] = field(default_factory=list)
    warnings: list[Doubt] = field(default_factory=list)
