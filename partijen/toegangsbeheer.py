"""Access review (BIO 5.18): who has an account, in which roles, and whether it is still used.

The nightly task deactivates accounts nobody used for a while, so a person who left does not
keep access to pupils' data because nobody thought of their account.
"""

from datetime import datetime, time, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import F, Prefetch, Q
from django.db.models.functions import Coalesce
from django.utils import timezone

from partijen.models import Gebruiker, Roltoewijzing, Toegangswijziging

ONGEBRUIKT_STANDAARD_DAGEN = 180


def heeft_tweefactor(user) -> bool:
    """Whether the account has a confirmed authenticator app (BIO: two-factor login). Backup
    codes alone do not count: they are the fallback for a lost phone, not a second factor.
    The login's code step (convenant.tweefactor) asks this same question."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def gebruikers_met_tweefactor(gebruikers) -> set[int]:
    """The ids of these accounts for which heeft_tweefactor holds, in one query however many
    accounts there are."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    ids = [g.pk for g in gebruikers]
    return set(
        TOTPDevice.objects.filter(user_id__in=ids, confirmed=True).values_list("user_id", flat=True)
    )


def accounts(dag=None):
    """Every account with its person's current role assignments (one prefetch, not per row)."""
    dag = dag or timezone.localdate()
    return (
        Gebruiker.objects.select_related("organisatie", "persoon")
        .prefetch_related(
            Prefetch(
                "persoon__toewijzingen",
                queryset=Roltoewijzing.objects.actief_op(dag).select_related(
                    "school", "overleggebied", "organisatie"
                ),
                to_attr="huidige_toewijzingen",
            )
        )
        .annotate(laatst_gebruikt=Coalesce(F("last_login"), F("date_joined")))
        .order_by("last_name", "first_name", "username")
    )


def in_rol(gebruikers, rol, dag=None):
    """The accounts that hold this role on a day (today by default): through a current role
    assignment of their person, or as the application's administrator."""
    from partijen.rollen import Rol

    if rol == Rol.BEHEERDER:
        return gebruikers.filter(is_beheerder=True)
    toewijzingen = Roltoewijzing.objects.actief_op(dag or timezone.localdate()).filter(rol=rol)
    return gebruikers.filter(persoon__toewijzingen__in=toewijzingen).distinct()


def ongebruikt_dagen() -> int:
    return getattr(settings, "ONGEBRUIKT_DEACTIVEREN_DAGEN", ONGEBRUIKT_STANDAARD_DAGEN)


def ongebruikte_accounts(nu=None):
    """BIO 5.18: an active account not used for the configured number of days (180 by default;
    never logged in counts from the day it was made) is to be deactivated.

    Counted in calendar days in Almere, so the time of the nightly run and a change to or
    from summer time do not move the edge: last used on 1 January, gone on 30 June."""
    vandaag = timezone.localdate(nu or timezone.now())
    eerste_dag_in_gebruik = vandaag - timedelta(days=ongebruikt_dagen() - 1)
    grens = timezone.make_aware(datetime.combine(eerste_dag_in_gebruik, time.min))
    return Gebruiker.objects.filter(is_active=True).filter(
        Q(last_login__lt=grens) | Q(last_login__isnull=True, date_joined__lt=grens)
    )


def deactiveer_ongebruikte_accounts(nu=None) -> int:
    """Deactivate unused accounts; returns how many this run deactivated.

    Each account is claimed with a conditional update, so two runs at once deactivate (and
    log) it once. The last active administrator is kept: without one nobody can let the
    others back in.
    """
    aantal = 0
    for gebruiker in ongebruikte_accounts(nu).order_by("pk"):
        with transaction.atomic():
            if gebruiker.is_beheerder:
                beheerders = list(
                    Gebruiker.objects.select_for_update()
                    .filter(is_beheerder=True, is_active=True)
                    .values_list("pk", flat=True)
                )
                if set(beheerders) <= {gebruiker.pk}:
                    continue
            geclaimd = Gebruiker.objects.filter(pk=gebruiker.pk, is_active=True).update(
                is_active=False
            )
            if geclaimd:
                Toegangswijziging.objects.create(
                    soort=Toegangswijziging.Soort.GEDEACTIVEERD, door=None, gebruiker=gebruiker
                )
                aantal += 1
    return aantal
