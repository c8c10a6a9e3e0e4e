from time import monotonic

from django.core.management.base import BaseCommand

from meldingen.telling import Telling, herbouw


class Command(BaseCommand):
    help = (
        "Telt de meldingen per school, jaar, hoofdcategorie en maand opnieuw (de cijfers, "
        "art. 8). Nodig na schrijven zonder signalen (bulk_create, COPY, QuerySet.update)."
    )

    def handle(self, *args, **options):
        begin = monotonic()
        herbouw()
        self.stdout.write(
            f"{Telling.objects.count()} tellingen opnieuw opgebouwd in {monotonic() - begin:.1f} s."
        )
