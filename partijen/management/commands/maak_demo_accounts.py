from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.management.base import BaseCommand, CommandError

from partijen.demo import maak_demo_accounts


class Command(BaseCommand):
    help = "Maakt voor elke rol een demo-account aan (alleen met DEBUG=1) en toont de logins."

    def handle(self, *args, **options):
        try:
            accounts = maak_demo_accounts()
        except ImproperlyConfigured as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write("")
        self.stdout.write(f"Demo-accounts (wachtwoord voor allemaal: {settings.DEMO_PASSWORD})")
        for user, created in accounts:
            note = " (nieuw)" if created else ""
            self.stdout.write(f"  {user.username:<20} {user.get_rol_display()}{note}")
        self.stdout.write("")
