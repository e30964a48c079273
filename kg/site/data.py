"""What the site shows, read from the store's merged graph once (the queries
are kg/queries/internal/site-*.rq): plain dicts keyed by page path, so that
each page's context is built without further queries."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field

from kg.queries import internal_query
from kg.store import GraphStore
from kg.vocab import ID_BASE


def page_path(iri: str) -> str:
    """The page of an entity IRI, relative to the site root:
    .../person/jan-holm -> person/jan-holm.html,
    .../meeting/kd-net/2022-11-04 -> meeting/kd-net/2022-11-04.html.
    Every segment is made a safe file name (see safe_segment), so no IRI
    can name a page outside the site or one the file system refuses."""
    if not iri.startswith(ID_BASE):
        return ""
    segments = [safe_segment(part) for part in iri[len(ID_BASE):].split("/")]
    return "/".join(segments) + ".html"


# Bytes of a file name; file systems allow 255, and ".html" must fit.
_SEGMENT_BYTES = 120
_UNSAFE = re.compile(r"[^\w.-]+")


def safe_segment(text: str) -> str:
    """One path segment: letters (any script), digits, '.', '_' and '-' only,
    never hidden ('.', '..', '.x'), at most 120 bytes; a shortened segment
    ends with a hash of the whole, so two long names keep two pages."""
    text = unicodedata.normalize("NFC", text)
    safe = _UNSAFE.sub("-", text).lstrip(".") or "_"
    if len(safe.encode("utf-8")) <= _SEGMENT_BYTES and safe == text:
        return safe
    digest = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:10]
    head = safe.encode("utf-8")[:_SEGMENT_BYTES - 11].decode("utf-8", "ignore").rstrip("-.")
    return f"{head}-{digest}"


@dataclass
class SiteData:
    """Everything the pages show, keyed by the entity IRIs."""

    people: dict[str, dict] = field(default_factory=dict)
    bodies: dict[str, dict] = field(default_factory=dict)
    municipalities: dict[str, dict] = field(default_factory=dict)
    meetings: dict[str, dict] = field(default_factory=dict)
    agreements: dict[str, dict] = field(default_factory=dict)
    memberships: list[dict] = field(default_factory=list)
    attendance: list[dict] = field(default_factory=list)
    appointments: list[dict] = field(default_factory=list)
    referrals: list[dict] = field(default_factory=list)
    approvals: list[dict] = field(default_factory=list)  # {earlier, later, item}: minutes approved
    items: dict[str, list[dict]] = field(default_factory=lambda: defaultdict(list))


def load(store: GraphStore) -> SiteData:
    """Read the site's data from the store."""
    data = SiteData()
    for row in store.select(internal_query("site-people")):
        data.people[row["p"]] = {"iri": row["p"], "name": row["name"], "path": page_path(row["p"]),
                                 "variants": sorted(filter(None, row["alts"].split("|")))}
    for row in store.select(internal_query("site-municipalities")):
        data.municipalities[row["m"]] = {"iri": row["m"], "name": row["name"], "code": row["code"],
                                         "region": row["region"], "path": page_path(row["m"])}
    for row in store.select(internal_query("site-memberships")):
        data.memberships.append(row)
    for row in store.select(internal_query("site-meetings")):
        meeting = data.meetings.setdefault(row["m"], {"iri": row["m"], "body": row["body"], "date": row["date"],
                                                      "kinds": set(), "place": row["place"], "documents": set(),
                                                      "notes": set(), "path": page_path(row["m"])})
        meeting["kinds"].add(row["kind"]) if row["kind"] else None
        meeting["documents"].add(row["documented"]) if row["documented"] else None
        meeting["notes"].add(row["note"]) if row["note"] else None
    for row in store.select(internal_query("site-items")):
        data.items[row["m"]].append({"iri": row["i"], "number": row["number"], "title": row["title"],
                                     "outcome": row["outcome"], "source": row["source"],
                                     "presenters": sorted(filter(None, row["presenters"].split("|")))})
    for row in store.select(internal_query("site-approvals")):
        data.approvals.append(row)
    for row in store.select(internal_query("site-attendance")):
        data.attendance.append(row)
    for row in store.select(internal_query("site-appointments")):
        data.appointments.append(row)
    for row in store.select(internal_query("site-referrals")):
        data.referrals.append(row)
    for row in store.select(internal_query("site-agreements")):
        agreement = data.agreements.setdefault(row["a"], {"iri": row["a"], "name": row["name"], "kind": row["kind"],
                                                          "period": row["period"], "parties": [], "handlings": [],
                                                          "path": page_path(row["a"])})
        agreement["handlings"].append(row)
    for row in store.select(internal_query("site-parties")):
        data.agreements[row["a"]]["parties"].append(row["party"]) if row["a"] in data.agreements else None
    used = {m["body"] for m in data.memberships} | {m["body"] for m in data.meetings.values()} | \
        {r["from"] for r in data.referrals} | {r["to"] for r in data.referrals} | \
        {a["body"] for a in data.appointments if a["body"]} | \
        {p for a in data.agreements.values() for p in a["parties"]}
    for row in store.select(internal_query("site-bodies")):
        if row["b"] in used and row["b"] not in data.municipalities:
            data.bodies[row["b"]] = {"iri": row["b"], "name": row["name"], "path": page_path(row["b"])}
    return data
