from django.conf import settings
from django.core.management.base import BaseCommand

from meldingen.bewaren import anonimiseer


class Command(BaseCommand):
    help = (
        "Anonimiseert de persoonsgegevens van betrokkenen bij meldingen die langer dan de "
        "bewaartermijn zijn afgesloten. Met --proef wordt alleen gemeld wat er zou gebeuren."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--proef",
            action="store_true",
            help="Niets wijzigen; alleen tellen wat er geanonimiseerd zou worden.",
        )

    def handle(self, *args, proef, **options):
        aantal = anonimiseer(proef=proef)
        termijn = settings.BEWAARTERMIJN_DAGEN
        if proef:
            self.stdout.write(
                f"Proef: {aantal} betrokkene(n) bij meldingen die langer dan "
                f"{termijn} dagen zijn afgesloten, zouden worden geanonimiseerd."
            )
        else:
            self.stdout.write(
                f"{aantal} betrokkene(n) geanonimiseerd (bewaartermijn {termijn} "
                "dagen na afsluiten)."
            )
