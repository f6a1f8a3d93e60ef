"""A `Concordance` as one self-contained HTML page: a table of findings per version.

Each version's column header carries its own `lang` (and `dir` for Arabic), so names and
symbols in it render in the right script and direction; findings are in the language of
the report (English). No script, no network resources.
"""

from __future__ import annotations

from diffcore.concordance import FINDING_KINDS, Concordance

from .html_view import environment, stylesheet

RTL = frozenset({"ar", "he", "fa", "ur"})


def render(result: Concordance) -> str:
    counts = result.counts()
    groups = []
    for version in result.versions:
        if version is result.reference:
            continue
        groups.append(
            {
                "version": version,
                "dir": "rtl" if version.language in RTL else "ltr",
                "findings": [f for f in result.findings if f.version == version.name],
            }
        )
    template = environment().get_template("concordance.html.j2")
    return template.render(
        css=stylesheet("report.css"),
        result=result,
        reference=result.reference,
        groups=groups,
        counts=[(k, counts.get(k, 0)) for k in FINDING_KINDS],
    )
