from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.management.base import BaseCommand, CommandError

from berichten.wachtrij import stil
from convenant.toegang import rollen_op_volgorde
from convenant.tweefactor import DEMO_GEHEIM, geef_demo_apparaat, tweefactor_verplicht
from meldingen.demo import maak_demo_meldingen
from overleggen.demo import maak_demo_overleggen
from partijen.demo import maak_demo_accounts, maak_demo_gegevens


class Command(BaseCommand):
    help = (
        "Vult een leeg register met demogegevens (scholen, personen, rollen, meldingen, overleggen) en "
        "maakt voor elke rol een demo-account aan. Alleen met DEBUG=1; nooit in productie."
    )

    def handle(self, *args, **options):
        try:
            # The demo records a past: its police steps and invitations are not sent.
            with stil():
                nieuw = maak_demo_gegevens()
                accounts = maak_demo_accounts()
                maak_demo_meldingen()
                maak_demo_overleggen()
        except ImproperlyConfigured as exc:
            raise CommandError(str(exc)) from exc
        if nieuw:
            self.stdout.write("Demogegevens: scholen, personen en rollen aangemaakt.")
        else:
            self.stdout.write("Demogegevens: het register was al gevuld; niets toegevoegd.")
        self.stdout.write("")
        self.stdout.write(f"Demo-accounts (wachtwoord voor allemaal: {settings.DEMO_PASSWORD})")
        for user, created in accounts:
            note = " (nieuw)" if created else ""
            if tweefactor_verplicht(user):
                geef_demo_apparaat(user)
                note += " *"
            rollen = ", ".join(str(rol.label) for rol in rollen_op_volgorde(user))
            self.stdout.write(f"  {user.username:<20} {rollen}{note}")
        self.stdout.write("")
        self.stdout.write(
            "* Inloggen met twee factoren: zet deze demosleutel in een authenticator-app "
            f"(of gebruik `oathtool --totp -b {DEMO_GEHEIM}`) en vul de code in:"
        )
        self.stdout.write(f"  {DEMO_GEHEIM}")
        self.stdout.write("")
