"""What the database holds, read by the fault script with the application's own models (after
django.setup() with the production environment of the run): messages per e-mail status, what
waits to go out at once, the records the load wrote. Also the two things beat and the clock
would do: hand the hourly scan to the worker, and let the claims of a dead worker age.

Every function closes the connection first: the script's connection does not survive a
PostgreSQL restart, and a stale one would only tell us about ourselves.
"""

from collections import Counter
from datetime import UTC, datetime, timedelta

from django.db import connections
from django.db.models import Count, F


def _vers():
    connections.close_all()


def _moment(t: float) -> datetime:
    return datetime.fromtimestamp(t, UTC)


def berichten_per_status() -> dict[str, int]:
    from berichten.models import Bericht

    _vers()
    return dict(Bericht.objects.values_list("email").annotate(n=Count("pk")).order_by())


def direct_wachtend(voor=None, sinds=None) -> list[int]:
    """The messages waiting for an e-mail that their recipient receives at once (not in a
    digest), created before `voor` (and from `sinds`) when given: what must have gone out
    after a recovery."""
    from berichten.diensten import frequenties
    from berichten.models import Bericht
    from berichten.soorten import Frequentie, groep_van

    _vers()
    wachtend = Bericht.objects.filter(email=Bericht.Email.WACHT).select_related("ontvanger")
    if voor is not None:
        wachtend = wachtend.filter(aangemaakt_op__lt=_moment(voor))
    if sinds is not None:
        wachtend = wachtend.filter(aangemaakt_op__gte=_moment(sinds))
    keuzes, uit = {}, []
    for b in wachtend:
        if b.ontvanger_id not in keuzes:
            keuzes[b.ontvanger_id] = frequenties(b.ontvanger)
        if keuzes[b.ontvanger_id][groep_van(b.soort).code] == Frequentie.DIRECT:
            uit.append(b.pk)
    return uit


def geclaimd_wachtend(ouder_dan: float = 0) -> list[int]:
    """Rows a sending run took and has not marked (yet): a worker died (or failed) between the
    two, or, for a few milliseconds, is sending right now; `ouder_dan` seconds leaves those."""
    from django.utils import timezone

    from berichten.models import Bericht

    _vers()
    grens = timezone.now() - timedelta(seconds=ouder_dan)
    return list(
        Bericht.objects.filter(email=Bericht.Email.WACHT, geclaimd_op__lte=grens)
        .exclude(claim="")
        .values_list("pk", flat=True)
    )


def verouder_claims(pks: list[int]) -> int:
    """What CLAIM_GELDIG (15 minutes) of waiting does to a dead worker's claims: they become
    old enough to be taken over. Done to those rows (and only those: a live worker's claim
    aged would be sent twice, by the harness's doing) instead of waiting a quarter of an hour;
    the application's own comparison (berichten.verzenden._claim) then decides as it would."""
    from berichten.models import Bericht
    from berichten.verzenden import CLAIM_GELDIG

    _vers()
    return (
        Bericht.objects.filter(pk__in=pks, email=Bericht.Email.WACHT)
        .exclude(claim="")
        .update(geclaimd_op=F("geclaimd_op") - CLAIM_GELDIG)
    )


def stuur_scan():
    """What beat sends at minute 5 of every hour (settings.CELERY_BEAT_SCHEDULE); returns the
    task's AsyncResult (the result backend is Redis, as configured)."""
    from berichten.tasks import scan

    # Nobody reads its result: without ignore_result a send subscribes to the result backend.
    return scan.apply_async(retry=False, ignore_result=True)


def _normaal(tekst: str) -> str:
    return " ".join(tekst.split())


def verzonden_tegen_emails(emails: list[dict]) -> dict:
    """Every message marked sent against every e-mail the mail server accepted, matched on
    recipient and text: marked but never received is lost, received more often than marked is
    sent twice (each direct e-mail carries one message, its text in the subject)."""
    from berichten.models import Bericht

    _vers()
    rijen = Counter(
        (adres, _normaal(wat))
        for adres, wat in Bericht.objects.filter(email=Bericht.Email.VERZONDEN).values_list(
            "ontvanger__email", "wat"
        )
    )
    ontvangen = Counter((e["aan"], _normaal(e["onderwerp"].split("] ", 1)[-1])) for e in emails)
    zonder_email = rijen - ontvangen
    te_vaak = ontvangen - rijen
    # What the database says of a message e-mailed more often than marked: its status and
    # whether a sending run still holds it (the claim a dead worker left).
    rij_van_dubbel = []
    for adres, wat in list(te_vaak)[:5]:
        for b in Bericht.objects.filter(ontvanger__email=adres):
            if _normaal(b.wat) == wat:
                rij_van_dubbel.append(
                    f"bericht {b.pk}: {b.email}, claim {'ja' if b.claim else 'nee'}, "
                    f"pogingen {b.pogingen}, fout {b.fout[:80]!r}"
                )
    return {
        "verzonden_rijen": sum(rijen.values()),
        "emails": sum(ontvangen.values()),
        "verzonden_zonder_email": sum(zonder_email.values()),
        "email_zonder_of_dubbel": sum(te_vaak.values()),
        "voorbeelden_dubbel": [f"{a}: {w}" for (a, w) in list(te_vaak)[:5]],
        "voorbeelden_kwijt": [f"{a}: {w}" for (a, w) in list(zonder_email)[:5]],
        "rij_van_dubbel": rij_van_dubbel,
    }


def records_gevonden(gebeurtenissen: list[dict]) -> dict[str, dict[str, int]]:
    """What the load wrote (answered with a redirect to the record) against what the database
    holds: incidents, police reports, police steps."""
    from django.db.models import Q

    from meldingen.models import Melding, Politiemelding, PolitieStatus

    _vers()
    per_soort: dict[str, set] = {"melding": set(), "politiemelding": set(), "politiestap": set()}
    for g in gebeurtenissen:
        if g["gebeurtenis"] == "politiestap":
            per_soort["politiestap"].add((g["pk"], g["status"]))
        elif g["gebeurtenis"] in per_soort:
            per_soort[g["gebeurtenis"]].add(g["pk"])
    stappen = Q(pk__in=[])
    for melding, status in per_soort["politiestap"]:
        stappen |= Q(melding_id=melding, status=status)
    gevonden = {
        "melding": Melding.objects.filter(pk__in=per_soort["melding"]).count(),
        "politiemelding": Politiemelding.objects.filter(
            melding_id__in=per_soort["politiemelding"]
        ).count(),
        "politiestap": len(
            set(PolitieStatus.objects.filter(stappen).values_list("melding_id", "status"))
        ),
    }
    return {
        soort: {"geschreven": len(per_soort[soort]), "gevonden": gevonden[soort]}
        for soort in per_soort
    }


def accounts(zaad: int) -> dict[str, list[str]]:
    """The accounts of the four users: the city's coordinators and police contacts with the
    demo authenticator key (vul_stad), the demo's municipality and administrator (maak_demo)."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from partijen.models import Gebruiker

    _vers()
    met_sleutel = set(
        TOTPDevice.objects.filter(name="demo", confirmed=True).values_list(
            "user__username", flat=True
        )
    )
    coordinatoren = list(
        Gebruiker.objects.filter(username__startswith=f"stad{zaad}-coordinator-", is_active=True)
        .order_by("username")
        .values_list("username", flat=True)
    )
    politie = sorted(
        n for n in met_sleutel if n == "politie" or n.startswith(f"stad{zaad}-politie-")
    )
    return {
        "coordinator": coordinatoren,
        "politie": politie,
        "gemeente": [n for n in ("veiligheidsmanager", "projectleider") if n in met_sleutel],
        "beheerder": [n for n in ("beheerder",) if n in met_sleutel],
    }


def berichten_tussen(van, tot) -> dict[str, int]:
    """The messages written between two moments (during an outage), per e-mail status."""
    from berichten.models import Bericht

    _vers()
    return dict(
        Bericht.objects.filter(aangemaakt_op__gte=_moment(van), aangemaakt_op__lt=_moment(tot))
        .values_list("email")
        .annotate(n=Count("pk"))
        .order_by()
    )
