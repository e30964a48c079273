"""A small network picture, drawn at build time as SVG: one entity in the
middle and its neighbours on a circle around it (no layout library needed,
and the same picture on every build)."""

from __future__ import annotations

import math
from html import escape

WIDTH, HEIGHT, RADIUS = 520, 360, 130
MAX_NEIGHBOURS = 24


def ego_svg(center: str, neighbours: list[tuple[str, str, str]]) -> str:
    """SVG markup: `center` label in the middle, `neighbours` as (label,
    href or "", edge label) around it. All text is escaped."""
    shown = neighbours[:MAX_NEIGHBOURS]
    cx, cy = WIDTH / 2, HEIGHT / 2
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" class="network" viewBox="0 0 {WIDTH} {HEIGHT}" '
             f'role="img" aria-label="{escape(center)} and {len(neighbours)} connections">']
    points = []
    for i, (label, href, edge) in enumerate(shown):
        angle = 2 * math.pi * i / max(len(shown), 1) - math.pi / 2
        x, y = cx + RADIUS * math.cos(angle) * 1.35, cy + RADIUS * math.sin(angle)
        points.append((x, y, label, href, edge))
        parts.append(f'<line x1="{cx:.1f}" y1="{cy:.1f}" x2="{x:.1f}" y2="{y:.1f}"><title>{escape(edge)}</title></line>')
    parts.append(f'<circle class="center" cx="{cx:.1f}" cy="{cy:.1f}" r="9"/>')
    parts.append(f'<text class="center" x="{cx:.1f}" y="{cy - 14:.1f}" text-anchor="middle">{escape(center)}</text>')
    for x, y, label, href, edge in points:
        node = (f'<circle cx="{x:.1f}" cy="{y:.1f}" r="6"/>'
                f'<text x="{x:.1f}" y="{y + (16 if y >= cy else -10):.1f}" text-anchor="middle">{escape(label)}</text>')
        parts.append(f'<a href="{escape(href)}">{node}</a>' if href else node)
    if len(neighbours) > len(shown):
        parts.append(f'<text x="8" y="{HEIGHT - 8}">+{len(neighbours) - len(shown)} more</text>')
    parts.append("</svg>")
    return "".join(parts)
