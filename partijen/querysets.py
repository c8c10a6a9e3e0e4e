"""Who may see what: one function per model, used by every list, page, export and count.

Art. 8: data is shared only where strictly necessary. A user sees the schools their current
role assignments cover; register keepers (beheerder, projectleider) see everything. Who may
do what besides seeing is partijen.toegang.
"""

from django.db import models
from django.db.models import Exists, Q
from django.utils import timezone

from partijen import regels
from partijen.rollen import Rol
from partijen.toegang import beheert_register


def eigen_toewijzingen(user, dag=None):
    """The role assignments the user's person holds on a day (today by default): what every
    app's visibility rule starts from."""
    from partijen.models import Roltoewijzing

    return Roltoewijzing.objects.filter(
        regels.actief_q(dag or timezone.localdate()), persoon__gebruiker=user
    )


def _zichtbare_scholen_q(user, dag) -> Q:
    R = Rol
    eigen = eigen_toewijzingen(user, dag)
    schoolrollen = [r for r in R.values if regels.bereik_van_rol(r) == "school"]
    return (
        # coordinator, vertrouwenspersoon, police contact, ...: their own schools
        Q(pk__in=eigen.filter(rol__in=schoolrollen).values("school"))
        # veiligheidsmanager and an area-bound operational expert: the schools of the area
        | Q(
            overleggebied__in=eigen.filter(
                rol__in=[R.VEILIGHEIDSMANAGER, R.POLITIE_OPERATIONEEL_EXPERT]
            ).values("overleggebied")
        )
        # bestuurder: the schools of their board
        | Q(bestuur__in=eigen.filter(rol=R.BESTUURDER).values("organisatie"))
        # an operational expert without an area works city-wide
        | Q(Exists(eigen.filter(rol=R.POLITIE_OPERATIONEEL_EXPERT, overleggebied__isnull=True)))
    )


class SchoolQuerySet(models.QuerySet):
    def visible_to(self, user, dag=None):
        if not user.is_authenticated:
            return self.none()
        if beheert_register(user):
            return self
        return self.filter(_zichtbare_scholen_q(user, dag or timezone.localdate()))

    def zoek(self, tekst: str):
        """Schools whose name, neighbourhood or district contains the text: how a parent looks
        for a school ("De Regenboog", "Muziekwijk", "Almere Haven")."""
        if not tekst:
            return self
        return self.filter(
            Q(naam__icontains=tekst)
            | Q(wijk__naam__icontains=tekst)
            | Q(stadsdeel__naam__icontains=tekst)
        )


class RoltoewijzingQuerySet(models.QuerySet):
    def actief_op(self, dag):
        return self.filter(regels.actief_q(dag))

    def visible_to(self, user, dag=None):
        from partijen.models import School

        if not user.is_authenticated:
            return self.none()
        if beheert_register(user):
            return self
        scholen = School.objects.visible_to(user, dag)
        return self.filter(Q(school__in=scholen) | Q(persoon__gebruiker=user))


class PersoonQuerySet(models.QuerySet):
    def visible_to(self, user, dag=None):
        from partijen.models import Roltoewijzing, School

        if not user.is_authenticated:
            return self.none()
        if beheert_register(user):
            return self
        dag = dag or timezone.localdate()
        # The user's schools as a list first, then the people assigned there: the assignments'
        # school index serves it, where a correlated EXISTS per person read every person of
        # the city three times on a meeting's page (issue 15).
        scholen = sorted(School.objects.visible_to(user, dag).values_list("pk", flat=True))
        op_zichtbare_school = Roltoewijzing.objects.filter(
            regels.actief_q(dag), school_id__in=scholen
        ).values("persoon")
        return self.filter(Q(pk__in=op_zichtbare_school) | Q(gebruiker=user))
