"""Resolving across documents: the stage between extraction (one document
at a time) and the RDF mapping.

- identity (kg/resolve/identity.py): every spelling of a name to one person,
  with the reason for each merge;
- memberships (kg/resolve/memberships.py): who sits where, over time, from
  attendance, roles and appointments;
- links (kg/resolve/links.py): a case followed from the item that sends it to
  the item of the receiving meeting that takes it up.

Its types (Sighting, Person, Resolution, Membership, CaseLink) are its own;
other stages import them from here.
"""

from kg.resolve.identity import Person, Resolution, Sighting, normalize_name, resolve_people, same_person
from kg.resolve.links import CaseLink, case_links
from kg.resolve.memberships import Membership, derive_memberships, sightings

__all__ = ["CaseLink", "Membership", "Person", "Resolution", "Sighting", "case_links", "derive_memberships",
           "normalize_name", "resolve_people", "same_person", "sightings"]
