from django.core.management.base import BaseCommand, CommandError

from convenant.site.laden import DATABESTAND, OngeldigeData, laad_convenant


class Command(BaseCommand):
    help = (
        "Laadt het convenant (artikelen, partners, ondertekeningen, overleggebieden en "
        "overlegvormen) uit het databestand. Maakt alleen aan wat ontbreekt."
    )

    def add_arguments(self, parser):
        parser.add_argument("--bestand", default=str(DATABESTAND))
        parser.add_argument(
            "--bijwerken",
            action="store_true",
            help="Overschrijf bestaande rijen met de waarden uit het bestand.",
        )

    def handle(self, *args, bestand, bijwerken, **options):
        try:
            verslag = laad_convenant(bestand, bijwerken=bijwerken)
        except (OngeldigeData, KeyError, FileNotFoundError) as exc:
            raise CommandError(f"Convenantdata niet geladen: {exc}") from exc
        if not verslag.aangemaakt and not verslag.bijgewerkt:
            self.stdout.write("Convenantdata: alles was al geladen.")
        for name, n in verslag.aangemaakt.items():
            self.stdout.write(f"Aangemaakt: {n} {name}")
        for name, n in verslag.bijgewerkt.items():
            self.stdout.write(f"Bijgewerkt: {n} {name}")
