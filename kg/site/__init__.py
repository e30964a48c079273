"""Static relationship pages: an index with client-side search, and a page per
person, body, municipality, meeting and agreement, rendered with jinja2
(autoescaped) from plain context dicts, one function per page type.

Pages live at stable paths derived from entity IRIs (person/<key>.html,
meeting/<body>/<date>.html ...) and link relatively, so the site works opened
from disk and served over HTTP alike.
"""

from __future__ import annotations

import json
import shutil
from collections import defaultdict
from importlib.resources import files
from pathlib import Path

from jinja2 import Environment, PackageLoader, select_autoescape

from kg.errors import KgError
from kg.output import atomic_folder
from kg.site.data import SiteData, load, page_path
from kg.site.svg import ego_svg
from kg.store import GraphStore

CHAIR_ROLES = {"formand", "næstformand", "medformand", "formandskab"}


class _Site:
    def __init__(self, data: SiteData):
        self.data = data
        self.labels: dict[str, str] = {}
        for group in (data.people, data.bodies, data.municipalities, data.agreements):
            self.labels.update({iri: e["name"] for iri, e in group.items()})
        for iri, meeting in data.meetings.items():
            self.labels[iri] = f"{self.labels.get(meeting['body'], '?')} {meeting['date'] or ''}".strip()
        self.pages = {iri for group in (data.people, data.bodies, data.municipalities, data.meetings,
                                        data.agreements) for iri in group}

    def link(self, iri: str | None, root: str) -> dict[str, str]:
        """{"label", "href"} for an entity; href "" when it has no page."""
        if not iri:
            return {"label": "", "href": ""}
        href = root + page_path(iri) if iri in self.pages else ""
        return {"label": self.labels.get(iri, iri.rsplit("/", 1)[-1]), "href": href}

    # -- one context function per page type ----------------------------------------

    def person(self, iri: str, root: str) -> dict:
        d = self.data
        roles = sorted((m for m in d.memberships if m["person"] == iri), key=lambda m: (_from(m) or "9", m["body"]))
        dates = [x for m in roles for x in (_from(m), m["end"]) if x]
        low, high = (min(dates), max(dates)) if dates else ("", "")
        attendance = [a for a in d.attendance if a["person"] == iri]
        return {
            "title": d.people[iri]["name"], "person": d.people[iri],
            "roles": [{"body": self.link(m["body"], root), "role": m["role"], "municipality": self.link(m["muni"], root),
                       "start": _since(m), "end": m["end"], "source": m["source"],
                       **_bar(_from(m), m["end"], low, high)} for m in roles],
            "attendance": [{"meeting": self.link(a["m"], root), "status": a["status"],
                            "substitute_for": self.link(a["for"], root), "source": a["source"]}
                           for a in sorted(attendance, key=lambda a: self.labels.get(a["m"], ""))],
            "replaced_by": [{"meeting": self.link(a["m"], root), "person": self.link(a["person"], root),
                             "source": a["source"]} for a in d.attendance if a["for"] == iri],
            "appointments": [{"meeting": self.link(a["m"], root), "body": self.link(a["body"], root) if a["body"]
                              else {"label": a["target"], "href": ""}, "status": a["status"], "source": a["source"]}
                             for a in d.appointments if a["who"] == iri],
            "presented": [{"meeting": self.link(meeting, root), "title": i["title"], "source": i["source"]}
                          for meeting, items in d.items.items() for i in items if iri in i["presenters"]],
            "svg": ego_svg(d.people[iri]["name"], _neighbours(
                (m["body"], self.labels.get(m["body"], ""), self.link(m["body"], root)["href"], m["role"])
                for m in roles)),
        }

    def body(self, iri: str, root: str) -> dict:
        d = self.data
        members = sorted((m for m in d.memberships if m["body"] == iri),
                         key=lambda m: (m["role"] != "formand", m["role"], self.labels.get(m["person"], "")))
        rows = [{"person": self.link(m["person"], root), "role": m["role"], "municipality": self.link(m["muni"], root),
                 "start": _since(m), "end": m["end"], "source": m["source"]} for m in members]
        meetings = sorted((m for m in d.meetings.values() if m["body"] == iri), key=lambda m: m["date"] or "")
        return {
            "title": d.bodies[iri]["name"], "body": d.bodies[iri], "members": rows,
            "chairs": sorted((r for r in rows if r["role"] in CHAIR_ROLES), key=lambda r: r["start"]),
            "meetings": [self.link(m["iri"], root) for m in meetings],
            "sent": self._referrals(lambda r: r["from"] == iri, "to", root),
            "received": self._referrals(lambda r: r["to"] == iri, "from", root),
            "svg": ego_svg(d.bodies[iri]["name"], _neighbours(
                (m["person"], self.labels.get(m["person"], ""), self.link(m["person"], root)["href"], m["role"])
                for m in members)),
        }

    def _referrals(self, keep, other: str, root: str) -> list[dict]:
        return [{"meeting": self.link(r["m"], root), "title": r["title"], "other": self.link(r[other], root),
                 "target": r["target"], "source": r["source"]} for r in self.data.referrals if keep(r)]

    def municipality(self, iri: str, root: str) -> dict:
        d = self.data
        return {"title": d.municipalities[iri]["name"], "municipality": d.municipalities[iri],
                "members": [{"person": self.link(m["person"], root), "body": self.link(m["body"], root),
                             "role": m["role"], "start": _since(m), "end": m["end"], "source": m["source"]}
                            for m in sorted((m for m in d.memberships if m["muni"] == iri),
                                            key=lambda m: self.labels.get(m["person"], ""))]}

    def meeting(self, iri: str, root: str) -> dict:
        d = self.data
        meeting = d.meetings[iri]
        onward = defaultdict(list)
        for r in d.referrals:
            if r["m"] == iri:
                onward[r["item"]].append({"other": self.link(r["to"], root), "target": r["target"]})
        return {
            "title": self.labels[iri],
            "meeting": {**meeting, "body": self.link(meeting["body"], root), "kinds": sorted(meeting["kinds"]),
                        "documents": sorted(meeting["documents"]), "notes": sorted(meeting["notes"])},
            "attendance": [{"person": self.link(a["person"], root), "status": a["status"],
                            "substitute_for": self.link(a["for"], root), "source": a["source"]}
                           for a in d.attendance if a["m"] == iri],
            "items": [{**i, "presenters": [self.link(p, root) for p in i["presenters"]], "next": onward[i["iri"]]}
                      for i in d.items.get(iri, [])],
            "appointments": [{"who": self.link(a["who"], root), "body": self.link(a["body"], root) if a["body"]
                              else {"label": a["target"], "href": ""}, "status": a["status"], "source": a["source"]}
                             for a in d.appointments if a["m"] == iri],
            "minutes_approved_at": [self.link(a["later"], root) for a in d.approvals if a["earlier"] == iri],
            "approves_minutes_of": [self.link(a["earlier"], root) for a in d.approvals if a["later"] == iri],
        }

    def agreement(self, iri: str, root: str) -> dict:
        agreement = self.data.agreements[iri]
        return {"title": agreement["name"], "agreement": agreement,
                "parties": [self.link(p, root) for p in agreement["parties"]],
                "handlings": [{"meeting": self.link(h["m"], root), "title": h["title"], "status": h["status"],
                               "source": h["source"]} for h in agreement["handlings"]]}

    def index(self) -> dict:
        d = self.data
        documented = sorted((m for m in d.meetings.values() if m["documents"]), key=lambda m: (m["date"] or ""))
        return {"title": "kg", "counts": {
                    "people": len(d.people), "bodies": len(d.bodies), "meetings": len(documented),
                    "agreements": len(d.agreements),
                    "documents": len({doc for m in d.meetings.values() for doc in m["documents"]})},
                "bodies": [self.link(iri, "") for iri in sorted(d.bodies, key=lambda i: self.labels[i])],
                "meetings": [self.link(m["iri"], "") for m in documented]}

    def search_index(self) -> list[dict]:
        d = self.data
        entries = [{"label": p["name"], "kind": "person", "url": p["path"], "text": " ".join([p["name"], *p["variants"]])}
                   for p in d.people.values()]
        entries += [{"label": b["name"], "kind": "body", "url": b["path"], "text": b["name"]} for b in d.bodies.values()]
        entries += [{"label": m["name"], "kind": "municipality", "url": m["path"], "text": m["name"]}
                    for m in d.municipalities.values()]
        entries += [{"label": self.labels[i], "kind": "meeting", "url": m["path"], "text": self.labels[i]}
                    for i, m in d.meetings.items()]
        entries += [{"label": a["name"], "kind": "agreement", "url": a["path"], "text": a["name"]}
                    for a in d.agreements.values()]
        return sorted(entries, key=lambda e: (e["kind"] != "person", e["label"]))


def _neighbours(rows) -> list[tuple[str, str, str]]:
    """(label, href, roles) once per neighbour, its roles joined."""
    merged: dict[str, list] = {}
    for key, label, href, role in rows:
        entry = merged.setdefault(key, [label, href, []])
        if role not in entry[2]:
            entry[2].append(role)
    return [(label, href, ", ".join(roles)) for label, href, roles in merged.values()]


def _from(m: dict) -> str:
    """Where a membership's bar starts: its start where the text gives one,
    else the first meeting that shows it; a stated tenure's year from its first day."""
    start = m["start"] or m["seen"] or ""
    return f"{start}-01-01" if len(start) == 4 else start


def _since(m: dict) -> str:
    """A membership's start as a page shows it: the start with its basis
    ("2014 (stated-tenure)", "(continuing)"), else "seen 2022-11-04", so that
    what kg only saw is never read as a start."""
    if m["start"] or m["basis"]:
        return " ".join(filter(None, (m["start"], f"({m['basis']})" if m["basis"] else "")))
    return f"seen {m['seen']}" if m["seen"] else ""


def _bar(start: str | None, end: str | None, low: str, high: str) -> dict[str, float]:
    """Left offset and width (percent) of a membership on the person's timeline."""
    if not low or low == high:
        return {"left": 0.0, "width": 100.0}
    def pos(day: str) -> float:
        return _days(day) - _days(low)
    span = _days(high) - _days(low)
    left = pos(start) / span * 100 if start else 0.0
    right = pos(end) / span * 100 if end else 100.0
    return {"left": round(left, 1), "width": round(max(right - left, 1.0), 1)}


def _days(day: str) -> int:
    import datetime as dt
    return dt.date.fromisoformat(day).toordinal()


def build_site(store: GraphStore, out_dir: Path) -> int:
    """Render the site into `out_dir`; return the number of pages written.

    The pages are written into a temporary folder that replaces `out_dir`
    at the end (kg.output.atomic_folder): a kill leaves the previous site,
    and no page of an earlier site stays behind."""
    site = _Site(load(store))
    env = Environment(loader=PackageLoader("kg.site", "templates"), autoescape=select_autoescape(["html"]),
                      trim_blocks=True, lstrip_blocks=True)
    with atomic_folder(out_dir) as folder:
        written = _render(site, env, folder)
    return written


def _render(site: _Site, env: Environment, out_dir: Path) -> int:
    static = out_dir / "static"
    static.mkdir(exist_ok=True)
    for name in ("style.css", "search.js"):
        shutil.copyfile(str(files("kg.site").joinpath(f"static/{name}")), static / name)
    (out_dir / "search-index.js").write_text(
        "window.KG_SEARCH = " + _script_json(site.search_index()) + ";\n", encoding="utf-8")
    written = 0
    root_dir = out_dir.resolve()

    def write(path: str, template: str, context: dict) -> None:
        nonlocal written
        target = inside(root_dir, path)
        target.parent.mkdir(parents=True, exist_ok=True)
        root = "../" * path.count("/")
        target.write_text(env.get_template(template).render(root=root, **context), encoding="utf-8")
        written += 1

    write("index.html", "index.html", site.index())
    for kind, group in (("person", site.data.people), ("body", site.data.bodies),
                        ("municipality", site.data.municipalities), ("meeting", site.data.meetings),
                        ("agreement", site.data.agreements)):
        for iri, entity in group.items():
            root = "../" * entity["path"].count("/")
            write(entity["path"], f"{kind}.html", getattr(site, kind)(iri, root))
    return written


def inside(root: Path, relative: str) -> Path:
    """`root / relative`, refusing any path that would leave `root`."""
    target = (root / relative).resolve()
    if not relative or Path(relative).is_absolute() or not target.is_relative_to(root):
        raise KgError(f"refusing to write the page {relative!r} outside the site folder {root}")
    return target


def _script_json(value) -> str:
    """JSON that is also safe inside an HTML <script> element: '<', '>' and
    '&' escaped, so a title holding "</script>" cannot end the script, and
    U+2028/2029 escaped for older JavaScript engines."""
    text = json.dumps(value, ensure_ascii=False)
    for char, escape in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"),
                         ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(char, escape)
    return text
