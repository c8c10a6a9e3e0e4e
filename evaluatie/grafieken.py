"""Charts for the evaluation report, drawn on the server as SVG: no script, the same picture on
the page and in the PDF. A chart is decoration for who can see it (aria-hidden): the report
gives every figure in a table next to it, for screen readers and to copy."""

from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

from overleggen.naleving import Nalevingsstatus

KLEUR = {
    Nalevingsstatus.TE_LAAT: "#b02a37",
    Nalevingsstatus.BOVEN_MAXIMUM: "#c2570c",
    Nalevingsstatus.GEEN_AFSPRAAK: "#6f42c1",
    Nalevingsstatus.IN_TE_PLANNEN: "#e0a800",
    Nalevingsstatus.GEPLAND: "#3d8bfd",
    Nalevingsstatus.VOLDAAN: "#198754",
}


def staven(waarden: list[tuple[str, str]], hoogte: int = 140) -> str:
    """Vertical bars, one per (label, shown count). A count that is hidden ("<5", "x") gets no
    bar, only its mark, so the picture reveals no more than the table."""
    getallen = [int(w) for _l, w in waarden if w.isdigit()]
    hoogste = max(getallen, default=0) or 1
    breedte = 48
    stukken = []
    for i, (label, waarde) in enumerate(waarden):
        x = 10 + i * (breedte + 12)
        if waarde.isdigit():
            h = round((hoogte - 30) * int(waarde) / hoogste)
            stukken.append(
                format_html(
                    '<rect x="{}" y="{}" width="{}" height="{}" fill="#0d6efd"></rect>',
                    x,
                    hoogte - 20 - h,
                    breedte,
                    h,
                )
            )
            y_tekst = hoogte - 24 - h
        else:
            y_tekst = hoogte - 24
        stukken.append(
            format_html(
                '<text x="{}" y="{}" text-anchor="middle" font-size="11">{}</text>'
                '<text x="{}" y="{}" text-anchor="middle" font-size="11">{}</text>',
                x + breedte // 2,
                y_tekst,
                waarde,
                x + breedte // 2,
                hoogte - 6,
                label,
            )
        )
    totaal_breedte = 20 + len(waarden) * (breedte + 12)
    return format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" class="grafiek" aria-hidden="true" '
        'width="{}" height="{}" viewBox="0 0 {} {}">{}</svg>',
        totaal_breedte,
        hoogte,
        totaal_breedte,
        hoogte,
        mark_safe("".join(stukken)),  # noqa: S308 (each piece escaped by format_html)
    )


def naleving_balken(rijen: list[tuple[str, dict]], breedte: int = 320) -> str:
    """One horizontal bar per kind of meeting, split by the number of scopes in each status
    (worst first), for one year."""
    regelhoogte = 22
    stukken = []
    links = 230  # room for the name of the kind of meeting
    for i, (naam, per_status) in enumerate(rijen):
        y = 4 + i * regelhoogte
        totaal = sum(per_status.values()) or 1
        stukken.append(
            format_html(
                '<text x="0" y="{}" font-size="10">{}</text>',
                y + 12,
                naam if len(naam) <= 40 else naam[:39] + "…",
            )
        )
        x = float(links)
        for status, kleur in KLEUR.items():
            n = per_status.get(status, 0)
            if not n:
                continue
            w = breedte * n / totaal
            stukken.append(
                format_html(
                    '<rect x="{}" y="{}" width="{}" height="16" fill="{}"></rect>',
                    f"{x:.1f}",
                    y,
                    f"{w:.1f}",
                    kleur,
                )
            )
            x += w
    legenda = format_html_join(
        "",
        '<rect x="{}" y="{}" width="10" height="10" fill="{}"></rect>'
        '<text x="{}" y="{}" font-size="10">{}</text>',
        (
            (
                j * 110,
                8 + len(rijen) * regelhoogte,
                kleur,
                j * 92 + 14,
                17 + len(rijen) * regelhoogte,
                status.label,
            )
            for j, (status, kleur) in enumerate(KLEUR.items())
        ),
    )
    hoogte = 30 + len(rijen) * regelhoogte
    return format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" class="grafiek" aria-hidden="true" '
        'width="{}" height="{}" viewBox="0 0 {} {}">{}{}</svg>',
        links + breedte,
        hoogte,
        links + breedte,
        hoogte,
        mark_safe("".join(stukken)),  # noqa: S308 (each piece escaped by format_html)
        legenda,
    )
