"""Demo meetings for `make run`: a year and a half of the meeting structure, with some areas
and schools behind, so the compliance dashboard shows every status. Never in production."""

import random
from datetime import datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from overleggen import naleving, regels
from overleggen.models import Actiepunt, Overleg, Overlegvorm
from partijen.demo import _vereist_debug
from partijen.models import Gebruiker, Overleggebied, School, Sector, Wijk

C = Overlegvorm.Code

_DEELNEMERS: dict = {}
_NIEUW: list = []


def _overleg(vorm, dag, status, door, **bereik):
    """Collect a meeting; they are written in bulk at the end (demo data needs no history)."""
    start = timezone.make_aware(datetime.combine(dag, time(15, 0)))
    bereik_obj = next(iter(bereik.values()), None)  # the one scope field given, if any
    sleutel = (vorm.pk, getattr(bereik_obj, "pk", None), type(bereik_obj))
    if sleutel not in _DEELNEMERS:
        _DEELNEMERS[sleutel] = list(regels.voorgestelde_deelnemers(vorm, bereik_obj)[:12])
    overleg = Overleg(
        vorm=vorm,
        start=start,
        einde=start + timedelta(hours=1, minutes=30),
        status=status,
        voorzitter=vorm.voorzitter,
        aangemaakt_door=door,
        **bereik,
    )
    _NIEUW.append((overleg, _DEELNEMERS[sleutel]))
    return overleg


def _schrijf():
    Overleg.objects.bulk_create([o for o, _ in _NIEUW])
    naleving.verhoog_stand()  # a bulk write sends no signals (issue 15)
    uitgenodigd, aanwezig = Overleg.deelnemers.through, Overleg.aanwezigen.through
    uitgenodigd.objects.bulk_create(
        [uitgenodigd(overleg_id=o.pk, persoon_id=p.pk) for o, ps in _NIEUW for p in ps]
    )
    aanwezig.objects.bulk_create(
        [
            aanwezig(overleg_id=o.pk, persoon_id=p.pk)
            for o, ps in _NIEUW
            if o.status == Overleg.Status.GEHOUDEN
            for p in ps[: max(1, len(ps) - 1)]
        ]
    )


@transaction.atomic
def maak_demo_overleggen() -> bool:
    _vereist_debug()
    if Overleg.objects.exists():
        return False
    _DEELNEMERS.clear()
    _NIEUW.clear()
    rng = random.Random(1411)
    vandaag = timezone.localdate()
    door = Gebruiker.objects.get(username="projectleider")
    vormen = {v.code: v for v in Overlegvorm.objects.all()}
    begin_vorig = vandaag.replace(year=vandaag.year - 1, month=1, day=1)

    def dagen(aantal, jaar):
        return sorted(
            vandaag.replace(year=jaar, month=m, day=rng.randint(5, 25))
            for m in rng.sample(range(1, 13), aantal)
        )

    def status_voor(dag):
        if dag > vandaag:
            return Overleg.Status.GEPLAND
        return Overleg.Status.GEHOUDEN if rng.random() > 0.08 else Overleg.Status.GEPLAND

    for jaar in (begin_vorig.year, vandaag.year):
        for dag in dagen(1, jaar):
            _overleg(vormen[C.BESTUURLIJK_OVERLEG], dag, status_voor(dag), door)
        for dag in dagen(4 if jaar < vandaag.year else 3, jaar):
            _overleg(vormen[C.KERNGROEP], dag, status_voor(dag), door)
        for dag in dagen(3, jaar):
            _overleg(vormen[C.STEDELIJKE_VOORZIENINGEN], dag, status_voor(dag), door)
        for n, gebied in enumerate(Overleggebied.objects.all()):
            # Oost-Haven is on track, West-Poort held one (and one too many last year),
            # Buiten-Hout is behind this year.
            vorig = jaar < vandaag.year
            aantal = [2, 3 if vorig else 1, 1 if vorig else 0][n % 3]
            for dag in dagen(aantal, jaar):
                overleg = _overleg(
                    vormen[C.STADSDEELOVERLEG], dag, status_voor(dag), door, overleggebied=gebied
                )
                # The location rotates over the area's schools (art. 6.3).
                gasten = list(regels.gastscholen(overleg.vorm, gebied).order_by("naam"))
                overleg.gastschool = gasten[len(_NIEUW) % len(gasten)] if gasten else None
        for wijk in Wijk.objects.filter(scholen__sector=Sector.PO).distinct()[:12]:
            if rng.random() < 0.7:
                for dag in dagen(1, jaar):
                    _overleg(
                        vormen[C.PASSEND_ONDERWIJS_IN_DE_WIJK],
                        dag,
                        status_voor(dag),
                        door,
                        wijk=wijk,
                    )
        for school in School.objects.filter(
            sector=Sector.PO, politiecontact_per_jaar__isnull=False
        ):
            aantal = max(0, school.politiecontact_per_jaar - rng.choice([0, 0, 1]))
            for dag in dagen(min(aantal, 12), jaar):
                if dag <= vandaag + timedelta(days=20):
                    _overleg(
                        vormen[C.CONTACT_PO_POLITIE], dag, status_voor(dag), door, school=school
                    )
        for school in School.objects.filter(
            sector__in=[Sector.VO, Sector.VSO, Sector.MBO, Sector.HBO]
        ):
            achter = rng.random() < 0.25  # about a quarter of the schools miss some months
            for maand in range(1, 13):
                dag = vandaag.replace(year=jaar, month=maand, day=rng.randint(3, 26))
                if dag > vandaag + timedelta(days=20) or (achter and rng.random() < 0.3):
                    continue
                _overleg(vormen[C.OPERATIONEEL_OVERLEG], dag, status_voor(dag), door, school=school)
            if rng.random() < 0.8:
                for dag in dagen(1, jaar):
                    _overleg(
                        vormen[C.BELEIDSMATIG_OVERLEG], dag, status_voor(dag), door, school=school
                    )
    _schrijf()
    laatste = Overleg.objects.filter(
        vorm=vormen[C.KERNGROEP], status=Overleg.Status.GEHOUDEN
    ).first()
    if laatste:
        eigenaar = laatste.aanwezigen.first() or laatste.deelnemers.first()
        if eigenaar:
            Actiepunt.objects.create(
                overleg=laatste,
                eigenaar=eigenaar,
                omschrijving="Voorstel voor de evaluatie van het convenant",
                deadline=vandaag + timedelta(days=30),
            )
    return True
