from time import monotonic

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from convenant.models import Convenant
from convenant.site.schaal import AlGevuld, vul_stad
from convenant.tweefactor import DEMO_GEHEIM, geef_demo_apparaat
from partijen.models import Gebruiker, Sector


class Command(BaseCommand):
    help = (
        "Voegt voor de benchmark een stad op schaal toe (schaal 1 = Almere nu: 200 scholen, "
        "50.000 meldingen over vijf jaar, 3.000 overleggen). Hetzelfde zaad geeft dezelfde "
        "stad. Alleen met DEBUG=1; nooit in productie."
    )

    def add_arguments(self, parser):
        parser.add_argument("--schaal", type=float, required=True, help="1 = Almere nu.")
        parser.add_argument("--zaad", type=int, default=1, help="Het zaad van de toevalsgenerator.")
        parser.add_argument(
            "--zonder-geschiedenis",
            action="store_true",
            help="Schrijf geen wijzigingsgeschiedenis (sneller, maar minder echt).",
        )

    def handle(self, *args, schaal: float, zaad: int, zonder_geschiedenis: bool, **options):
        if not settings.DEMO_ACCOUNTS_ALLOWED:
            # Thousands of accounts with the demo password: never in production.
            raise CommandError("vul_stad werkt alleen met DEBUG=1, nooit in productie.")
        if schaal <= 0:
            raise CommandError("De schaal moet groter dan 0 zijn.")
        begin = monotonic()
        if Convenant.objects.actueel() is None:
            call_command("laad_convenant", stdout=self.stdout)
        if not Gebruiker.objects.filter(username="projectleider").exists():
            call_command("maak_demo", stdout=self.stdout)
        try:
            stad = vul_stad(
                schaal, zaad, geschiedenis=not zonder_geschiedenis, melden=self.stdout.write
            )
        except ImproperlyConfigured as exc:
            raise CommandError(str(exc)) from exc
        except AlGevuld as exc:
            raise CommandError(
                f"De stad met zaad {zaad} ({exc}-…) staat al in de database."
            ) from exc
        self.stdout.write(f"Klaar in {monotonic() - begin:.1f} s. Aangemaakt:")
        for naam, aantal in sorted(stad.gemaakt.items()):
            self.stdout.write(f"  {naam:<45} {aantal:>9}")
        self._accounts(stad)

    def _accounts(self, stad):
        """Every coordinator, confidential contact person and police contact has an account;
        shown here: per sector the coordinator of its first school, and a few others."""
        per_sector = {}
        for loc in stad.locaties:
            per_sector.setdefault(loc.school.sector, loc)
        self.stdout.write("")
        self.stdout.write(f"Accounts (wachtwoord voor allemaal: {settings.DEMO_PASSWORD}):")
        for sector in Sector:
            if loc := per_sector.get(sector):
                self.stdout.write(
                    f"  {loc.coordinator.gebruiker.username:<32} coördinator, {loc.school.naam}"
                )
        eerste = stad.locaties[0]
        self.stdout.write(
            f"  {eerste.vertrouwenspersoon.gebruiker.username:<32} "
            f"contactpersoon vertrouwenszaken, {eerste.school.naam}"
        )
        agenten = list(dict.fromkeys(loc.politie.gebruiker for loc in stad.locaties))[:3]
        for agent in agenten:
            # Police accounts sign in with a second factor: the demo key (see maak_demo).
            geef_demo_apparaat(agent)
            self.stdout.write(f"  {agent.username:<32} politie-contactpersoon *")
        p = stad.prefix
        self.stdout.write(
            f"Namen: {p}-coordinator-NNNN en {p}-vertrouwenspersoon-NNNN per school (NNNN = "
            f"0001 tot {len(stad.locaties):04d}), {p}-politie-NNN per tien scholen."
        )
        self.stdout.write(f"* Code met de demosleutel: oathtool --totp -b {DEMO_GEHEIM}")
