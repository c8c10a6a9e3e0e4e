"""Reminders to answer an open evaluation round (art. 11.1): on Monday morning, to the people
who answer for a partner that has not submitted its questionnaire. At most once a week per
person and round, whatever the number of runs (the claim of overleggen.herinneringen)."""

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation

from evaluatie.models import Evaluatieronde, Herinnering, Vragenlijst
from evaluatie.toegang import ANTWOORDROLLEN


def respondenten(organisaties: set[int]) -> dict[int, set]:
    """Per partner (organisation id), the active accounts with an e-mail address that answer
    for it (the inverse of evaluatie.toegang.antwoordt_voor)."""
    from partijen.models import Gebruiker, Rol, Roltoewijzing

    rijen = (
        Roltoewijzing.objects.actief_op(timezone.localdate())
        .filter(rol__in=ANTWOORDROLLEN, persoon__gebruiker__isnull=False)
        .values_list(
            "rol", "persoon__gebruiker", "persoon__organisatie", "organisatie", "school__bestuur"
        )
    )
    per_gebruiker: dict[int, set[int]] = {}
    for rol, gebruiker, eigen, organisatie, bestuur in rijen:
        orgs = per_gebruiker.setdefault(gebruiker, set())
        orgs.add(eigen)
        if rol == Rol.BESTUURDER and organisatie:
            orgs.add(organisatie)
        if rol == Rol.COORDINATOR_VEILIGHEID and bestuur:
            orgs.add(bestuur)
    gebruikers = {
        g.pk: g
        for g in Gebruiker.objects.filter(pk__in=per_gebruiker, is_active=True).exclude(email="")
    }
    result: dict[int, set] = {}
    for pk, orgs in per_gebruiker.items():
        if pk in gebruikers:
            for org in orgs & organisaties:
                result.setdefault(org, set()).add(gebruikers[pk])
    return result


def _tekst(ronde) -> str:
    url = settings.SITE_URL.rstrip("/") + reverse("evaluatie:ronde", args=[ronde.pk])
    return (
        "Goedemorgen,\n\nUw organisatie heeft de vragenlijst van de evaluatie van het convenant "
        f"Veiligheid op scholen ({ronde}) nog niet ingediend. De ronde sluit op "
        f"{ronde.sluitdatum:%d-%m-%Y} (art. 11.1).\n\nVragenlijst: {url}\n"
    )


def stuur() -> int:
    """This week's reminders; returns how many were sent."""
    vandaag = timezone.localdate()
    jaar, week, _dag = vandaag.isocalendar()
    periode = f"{jaar}-W{week:02d}"
    verzonden = 0
    for ronde in Evaluatieronde.objects.open_op(vandaag):
        open_lijsten = set(
            Vragenlijst.objects.filter(ronde=ronde, ingediend_op__isnull=True).values_list(
                "organisatie", flat=True
            )
        )
        ontvangers = set().union(*respondenten(open_lijsten).values()) if open_lijsten else set()
        for gebruiker in sorted(ontvangers, key=lambda g: g.pk):
            try:
                with transaction.atomic():
                    claim = Herinnering.objects.create(
                        ronde=ronde, gebruiker=gebruiker, week=periode
                    )
            except IntegrityError:
                continue  # already sent this week (or being sent by a parallel run)
            with translation.override(settings.LANGUAGE_CODE):
                send_mail(
                    "Evaluatie convenant: uw antwoord ontbreekt nog",
                    _tekst(ronde),
                    None,
                    [gebruiker.email],
                )
            claim.verzonden_op = timezone.now()
            claim.save(update_fields=["verzonden_op"])
            verzonden += 1
    return verzonden
