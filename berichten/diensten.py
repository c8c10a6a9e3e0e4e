"""Writing messages: what every scan and every event does, in one place.

A scan turns each user's due items (convenant.site.te_doen, the same computation as the home
page's "Te doen") into messages, one per item and moment; an event (a police step, an
invitation) writes its message where it happens. Both only write rows in PostgreSQL and, once
the transaction has committed, ask a worker to send; a broker that cannot be reached loses
nothing, because the next scan finds the rows still waiting (`wachtrij.plaats`).
"""

from datetime import date

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone, translation

from berichten import wachtrij
from berichten.models import Bericht, Voorkeur
from berichten.soorten import Frequentie, alle_groepen, groep_van

# Events are messages about something that happened, not items that stay due: a scan never
# marks them done.
GEBEURTENISSEN = ("politiestap", "uitnodiging")


def frequenties(gebruiker) -> dict[str, str]:
    """The user's choice per group of messages, the group's default where none was made."""
    gekozen = dict(Voorkeur.objects.filter(gebruiker=gebruiker).values_list("groep", "frequentie"))
    return {g.code: gekozen.get(g.code, g.standaard) for g in alle_groepen()}


def _email_status(gebruiker, soort: str, keuzes: dict[str, str]) -> str:
    if not gebruiker.email or keuzes[groep_van(soort).code] == Frequentie.ALLEEN_APP:
        return Bericht.Email.NIET
    return Bericht.Email.WACHT


def vastleggen(gebruiker, taken, vandaag: date) -> int:
    """Write a message for each due item's moment not written before, and mark the earlier
    messages of items that are no longer due as done (a message not yet e-mailed is then not
    sent). Returns the number of new messages. Running it twice, or twice at once, writes each
    message once (the unique constraint); the query count does not grow with the items."""
    nu = timezone.now()
    sleutels = {(t.soort, t.sleutel, t.moment(vandaag)): t for t in taken}
    bestaand = set(
        Bericht.objects.filter(ontvanger=gebruiker)
        .filter(
            Q(vervallen_op__isnull=True) | Q(sleutel__in={s for _, s, _ in sleutels}),
        )
        .exclude(soort__in=GEBEURTENISSEN)
        .values_list("pk", "soort", "sleutel", "moment", "vervallen_op")
    )
    open_items = {(soort, sleutel) for soort, sleutel, _ in sleutels}
    # Done: every message of an item that is no longer due.
    klaar = [
        pk
        for pk, soort, sleutel, _m, vervallen in bestaand
        if vervallen is None and (soort, sleutel) not in open_items
    ]
    # Due again (an incident reopened): its message is shown again, not sent again.
    weer = [
        pk
        for pk, soort, sleutel, moment, vervallen in bestaand
        if vervallen and (soort, sleutel, moment) in sleutels
    ]
    if klaar:
        Bericht.objects.filter(pk__in=klaar).update(vervallen_op=nu)
        # Not one a worker has claimed: it may be on its way out (make loadtest, issue 15).
        Bericht.objects.filter(pk__in=klaar, email=Bericht.Email.WACHT, claim="").update(
            email=Bericht.Email.VERVALLEN
        )
    if weer:
        Bericht.objects.filter(pk__in=weer).update(vervallen_op=None)
    geschreven = {(soort, sleutel, moment) for _pk, soort, sleutel, moment, _v in bestaand}
    nieuw = [sleutel for sleutel in sleutels if sleutel not in geschreven]
    if not nieuw:
        return 0
    keuzes = frequenties(gebruiker)
    Bericht.objects.bulk_create(
        [
            Bericht(
                ontvanger=gebruiker,
                soort=soort,
                sleutel=sleutel,
                moment=moment,
                wat=str(sleutels[soort, sleutel, moment].wat)[:500],
                artikel=sleutels[soort, sleutel, moment].artikel,
                url=sleutels[soort, sleutel, moment].url,
                uiterlijk=sleutels[soort, sleutel, moment].uiterlijk,
                email=_email_status(gebruiker, soort, keuzes),
                aangemaakt_op=nu,
            )
            for soort, sleutel, moment in nieuw
        ],
        ignore_conflicts=True,
    )
    wachtrij.stuur_direct(gebruiker.pk)
    return len(nieuw)


def scan_gebruiker(gebruiker, vandaag: date | None = None) -> int:
    """One user's due items as messages, in the covenant's working language."""
    from convenant.site import te_doen

    vandaag = vandaag or timezone.localdate()
    with translation.override(settings.LANGUAGE_CODE), transaction.atomic():
        return vastleggen(gebruiker, te_doen.voor(gebruiker, vandaag), vandaag)


def ontvangers():
    """Everyone who can be told something: the active accounts."""
    from partijen.models import Gebruiker

    return Gebruiker.objects.filter(is_active=True).order_by("pk")


def scan_delen(per_deel: int) -> list[list[int]]:
    """The active accounts' ids, in parts of `per_deel` for the hourly scan's tasks."""
    ids = list(ontvangers().values_list("pk", flat=True))
    per_deel = max(1, per_deel)  # a setting of 0 is one user per part, not a crash
    return [ids[i : i + per_deel] for i in range(0, len(ids), per_deel)]


def scan(vandaag: date | None = None) -> int:
    """Every user's due items as messages; then everything still waiting to be sent at once is
    handed to a worker again (a missed run, a broker that was down, a worker that died)."""
    vandaag = vandaag or timezone.localdate()
    nieuw = sum(scan_gebruiker(g, vandaag) for g in ontvangers())
    wachtend()
    return nieuw


def wachtend() -> int:
    """Hand every user with a message waiting for its e-mail to a worker again (the worker
    sends what goes out at once; a digest's messages wait for the digest). Returns how many."""
    ontvangers = list(
        Bericht.objects.filter(email=Bericht.Email.WACHT)
        .order_by()  # without the model's ordering, or DISTINCT counts a user once per row
        .values_list("ontvanger", flat=True)
        .distinct()
    )
    for gebruiker_id in ontvangers:
        wachtrij.stuur_direct(gebruiker_id)
    return len(ontvangers)


@transaction.atomic
def gebeurtenis(*, ontvangers, soort, sleutel, moment, wat, artikel, url, uiterlijk=None) -> int:
    """Something happened that these users must hear of (a police step on their report, an
    invitation): one message each, once per moment."""
    nu = timezone.now()
    rijen = []
    for gebruiker in {g.pk: g for g in ontvangers if g.is_active}.values():
        rijen.append(
            Bericht(
                ontvanger=gebruiker,
                soort=soort,
                sleutel=sleutel,
                moment=moment,
                wat=str(wat)[:500],
                artikel=artikel,
                url=url,
                uiterlijk=uiterlijk,
                email=_email_status(gebruiker, soort, frequenties(gebruiker)),
                aangemaakt_op=nu,
            )
        )
    Bericht.objects.bulk_create(rijen, ignore_conflicts=True)
    for rij in rijen:
        wachtrij.stuur_direct(rij.ontvanger.pk)
    return len(rijen)


def markeer_gelezen(gebruiker, pk=None) -> int:
    """Mark one of the user's messages, or all of them, as read."""
    berichten = Bericht.objects.van(gebruiker).filter(gelezen_op__isnull=True)
    if pk is not None:
        berichten = berichten.filter(pk=pk)
    return berichten.update(gelezen_op=timezone.now())


@transaction.atomic
def bewaar_voorkeuren(gebruiker, keuzes: dict[str, str]) -> None:
    for groep, frequentie in keuzes.items():
        Voorkeur.objects.update_or_create(
            gebruiker=gebruiker, groep=groep, defaults={"frequentie": frequentie}
        )
    # A message still waiting follows the new choice: "in the application only" stops it.
    nu_app = [g for g, f in keuzes.items() if f == Frequentie.ALLEEN_APP]
    if nu_app:
        wachtend = Bericht.objects.van(gebruiker).filter(email=Bericht.Email.WACHT)
        Bericht.objects.filter(
            pk__in=[b.pk for b in wachtend if groep_van(b.soort).code in nu_app]
        ).update(email=Bericht.Email.NIET)
