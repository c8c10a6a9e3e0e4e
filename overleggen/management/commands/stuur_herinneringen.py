from django.core.management.base import BaseCommand

from overleggen.herinneringen import stuur


class Command(BaseCommand):
    help = (
        "Stuurt de veiligheidsmanagers de wekelijkse herinnering over overleggen die te laat "
        "of nog in te plannen zijn. Met --proef wordt alleen geteld."
    )

    def add_arguments(self, parser):
        parser.add_argument("--proef", action="store_true")

    def handle(self, *args, proef, **options):
        aantal = stuur(proef=proef)
        self.stdout.write(f"{'Proef: ' if proef else ''}{aantal} herinnering(en).")
