"""The stylesheet embedded in every Casebook SVG.

Graphs are inlined into pages, so every selector starts with a ``cb-`` class and nothing can
style the rest of the page. Colours are CSS custom properties set on the SVG root: light by
default, dark under Material's ``slate`` scheme, light again in print (where the later rule of
equal specificity wins). Every ``var()`` carries the light value as a fallback, so the SVG
stays legible if the custom properties are removed by a sanitizer or an old renderer.

Kinds of event differ in shape and in a text tag as well as in colour, and the hues are taken
from the Okabe-Ito palette, which stays distinct under the common colour-vision deficiencies.
"""

from __future__ import annotations

LIGHT = {
    "fg": "#1f2430",
    "muted": "#4a5160",
    "lane-a": "rgba(60,70,90,.07)",
    "lane-b": "rgba(60,70,90,.025)",
    "lane-line": "rgba(60,70,90,.22)",
    "edge": "#5a6270",
    "critical": "#1f2430",
    "mark-fg": "#ffffff",
    "break-fill": "#fbe1d0",
    "break-stroke": "#a94400",
    "amplifier-fill": "#f5dfed",
    "amplifier-stroke": "#96386f",
    "response-fill": "#d9eaf7",
    "response-stroke": "#005b8f",
    "recovery-fill": "#d5efe5",
    "recovery-stroke": "#006e52",
    "context-fill": "#eef0f3",
    "context-stroke": "#626a78",
    "heat": "#0072b2",
    "focus": "#e69f00",
}

DARK = {
    "fg": "#e6e8ee",
    "muted": "#b3b9c4",
    "lane-a": "rgba(200,210,230,.075)",
    "lane-b": "rgba(200,210,230,.03)",
    "lane-line": "rgba(200,210,230,.2)",
    "edge": "#a4abb8",
    "critical": "#eef0f4",
    "mark-fg": "#14161c",
    "break-fill": "#4d2814",
    "break-stroke": "#ff9a5c",
    "amplifier-fill": "#47243b",
    "amplifier-stroke": "#f0a3d2",
    "response-fill": "#14334c",
    "response-stroke": "#7fc4f2",
    "recovery-fill": "#113f32",
    "recovery-stroke": "#63d6b0",
    "context-fill": "#2c3039",
    "context-stroke": "#a0a7b4",
    "heat": "#56b4e9",
    "focus": "#f0c05a",
}

KINDS = ("break", "amplifier", "response", "recovery", "context")


def svg_role(has_links: bool) -> str:
    """The ARIA role of a Casebook SVG root.

    ``img`` gives its children presentational status, so links inside it become focus stops
    that screen readers cannot see; axe-core reports that as ``nested-interactive`` (serious,
    WCAG 4.1.2; see dequelabs/axe-core#2213). A picture with links is therefore a
    ``graphics-document`` (WAI-ARIA Graphics Module): it keeps its name and description from
    ``aria-labelledby`` and lets keyboard and screen-reader users reach every event. A picture
    without links stays an ``img``.
    """
    return "graphics-document" if has_links else "img"


FONT = 'system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif'


def var(name: str) -> str:
    """``var(--cb-NAME,light value)``: a custom property with its fallback."""
    return f"var(--cb-{name},{LIGHT[name]})"


def _declarations(palette: dict[str, str]) -> str:
    return ";".join(f"--cb-{name}:{value}" for name, value in palette.items())


def _schemes(root: str) -> list[str]:
    return [
        f".{root}{{{_declarations(LIGHT)};font-family:{FONT}}}",
        f'[data-md-color-scheme="slate"] .{root}{{{_declarations(DARK)}}}',
        f"@media print{{.{root},[data-md-color-scheme] .{root}{{{_declarations(LIGHT)}}}}}",
    ]


def chain_css() -> str:
    """The stylesheet of a chain graph (root class ``cb-chain``)."""
    r = ".cb-chain"
    rules = [
        *_schemes("cb-chain"),
        f"{r} .cb-lane-a{{fill:{var('lane-a')}}}",
        f"{r} .cb-lane-b{{fill:{var('lane-b')}}}",
        f"{r} .cb-lane-line{{stroke:{var('lane-line')};stroke-width:1}}",
        f"{r} .cb-lane-label{{fill:{var('fg')};font-size:12px;font-weight:600}}",
        f"{r} .cb-edge{{fill:none;stroke:{var('edge')};stroke-width:1.5}}",
        f"{r} .cb-edge.cb-critical{{stroke:{var('critical')};stroke-width:2.75}}",
        f"{r} .cb-arrowhead{{fill:{var('edge')}}}",
        f"{r} .cb-arrowhead.cb-critical{{fill:{var('critical')}}}",
        f"{r} .cb-shape,{r} .cb-inner{{stroke-width:1.5}}",
        f"{r} .cb-inner{{fill:none}}",
        f"{r} .cb-node-break .cb-shape{{stroke-width:2.5}}",
        f"{r} .cb-node-context .cb-shape{{stroke-dasharray:5 3}}",
        *(
            f"{r} .cb-node-{kind} .cb-shape{{fill:{var(kind + '-fill')};stroke:{var(kind + '-stroke')}}}"
            f"{r} .cb-node-{kind} .cb-inner{{stroke:{var(kind + '-stroke')}}}"
            for kind in KINDS
        ),
        f"{r} .cb-meta{{fill:{var('muted')};font-size:10px;font-weight:600}}",
        f"{r} .cb-title{{fill:{var('fg')};font-size:13px}}",
        f"{r} .cb-axis{{stroke:{var('muted')};stroke-width:1}}",
        f"{r} .cb-axis-label,{r} .cb-legend-label{{fill:{var('muted')};font-size:11px}}",
        f"{r} .cb-on-path .cb-shape{{stroke-width:3.25}}",
        f"{r} .cb-mark rect{{fill:{var('critical')}}}",
        f"{r} .cb-mark text{{fill:{var('mark-fg')};font-size:10px;font-weight:700}}",
        f"{r} a:hover .cb-shape{{stroke-width:3.5}}",
        f"{r} a:focus{{outline:none}}",
        f"{r} a:focus-visible .cb-shape{{stroke:{var('focus')};stroke-width:4}}",
    ]
    return "".join(rules)


def patterns_css() -> str:
    """The stylesheet of the corpus heat map (root class ``cb-patterns``)."""
    r = ".cb-patterns"
    rules = [
        *_schemes("cb-patterns"),
        f"{r} .cb-grid{{fill:none;stroke:{var('lane-line')};stroke-width:1}}",
        f"{r} .cb-cell{{fill:{var('heat')}}}",
        f"{r} .cb-grid.cb-diag{{fill:{var('lane-a')}}}",
        f"{r} .cb-bar{{fill:{var('break-stroke')}}}",
        f"{r} .cb-count{{fill:{var('fg')};font-size:12px;font-weight:600}}",
        f"{r} .cb-head{{fill:{var('fg')};font-size:12px}}",
        f"{r} .cb-caption{{fill:{var('muted')};font-size:11px}}",
        f"{r} a:hover .cb-head,{r} a:focus-visible .cb-head{{text-decoration:underline}}",
        f"{r} a:hover .cb-cell{{stroke:{var('fg')};stroke-width:1.5}}",
    ]
    return "".join(rules)
