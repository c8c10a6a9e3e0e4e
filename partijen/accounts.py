"""Accounts for people of the register, made by the administrator in one step.

The account is linked to its person at once, so its roles are the person's role assignments
from the first login (partijen.rollen). The person chooses a password through an e-mailed
link, like the password reset; nobody else ever knows it.
"""

import secrets

from django.contrib.auth.tokens import default_token_generator
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from partijen.models import Gebruiker, Toegangswijziging


@transaction.atomic
def account_aanmaken(*, persoon, username: str, email: str, door, protocol: str, domein: str):
    """Create an account for `persoon`, link it, log it (BIO 5.18) and, once the transaction
    is committed, e-mail the person a link to choose a password."""
    gebruiker = Gebruiker(
        username=username,
        email=email,
        first_name=persoon.voornaam,
        last_name=persoon.achternaam,
        organisatie=persoon.organisatie,
    )
    # A password nobody knows, rather than an unusable one: "forgot password" then works for
    # a person whose link expired before they used it.
    gebruiker.set_password(secrets.token_urlsafe(32))
    gebruiker.save()
    persoon.gebruiker = gebruiker
    persoon.save(update_fields=["gebruiker"])
    Toegangswijziging.objects.create(
        soort=Toegangswijziging.Soort.AANGEMAAKT, door=door, persoon=persoon, gebruiker=gebruiker
    )
    transaction.on_commit(lambda: stuur_welkomstmail(gebruiker, protocol=protocol, domein=domein))
    return gebruiker


def stuur_welkomstmail(gebruiker, *, protocol: str, domein: str) -> None:
    """The e-mail with the link to choose a password (Django's password reset link)."""
    context = {
        "user": gebruiker,
        "protocol": protocol,
        "domain": domein,
        "uid": urlsafe_base64_encode(force_bytes(gebruiker.pk)),
        "token": default_token_generator.make_token(gebruiker),
    }
    onderwerp = render_to_string("registration/account_aangemaakt_onderwerp.txt", context)
    send_mail(
        " ".join(onderwerp.split()),
        render_to_string("registration/account_aangemaakt_email.txt", context),
        None,
        [gebruiker.email],
    )
