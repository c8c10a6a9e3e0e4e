"""Who may see what: one function per model, used by every list, page, export and count.

Art. 8: data is shared only where strictly necessary. A user sees the schools their current
role assignments cover; register keepers (beheerder, projectleider) see everything.
"""

from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from partijen import regels

REGISTERHOUDERS = {"beheerder", "projectleider"}
# Who watches whether schools have their people (art. 2.1, 2.2, 3.1, 4): the school itself, its
# board, the area's safety manager and the register keepers.
BEZETTING_ROLLEN = {"coordinator_veiligheid", "veiligheidsmanager", "bestuurder", *REGISTERHOUDERS}


def beheert_register(user) -> bool:
    """Art. 4: the municipality (its projectleider and administrator) keeps the register."""
    return user.is_authenticated and user.rol in REGISTERHOUDERS


def eigen_toewijzingen(user, dag=None):
    """The role assignments the user's person holds on a day (today by default): what every
    app's visibility rule starts from."""
    from partijen.models import Roltoewijzing

    return Roltoewijzing.objects.filter(
        regels.actief_q(dag or timezone.localdate()), persoon__gebruiker=user
    )


def _zichtbare_scholen_q(user, dag) -> Q:
    from partijen.models import Roltoewijzing

    R = Roltoewijzing.Rol
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


def ziet_toekenningen_van(user, school) -> bool:
    """Art. 2.1: the school's coordinator watches over its safety, so he sees who was recently
    given a role that opens the school's personal data (as do the register keepers)."""
    from partijen.models import Roltoewijzing

    return beheert_register(user) or (
        eigen_toewijzingen(user)
        .filter(rol=Roltoewijzing.Rol.COORDINATOR_VEILIGHEID, school=school)
        .exists()
    )


def ziet_toegangsoverzicht(user) -> bool:
    """BIO 5.18: the register keepers review who has access (the access review, audit log)."""
    return beheert_register(user)


def ziet_auditlog(user) -> bool:
    """BIO 8.15: the administrator reads the log of writes and reads of personal data."""
    return user.is_authenticated and user.rol == "beheerder"


def ziet_bezetting(user) -> bool:
    return user.is_authenticated and user.rol in BEZETTING_ROLLEN


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
        scholen = School.objects.visible_to(user, dag)
        op_zichtbare_school = Roltoewijzing.objects.filter(
            regels.actief_q(dag), persoon=OuterRef("pk"), school__in=scholen
        )
        return self.filter(Q(Exists(op_zichtbare_school)) | Q(gebruiker=user))
