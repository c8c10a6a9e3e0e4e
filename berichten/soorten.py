"""The kinds of message, grouped the way a user chooses how to receive them.

Every `Taak.soort` of the apps' `te_doen` modules and every event (a police step, an invitation)
belongs to one group; a user chooses per group: at once, a daily or a weekly digest, or in the
application only. The defaults follow the covenant's urgency: what the police must pick up fast
(art. 3.2) and invitations come at once, the rest in a digest.
"""

from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _


class Frequentie(models.TextChoices):
    DIRECT = "direct", _("At once")
    DAGELIJKS = "dagelijks", _("Daily digest")
    WEKELIJKS = "wekelijks", _("Weekly digest (Monday morning)")
    ALLEEN_APP = "app", _("In the application only")


@dataclass(frozen=True)
class Groep:
    code: str
    label: str
    standaard: str
    soorten: tuple[str, ...] = ()
    # Kinds named by a prefix (the register's shortages: register_<code>).
    voorvoegsels: tuple[str, ...] = ()


GROEPEN = [
    Groep(
        "politie",
        _("Police follow-up of reports (art. 3.2)"),
        Frequentie.DIRECT,
        ("politie_nieuw", "politie_te_laat", "politie_escalatie", "politiestap"),
    ),
    Groep(
        "meldingen",
        _("Duties on incidents (art. 2, 3.5, 9.1)"),
        Frequentie.DAGELIJKS,
        ("politiemelding", "ouders", "meldcode", "mededeling"),
    ),
    Groep(
        "uitnodigingen",
        _("Invitations and meeting reminders (art. 5-7)"),
        Frequentie.DIRECT,
        ("uitnodiging", "overleg_herinnering"),
    ),
    Groep(
        "overleggen",
        _("Meetings due, reports and action points (art. 4-7)"),
        Frequentie.DAGELIJKS,
        ("overleg_tekort", "overleg_gemist", "maandoverleg", "verslag", "actiepunt"),
    ),
    Groep(
        "register",
        _("Gaps in the register of schools (art. 2.1, 2.2, 2.8, 3.1)"),
        Frequentie.WEKELIJKS,
        voorvoegsels=("register_",),
    ),
    Groep(
        "convenant",
        _("The covenant's term, notices and amendments (art. 10, 11)"),
        Frequentie.WEKELIJKS,
        ("looptijd", "opzegging", "instemmingen", "instemming_bestuur"),
    ),
    Groep(
        "evaluatie",
        _("Evaluation: questionnaires and improvement actions (art. 11)"),
        Frequentie.WEKELIJKS,
        ("vragenlijst", "verbeteractie"),
    ),
]
OVERIG = Groep("overig", _("Other messages"), Frequentie.DAGELIJKS)


def groep_van(soort: str) -> Groep:
    for groep in GROEPEN:
        if soort in groep.soorten or soort.startswith(groep.voorvoegsels or ("\0",)):
            return groep
    return OVERIG


def alle_groepen() -> list[Groep]:
    return [*GROEPEN, OVERIG]
