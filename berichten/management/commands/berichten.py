"""`manage.py berichten --proef`: what would be sent now, without writing or sending anything.
Without --proef: run the scan (as beat does every hour) and send what is due at once."""

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone, translation

from berichten import diensten
from berichten.models import Bericht
from berichten.soorten import groep_van


class Proef(Exception):
    """Raised to roll the dry run's writes back."""


class Command(BaseCommand):
    help = "Scan wat er te doen is en verstuur de berichten (--proef: alleen tonen)."

    def add_arguments(self, parser):
        parser.add_argument("--proef", action="store_true", help="niets schrijven of versturen")

    def handle(self, *args, proef=False, **options):
        if not proef:
            nieuw = diensten.scan(timezone.localdate())
            self.stdout.write(f"{nieuw} nieuwe berichten geschreven.")
            return
        regels = []
        try:
            with transaction.atomic():
                voor = set(Bericht.objects.values_list("pk", flat=True))
                with translation.override(settings.LANGUAGE_CODE):
                    for gebruiker in diensten.ontvangers():
                        diensten.scan_gebruiker(gebruiker)
                wachtend = (
                    Bericht.objects.filter(email=Bericht.Email.WACHT)
                    .select_related("ontvanger")
                    .order_by("ontvanger__username", "uiterlijk", "pk")
                )
                for b in wachtend:
                    keuze = diensten.frequenties(b.ontvanger)[groep_van(b.soort).code]
                    nieuw = "nieuw" if b.pk not in voor else "wacht"
                    regels.append(
                        f"{b.ontvanger.username} <{b.ontvanger.email}> · {keuze} · {nieuw} · "
                        f"art. {b.artikel or '-'} · {b.wat}"
                    )
                raise Proef
        except Proef:
            pass
        for regel in regels:
            self.stdout.write(regel)
        self.stdout.write(
            f"{len(regels)} berichten zouden worden verstuurd (proef: niets verstuurd)."
        )
