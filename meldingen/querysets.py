"""Who may see which incident: one function, used by every list, page, export and count.

Art. 8: personal data is shared only where strictly necessary. Art. 2.2: a report to a
contactpersoon vertrouwenszaken is seen only by the school's contactpersonen vertrouwenszaken,
unless they share it. The municipality works with counts, not with incidents.
"""

from functools import reduce
from operator import or_

from django.db import models
from django.db.models import (
    BooleanField,
    Case,
    ExpressionWrapper,
    F,
    Q,
    Value,
    When,
)
from django.utils import timezone

from partijen.rollen import Rol
from partijen.tijdvenster import LEESBAAR_TOT, LEESBAAR_VAN

COORDINATOR = Rol.COORDINATOR_VEILIGHEID
VERTROUWENSPERSOON = Rol.CONTACTPERSOON_VERTROUWENSZAKEN
POLITIE = Rol.POLITIE_CONTACTPERSOON


def scholen_om_te_melden(user):
    """Art. 2.1, 2.2: the schools where the user records incidents (meldingen.toegang)."""
    from meldingen.toegang import meld_scholen
    from partijen.models import School

    return School.objects.filter(pk__in=meld_scholen(user))


def _waar_als(voorwaarde: Q) -> Case:
    # A condition on a NULL (no police step, no report) is false here, never NULL.
    return Case(
        When(voorwaarde, then=Value(True)), default=Value(False), output_field=BooleanField()
    )


class MeldingQuerySet(models.QuerySet):
    def met_politiestatus(self, vandaag=None):
        """Annotate whether the police is still working on the report and whether its response
        target has passed (art. 3.2, regels.over_de_termijn), so lists can filter and sort on
        urgency in the database. The current step is the column Melding.politiestatus."""
        from meldingen import regels

        vandaag = vandaag or timezone.localdate()
        return self.annotate(
            politie_loopt=_waar_als(regels.politie_loopt()),
            te_laat=_waar_als(regels.over_de_termijn(vandaag)),
        )

    def met_vertrouwelijkheid(self):
        """Annotate whether the incident is still only for the school's contactpersonen
        vertrouwenszaken (art. 2.2, regels.bij_vertrouwenspersonen), for the pages that decide
        who acts on it and who may share it."""
        from meldingen import regels

        return self.annotate(
            bij_vertrouwenspersonen=ExpressionWrapper(
                regels.bij_vertrouwenspersonen(), output_field=BooleanField()
            )
        )

    def op_urgentie(self):
        """Art. 3.2: overdue first, then what the police is still working on by its due date,
        then the rest, newest first. Needs met_politiestatus()."""
        return self.order_by(
            "-te_laat",
            "-politie_loopt",
            Case(When(politie_loopt=True, then=F("politiemelding__reactie_uiterlijk"))).asc(
                nulls_last=True
            ),
            "-tijdstip",
        )

    def leesbaar(self):
        """The incidents whose time can be shown (partijen.tijdvenster.LEESBAAR_VAN): one
        stored out of range before the form refused it would break every page listing it."""
        return self.filter(tijdstip__gte=LEESBAAR_VAN, tijdstip__lte=LEESBAAR_TOT)

    def visible_to(self, user, dag=None):
        from meldingen import regels
        from partijen.rollen import huidige_toewijzingen

        if not user.is_authenticated:
            return self.none()
        # The user's schools per role first, as lists (read once per request: the same
        # assignments every check reads), then the incidents: `school_id IN (…)` is served by
        # the index on school, where subqueries joined with OR made PostgreSQL scan every
        # incident of the city (issue 15).
        scholen = {COORDINATOR: set(), VERTROUWENSPERSOON: set(), POLITIE: set()}
        for t in huidige_toewijzingen(user, dag):
            if t.rol in scholen and t.school_id:
                scholen[t.rol].add(t.school_id)
        if not any(scholen.values()):
            return self.none()
        delen = []
        if scholen[COORDINATOR]:
            # the coordinator: the school's incidents, confidential ones only once shared
            delen.append(
                Q(school_id__in=sorted(scholen[COORDINATOR])) & ~regels.bij_vertrouwenspersonen()
            )
        if scholen[VERTROUWENSPERSOON]:
            # the confidential contact persons: the school's confidential reports, and what
            # they recorded themselves
            delen.append(
                Q(school_id__in=sorted(scholen[VERTROUWENSPERSOON]))
                & (Q(vertrouwelijk=True) | Q(vastgelegd_door=user))
            )
        if scholen[POLITIE]:
            # the police contact: what the assigned schools reported to the police
            delen.append(Q(school_id__in=sorted(scholen[POLITIE]), politiemelding__isnull=False))
        return self.leesbaar().filter(reduce(or_, delen))


def te_laat_voor_politie(user) -> int:
    """Art. 3.2: for the police contact, the number of reports past their response target."""
    from meldingen import regels
    from meldingen.models import Melding
    from meldingen.toegang import volgt_politiemeldingen

    if not volgt_politiemeldingen(user):
        return 0
    vandaag = timezone.localdate()
    # The rule itself as the condition, not the annotation: a CASE cannot use an index, the
    # plain condition narrows to the reports still running first (issue 15).
    return Melding.objects.visible_to(user).filter(regels.over_de_termijn(vandaag)).count()
