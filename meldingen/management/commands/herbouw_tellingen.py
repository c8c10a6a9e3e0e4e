from time import monotonic

from django.core.management.base import BaseCommand

from meldingen import politietelling
from meldingen.telling import Telling, herbouw


class Command(BaseCommand):
    help = (
        "Telt de meldingen per school, jaar, hoofdcategorie en maand opnieuw (de cijfers, "
        "art. 8), en per dag met hun politiemelding (de evaluatie, art. 3.2). Nodig na "
        "schrijven zonder signalen (bulk_create, COPY, QuerySet.update)."
    )

    def handle(self, *args, **options):
        begin = monotonic()
        herbouw()
        politietelling.herbouw()
        self.stdout.write(
            f"{Telling.objects.count()} tellingen en "
            f"{politietelling.Politietelling.objects.count()} politietellingen opnieuw opgebouwd "
            f"in {monotonic() - begin:.1f} s."
        )
