"""Bodies named where a role or an appointment is stated: known bodies by
their names and aliases, the text's own body when it says "bestyrelsen" or
"udvalget", a municipality's council, and any other capitalised name as a
body of its own (open world, marked found_by_pattern)."""

from __future__ import annotations

import re

from kg.danish import looks_like_person_name, slug
from kg.extract.context import MeetingContext
from kg.model import Body, Municipality
from kg.reference import bodies

# How a text refers to its own body, in lower case ("Styregruppen" may be a name).
_SELF = re.compile(r"^(?:den\s+nye\s+|den\s+)?(?:bestyrelsen|hovedbestyrelsen|udvalget|rådet|forummet|styregruppen|"
                   r"netværket)$")
_ALIAS = re.compile(r"\s*\((?P<alias>[A-ZÆØÅ][\w-]{1,15})\)\s*$")


def municipality_body(municipality: Municipality) -> Body:
    """The council of a municipality, the body its mayor heads."""
    name = f"{municipality.name} Kommune"
    known = bodies().lookup(name)
    if known is not None:
        return known
    return Body(key=f"kommune-{slug(municipality.name)}", name=name, kind="municipal-council",
                found_by_pattern=True, region=municipality.region)


def shared_across_regions(name: str) -> bool:
    """True when bodies of several regions share the name ("Kontaktudvalget",
    "Sundhedskoordinationsudvalget")."""
    return len({b.region for b in bodies().candidates(name.strip(" ,.;:"))}) > 1


def unplaced_body(name: str, doc: str, kind: str = "") -> Body:
    """A body whose name several regions' bodies share, in a document that
    does not say which region: a body of that document's own (open world),
    so no region's namesake is taken for it."""
    return Body(key=f"{slug(name)}-{slug(doc)}", name=name, kind=kind, found_by_pattern=True)


def body_for(phrase: str, ctx: MeetingContext) -> Body | None:
    """The body `phrase` names, or None when it names none (lower-case prose,
    a person)."""
    phrase = re.sub(r"\s+", " ", phrase).strip(" ,.;:-–")
    if _SELF.match(phrase):
        return Body(key=ctx.ref.body, name=phrase)
    alias = _ALIAS.search(phrase)
    name = phrase[: alias.start()] if alias else phrase
    if not ctx.region and shared_across_regions(name):
        return unplaced_body(name, ctx.doc)
    known = ctx.bodies.resolve_in_region(name, ctx.region, exact=True) or (
        ctx.bodies.lookup(alias.group("alias")) if alias else None)
    if known is not None:
        return known
    municipality = ctx.municipalities.lookup(name) if re.search(r"[Kk]ommune$", name) else None
    if municipality is not None:
        return municipality_body(municipality)
    words = name.split()
    if not name[:1].isupper() or not 1 <= len(words) <= 8 or looks_like_person_name(name):
        return None
    return Body(key=slug(name), name=name, aliases=(alias.group("alias"),) if alias else (),
                found_by_pattern=True)
