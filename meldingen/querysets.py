"""Who may see which incident: one function, used by every list, page, export and count.

Art. 8: personal data is shared only where strictly necessary. Art. 2.2: a report to a
contactpersoon vertrouwenszaken is seen only by the school's contactpersonen vertrouwenszaken,
unless they share it. The municipality works with counts, not with incidents.
"""

from django.db import models
from django.db.models import Q
from django.utils import timezone

from partijen import regels as partijregels


class MeldingQuerySet(models.QuerySet):
    def visible_to(self, user, dag=None):
        from partijen.models import Roltoewijzing

        if not user.is_authenticated:
            return self.none()
        dag = dag or timezone.localdate()
        eigen = Roltoewijzing.objects.filter(partijregels.actief_q(dag), persoon__gebruiker=user)
        R = Roltoewijzing.Rol
        als_coordinator = eigen.filter(rol=R.COORDINATOR_VEILIGHEID).values("school")
        als_vertrouwenspersoon = eigen.filter(rol=R.CONTACTPERSOON_VERTROUWENSZAKEN).values(
            "school"
        )
        als_politie = eigen.filter(rol=R.POLITIE_CONTACTPERSOON).values("school")
        return self.filter(
            # the coordinator: the school's incidents, confidential ones only once shared
            Q(school__in=als_coordinator)
            & (Q(vertrouwelijk=False) | Q(gedeeld_met_coordinator__isnull=False))
            # the confidential contact persons: the school's confidential reports
            | Q(school__in=als_vertrouwenspersoon, vertrouwelijk=True)
            # the police contact: what the assigned schools reported to the police
            | Q(school__in=als_politie, politiemelding__isnull=False)
        )
