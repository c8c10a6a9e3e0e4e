"""What is due, for whom, by when, under which article (issue 14): the one shape every app's
`te_doen` module answers in, and the register's own items.

The home page's "Te doen" reads these modules (convenant.site.te_doen); the reminders will read
the same, so a page and a message never disagree.
"""

from dataclasses import dataclass
from datetime import date

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from partijen import regels
from partijen.rollen import Rol, huidige_toewijzingen


@dataclass(frozen=True)
class Taak:
    """One thing a user must do: what, by when (None: as soon as possible), the article that
    asks it, and the page where it is done. `soort` and `sleutel` name it for the reminders
    (a kind and the object it is about); `stap` names a moment in its life that deserves a
    message of its own (e.g. "12m", "6m", "3m" before the end of the term, or "week" and "dag"
    before a meeting). Without one, an item is announced when it appears and again when it
    becomes overdue (`moment`)."""

    soort: str
    sleutel: str
    wat: str
    artikel: str
    url: str
    uiterlijk: date | None = None
    stap: str = ""

    def te_laat(self, vandaag: date) -> bool:
        return self.uiterlijk is not None and self.uiterlijk < vandaag

    def moment(self, vandaag: date) -> str:
        """The step of this item's life a message is sent for, once per recipient."""
        return self.stap or ("te_laat" if self.te_laat(vandaag) else "open")


# More items than this of one kind for one user become one item that leads to the list of them:
# a safety manager of an area of two hundred schools reads the overview, not two hundred lines
# on her home page and in her mail (issue 15). Up to this number each has its own line.
BUNDEL_VANAF = 10


def gebundeld(dingen: list, een, samen) -> list[Taak]:
    """The things of one kind (schools, rows) as an item each, `een(ding)`, or, beyond
    BUNDEL_VANAF, the one item `samen(dingen)` makes of them (what, how many, the list where
    each is): the items of a bundle are then never made."""
    if len(dingen) > BUNDEL_VANAF:
        return [samen(dingen)]
    return [een(ding) for ding in dingen]


def voor(user, vandaag: date) -> list[Taak]:
    """Art. 2.1, 2.2, 2.8, 3.1: a school of the safety manager's area without a coordinator, a
    confidential contact person or a police contact, or with its safety plan past review."""
    from partijen.models import School

    gebieden = {
        t.overleggebied_id
        for t in huidige_toewijzingen(user)
        if t.rol == Rol.VEILIGHEIDSMANAGER and t.overleggebied_id
    }
    if not gebieden:
        return []
    scholen = regels.met_tekorten(
        School.objects.filter(actief=True, overleggebied__in=gebieden), vandaag
    ).order_by("naam")
    per_eis: dict[str, list] = {eis.code: [] for eis in regels.BEZETTINGSEISEN}
    for school in scholen:
        for eis in regels.tekorten_van(school):
            per_eis[eis.code].append(school)

    def een(eis):
        return lambda school: Taak(
            soort=f"register_{eis.code}",
            sleutel=f"school:{school.pk}",
            wat=_("%(school)s: %(tekort)s") % {"school": school.naam, "tekort": eis.omschrijving},
            artikel=eis.artikel,
            url=reverse("partijen:school_detail", args=[school.pk]),
        )

    def samen(eis):
        return lambda scholen: Taak(
            soort=f"register_{eis.code}",
            sleutel="scholen",
            wat=_("%(aantal)d schools of your area: %(tekort)s")
            % {"aantal": len(scholen), "tekort": eis.omschrijving},
            artikel=eis.artikel,
            url=f"{reverse('partijen:bezetting')}?eis={eis.code}",
        )

    return [
        taak
        for eis in regels.BEZETTINGSEISEN
        for taak in gebundeld(per_eis[eis.code], een(eis), samen(eis))
    ]
