"""What the report of a round says (art. 7.2, 11.2): the answers summarised per article, the
facts of its period (evaluatie.feiten), the findings and the improvement actions. The page, the
PDF and the export read it here, so they never differ."""

from collections import Counter
from dataclasses import dataclass, field

from evaluatie.models import Antwoord, Oordeel, Rondevraag, Verbeteractie


@dataclass
class Vraagsamenvatting:
    vraag: Rondevraag
    tellingen: list[tuple[str, int]]  # (label, number of partners), in the scale's order
    opmerkingen: list[tuple[str, str]] = field(default_factory=list)  # (partner, comment)


def antwoorden(ronde) -> list[Vraagsamenvatting]:
    """Per question: how many submitted questionnaires gave each judgement, and the comments
    with the partner that made them. Only submitted questionnaires count: a half-way saved one
    is the partner's draft."""
    per_vraag: dict[int, list] = {}
    for a in (
        Antwoord.objects.filter(vragenlijst__ronde=ronde, vragenlijst__ingediend_op__isnull=False)
        .select_related("vragenlijst__organisatie")
        .order_by("vragenlijst__organisatie__naam")
    ):
        per_vraag.setdefault(a.vraag_id, []).append(a)
    samenvatting = []
    for vraag in Rondevraag.objects.filter(ronde=ronde).select_related("artikel", "lid"):
        rij = per_vraag.get(vraag.pk, [])
        telling = Counter(a.oordeel for a in rij)
        samenvatting.append(
            Vraagsamenvatting(
                vraag,
                [(label, telling[waarde]) for waarde, label in Oordeel.choices],
                [(str(a.vragenlijst.organisatie), a.toelichting) for a in rij if a.toelichting],
            )
        )
    return samenvatting


def open_acties_van_eerder(ronde):
    """Art. 11.2: improvement actions of earlier rounds that are still open carry into this
    one."""
    return (
        Verbeteractie.objects.filter(
            ronde__convenant=ronde.convenant, ronde__geopend_op__lt=ronde.geopend_op
        )
        .filter(status__in=Verbeteractie.OPEN_STATUSSEN)
        .select_related("ronde", "eigenaar_organisatie", "eigenaar_persoon", "artikel")
    )


def feiten(ronde):
    """The facts of the round's period (evaluatie.feiten), gathered once for page, PDF and
    export, with the improvement actions of earlier rounds still open (art. 11.2) and the
    charts (drawn from the same, protected figures)."""
    from evaluatie import feiten as feiten_module
    from evaluatie import grafieken

    f = feiten_module.verzamel(ronde.periode_begin, ronde.periode_einde)
    f.verbeteracties = list(open_acties_van_eerder(ronde))
    for jaar in f.incidenten:
        jaar.grafiek = grafieken.staven(
            [(f"K{q}", jaar.categorie_tabel.kolomtotalen[q - 1]) for q in jaar.kwartalen]
        )
    for n in f.naleving:
        # Per year the statuses that occur, "3 met, 1 too late", for the table.
        n.per_jaar_getoond = [
            (
                jaar,
                [(status.label, aantal) for status, aantal in n.per_jaar[jaar].items() if aantal],
            )
            for jaar in f.naleving_jaren
        ]
    laatste = f.jaren[-1]
    f.naleving_grafiek = grafieken.naleving_balken(
        [(n.vorm.naam, n.per_jaar[laatste]) for n in f.naleving]
    )
    return f


def cijfers_als_excel(ronde):
    """The report's figures as an Excel workbook, one sheet per table: exactly the protected
    cells the report shows (art. 8), never the counts behind them."""
    import tablib

    from meldingen.cijfers import als_getal
    from overleggen.naleving import ERNST
    from partijen.export import als_werkboek
    from partijen.models import Sector

    f = feiten(ronde)
    antwoordblad = tablib.Dataset(
        headers=["Art.", "Vraag", *[str(label) for _w, label in Oordeel.choices]],
        title="Antwoorden",
    )
    for s in antwoorden(ronde):
        antwoordblad.append([s.vraag.verwijzing, s.vraag.tekst, *[n for _l, n in s.tellingen]])
    naleving = tablib.Dataset(headers=["Overleg", "Jaar", *[str(st.label) for st in ERNST]])
    naleving.title = "Naleving overleggen"
    for n in f.naleving:
        for jaar in f.naleving_jaren:
            naleving.append([n.vorm.naam, jaar, *[n.per_jaar[jaar][st] for st in ERNST]])
    bladen = [antwoordblad, naleving]
    for jaar in f.incidenten:
        blad = tablib.Dataset(headers=["Categorie", "K1", "K2", "K3", "K4", "Totaal"])
        blad.title = f"Meldingen {jaar.jaar}"
        for r in jaar.per_categorie:
            blad.append([r["categorie"].naam, *map(als_getal, r["cellen"]), als_getal(r["totaal"])])
        t = jaar.categorie_tabel
        blad.append(["Totaal", *map(als_getal, t.kolomtotalen), als_getal(t.totaal)])
        gebied = tablib.Dataset(headers=["Gebied", *Sector.values, "Totaal"])
        gebied.title = f"Gebied en sector {jaar.jaar}"
        for r in jaar.per_gebied:
            gebied.append([str(r["gebied"]), *map(als_getal, r["cellen"]), als_getal(r["totaal"])])
        bladen += [blad, gebied]
    politie = tablib.Dataset(headers=["Cijfer", "Deel", "Geheel", "Procent"], title="Politie")
    for naam, a in (
        ("Gemeld bij de politie", f.politie.gemeld),
        ("Binnen de termijn beantwoord", f.politie.binnen_termijn),
    ):
        politie.append([naam, als_getal(a.deel), als_getal(a.geheel), a.procent])
    bladen.append(politie)
    return als_werkboek(bladen, f"evaluatie-{ronde.pk}-cijfers")
