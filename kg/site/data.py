"""What the site shows, read from the store once: plain dicts keyed by page
path, so that each page's context is built without further queries."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field

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


def _src(row: dict[str, str], file: str = "file", line: str = "line") -> str:
    return f"{row[file]}:{row[line]}" if row.get(file) and row.get(line) else ""


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
    for row in store.select("""
        SELECT ?p ?name (GROUP_CONCAT(DISTINCT ?alt; separator="|") AS ?alts) WHERE {
          ?p a foaf:Person ; foaf:name ?name . OPTIONAL { ?p skos:altLabel ?alt } } GROUP BY ?p ?name"""):
        data.people[row["p"]] = {"iri": row["p"], "name": row["name"], "path": page_path(row["p"]),
                                 "variants": sorted(filter(None, row["alts"].split("|")))}
    for row in store.select("""
        SELECT ?m ?code ?name ?region WHERE { ?m a kg:Municipality ; skos:notation ?code ; skos:prefLabel ?name ;
          kg:inRegion/skos:prefLabel ?region }"""):
        data.municipalities[row["m"]] = {"iri": row["m"], "name": row["name"], "code": row["code"],
                                         "region": row["region"], "path": page_path(row["m"])}
    for row in store.select("""
        SELECT DISTINCT ?m ?person ?body ?role ?muni ?start ?end (MIN(?s) AS ?source) WHERE {
          ?m a org:Membership ; org:member ?person ; org:organization ?body ; org:role/skos:prefLabel ?role .
          FILTER(LANG(?role) = "da") ?person a foaf:Person .
          OPTIONAL { ?m opengov:onBehalfOf ?muni } OPTIONAL { ?m schema:validFrom ?start }
          OPTIONAL { ?m schema:validUntil ?end }
          OPTIONAL { ?m prov:wasDerivedFrom ?span . ?span oa:hasSource/dcterms:identifier ?f ; kg:lineStart ?l .
                     BIND(CONCAT(STR(?f), ":", STR(?l)) AS ?s) }
        } GROUP BY ?m ?person ?body ?role ?muni ?start ?end ORDER BY ?start"""):
        data.memberships.append(row)
    for row in store.select("""
        SELECT DISTINCT ?m ?body ?date ?kind ?place ?documented ?note WHERE {
          ?m a kg:Meeting ; schema:organizer ?body . OPTIONAL { ?m dcterms:date ?date }
          OPTIONAL { ?m kg:recordKind/skos:prefLabel ?kind . FILTER(LANG(?kind) = "en") }
          OPTIONAL { ?m schema:location ?place } OPTIONAL { ?m kg:documentedIn/dcterms:identifier ?documented }
          OPTIONAL { ?m rdfs:comment ?note } }"""):
        meeting = data.meetings.setdefault(row["m"], {"iri": row["m"], "body": row["body"], "date": row["date"],
                                                      "kinds": set(), "place": row["place"], "documents": set(),
                                                      "notes": set(), "path": page_path(row["m"])})
        meeting["kinds"].add(row["kind"]) if row["kind"] else None
        meeting["documents"].add(row["documented"]) if row["documented"] else None
        meeting["notes"].add(row["note"]) if row["note"] else None
    for row in store.select("""
        SELECT DISTINCT ?i ?m ?number ?position ?title ?outcome ?file ?line
                        (GROUP_CONCAT(DISTINCT STR(?who); separator="|") AS ?presenters) WHERE {
          ?i a kg:AgendaItem ; kg:meeting ?m ; kg:number ?number ; schema:position ?position ; dcterms:title ?title ;
             kg:decision/kg:outcome ?o ; prov:wasDerivedFrom ?span .
          ?span oa:hasSource/dcterms:identifier ?file ; kg:lineStart ?line .
          OPTIONAL { ?i kg:presenter ?who }
          BIND(STRAFTER(STR(?o), "#") AS ?outcome)
        } GROUP BY ?i ?m ?number ?position ?title ?outcome ?file ?line ORDER BY ?m ?position"""):
        data.items[row["m"]].append({"iri": row["i"], "number": row["number"], "title": row["title"],
                                     "outcome": row["outcome"], "source": _src(row),
                                     "presenters": sorted(filter(None, row["presenters"].split("|")))})
    for row in store.select("""
        SELECT DISTINCT ?earlier ?later ?item WHERE {
          ?item kg:approvesMinutesOf ?earlier ; kg:meeting ?later }"""):
        data.approvals.append(row)
    for row in store.select("""
        SELECT DISTINCT ?m ?person ?status ?for ?file ?line WHERE {
          ?a a kg:Attendance ; kg:meeting ?m ; kg:person ?person ; kg:status ?s ; prov:wasDerivedFrom ?span .
          ?span oa:hasSource/dcterms:identifier ?file ; kg:lineStart ?line .
          OPTIONAL { ?a kg:substituteFor ?for } BIND(STRAFTER(STR(?s), "#") AS ?status) } ORDER BY ?m ?status"""):
        data.attendance.append({**row, "source": _src(row)})
    for row in store.select("""
        SELECT DISTINCT ?m ?who ?body ?target ?status ?file ?line WHERE {
          ?a a kg:Appointment ; kg:meeting ?m ; kg:appointee ?who ; kg:status ?s ; prov:wasDerivedFrom ?span .
          ?span oa:hasSource/dcterms:identifier ?file ; kg:lineStart ?line .
          OPTIONAL { ?a kg:toBody ?body } OPTIONAL { ?a kg:target ?target }
          BIND(STRAFTER(STR(?s), "#") AS ?status) }"""):
        data.appointments.append({**row, "source": _src(row)})
    for row in store.select("""
        SELECT DISTINCT ?r ?item ?title ?m ?from ?to ?target ?next ?file ?line WHERE {
          ?r a kg:Referral ; dcterms:subject ?item ; kg:sourceMeeting ?m ; kg:fromBody ?from ; kg:toBody ?to ;
             prov:wasDerivedFrom ?span .
          ?item dcterms:title ?title .
          ?span oa:hasSource/dcterms:identifier ?file ; kg:lineStart ?line .
          OPTIONAL { ?r kg:targetDate ?target } OPTIONAL { ?r kg:targetItem ?next } } ORDER BY ?m ?r"""):
        data.referrals.append({**row, "source": _src(row)})
    for row in store.select("""
        SELECT DISTINCT ?a ?name ?kind ?period ?item ?title ?m ?status ?file ?line WHERE {
          ?a a kg:Agreement ; dcterms:title ?name ; kg:agreementKind ?kind . OPTIONAL { ?a kg:period ?period }
          ?h kg:agreement ?a ; kg:status ?s ; dcterms:subject ?item ; prov:wasDerivedFrom ?span .
          ?item dcterms:title ?title ; kg:meeting ?m .
          ?span oa:hasSource/dcterms:identifier ?file ; kg:lineStart ?line .
          BIND(STRAFTER(STR(?s), "#agreement-") AS ?status) } ORDER BY ?a ?m"""):
        agreement = data.agreements.setdefault(row["a"], {"iri": row["a"], "name": row["name"], "kind": row["kind"],
                                                          "period": row["period"], "parties": [], "handlings": [],
                                                          "path": page_path(row["a"])})
        agreement["handlings"].append({**row, "source": _src(row)})
    for row in store.select("SELECT DISTINCT ?a ?party WHERE { ?a a kg:Agreement ; kg:party ?party }"):
        data.agreements[row["a"]]["parties"].append(row["party"]) if row["a"] in data.agreements else None
    used = {m["body"] for m in data.memberships} | {m["body"] for m in data.meetings.values()} | \
        {r["from"] for r in data.referrals} | {r["to"] for r in data.referrals} | \
        {a["body"] for a in data.appointments if a["body"]} | \
        {p for a in data.agreements.values() for p in a["parties"]}
    for row in store.select("SELECT DISTINCT ?b ?name WHERE { ?b a org:Organization ; skos:prefLabel ?name }"):
        if row["b"] in used and row["b"] not in data.municipalities:
            data.bodies[row["b"]] = {"iri": row["b"], "name": row["name"], "path": page_path(row["b"])}
    return data
