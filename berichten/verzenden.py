"""Sending messages by e-mail, each exactly once.

A sending run takes ("claims") the rows it will send with one conditional UPDATE: only rows still
waiting and not claimed by a live run are taken, so two workers, a task delivered twice
(`acks_late`), or a digest next to a direct send each get different rows. A claim older than
CLAIM_GELDIG is that of a worker that died before it sent; the next run takes it over. A failed
send gives the claim back and counts an attempt; after MAX_POGINGEN the message is marked failed
and stays visible in the application and on the "Berichten" page.
"""

import logging
import time
import uuid
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import InterfaceError, OperationalError, connection, transaction
from django.db.models import F, Q
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _

from berichten.diensten import frequenties
from berichten.models import Bericht
from berichten.soorten import Frequentie, groep_van

logger = logging.getLogger(__name__)

CLAIM_GELDIG = timedelta(minutes=15)
MAX_POGINGEN = 5
# Recording a sent e-mail waits for a database restart this many times this many seconds.
MARKEER_POGINGEN = 10
MARKEER_PAUZE = 2
# Attachments by kind: an invitation carries its meeting's calendar file.
BIJLAGEN = {"uitnodiging": "overleggen.agenda.bijlage"}


class Verzendfout(Exception):
    """Sending failed; the rows are waiting again and the task retries later."""


def _claim(berichten) -> tuple[str, list[Bericht]]:
    token = uuid.uuid4().hex
    nu = timezone.now()
    berichten.filter(email=Bericht.Email.WACHT).filter(
        Q(geclaimd_op__isnull=True) | Q(geclaimd_op__lt=nu - CLAIM_GELDIG)
    ).update(claim=token, geclaimd_op=nu)
    return token, list(
        Bericht.objects.filter(claim=token, email=Bericht.Email.WACHT)
        .select_related("ontvanger")
        .order_by("uiterlijk", "aangemaakt_op", "pk")
    )


def _absoluut(url: str) -> str:
    return settings.SITE_URL.rstrip("/") + url


def _mail(gebruiker, onderwerp: str, sjabloon: str, context: dict, bijlagen=()):
    context = {
        **context,
        "gebruiker": gebruiker,
        "instellingen": _absoluut("/berichten/voorkeuren/"),
    }
    mail = EmailMultiAlternatives(
        onderwerp,
        render_to_string(f"berichten/email/{sjabloon}.txt", context),
        None,
        [gebruiker.email],
    )
    mail.attach_alternative(
        render_to_string(f"berichten/email/{sjabloon}.html", context), "text/html"
    )
    for naam, inhoud, mimetype in bijlagen:
        mail.attach(naam, inhoud, mimetype)
    mail.send()


def _bijlagen(bericht):
    pad = BIJLAGEN.get(bericht.soort)
    if not pad:
        return []
    bijlage = import_string(pad)(bericht.sleutel)
    return [bijlage] if bijlage else []


def _verstuur(token: str, berichten: list[Bericht], versturen) -> int:
    """Send the claimed rows with `versturen()`; mark them sent, or give them back."""
    try:
        with translation.override(settings.LANGUAGE_CODE):
            versturen()
    except Exception as exc:  # SMTP errors, refused connections, timeouts
        Bericht.objects.filter(claim=token).update(
            claim="", geclaimd_op=None, pogingen=F("pogingen") + 1, fout=str(exc)[:300]
        )
        Bericht.objects.filter(pk__in=[b.pk for b in berichten], pogingen__gte=MAX_POGINGEN).update(
            email=Bericht.Email.MISLUKT
        )
        logger.warning("E-mail niet verzonden (%s); %d berichten wachten.", exc, len(berichten))
        raise Verzendfout(str(exc)) from exc
    _markeer_verzonden(token)
    return len(berichten)


def _markeer_verzonden(token: str) -> None:
    """The e-mail has left: record it, also through a database restart (make loadtest: a
    restart at this moment left a sent message claimed, to be sent again once its claim had
    expired). A few seconds' patience, a fresh connection each time."""
    for poging in range(MARKEER_POGINGEN):
        try:
            with transaction.atomic():
                Bericht.objects.filter(claim=token).update(
                    email=Bericht.Email.VERZONDEN, verzonden_op=timezone.now(), fout=""
                )
            return
        except (OperationalError, InterfaceError):
            if poging == MARKEER_POGINGEN - 1:
                raise
            logger.warning("Verzonden e-mail nog niet vastgelegd; database onbereikbaar.")
            if not connection.in_atomic_block:  # a caller's transaction is the caller's
                connection.close()  # the next attempt connects anew
            time.sleep(MARKEER_PAUZE)


def _wachtend(gebruiker, frequentie: str) -> list[int]:
    """The user's messages waiting for an e-mail, of the groups the user receives this way."""
    keuzes = frequenties(gebruiker)
    wachtend = Bericht.objects.van(gebruiker).filter(email=Bericht.Email.WACHT).only("pk", "soort")
    return [b.pk for b in wachtend if keuzes[groep_van(b.soort).code] == frequentie]


def verstuur_direct(gebruiker_id: int) -> int:
    """Send the user's waiting messages of the groups they want at once, one e-mail each."""
    from partijen.models import Gebruiker

    gebruiker = Gebruiker.objects.filter(pk=gebruiker_id, is_active=True).first()
    if gebruiker is None:
        return 0
    direct = _wachtend(gebruiker, Frequentie.DIRECT)
    verzonden, fout = 0, None
    for pk in direct:
        token, berichten = _claim(Bericht.objects.filter(pk=pk))
        for bericht in berichten:
            try:
                verzonden += _verstuur(
                    token,
                    [bericht],
                    lambda b=bericht: _mail(
                        gebruiker,
                        _("[Safety at schools] %(wat)s") % {"wat": b.wat},
                        "bericht",
                        {"bericht": b, "link": _absoluut(b.url)},
                        _bijlagen(b),
                    ),
                )
            except Verzendfout as exc:
                fout = exc
    if fout is not None:
        raise fout
    return verzonden


def verstuur_overzicht(gebruiker, frequentie: str) -> int:
    """One digest e-mail of the user's waiting messages of the groups with this frequency."""
    pks = _wachtend(gebruiker, frequentie)
    if not pks:
        return 0
    token, berichten = _claim(Bericht.objects.filter(pk__in=pks))
    if not berichten:
        return 0
    vandaag = timezone.localdate()
    onderwerp = (
        _("[Safety at schools] Your daily overview: %(n)d items")
        if frequentie == Frequentie.DAGELIJKS
        else _("[Safety at schools] Your weekly overview: %(n)d items")
    ) % {"n": len(berichten)}
    items = [
        {
            "bericht": b,
            "link": _absoluut(b.url),
            "te_laat": bool(b.uiterlijk and b.uiterlijk < vandaag),
        }
        for b in berichten
    ]
    return _verstuur(
        token,
        berichten,
        lambda: _mail(
            gebruiker,
            onderwerp,
            "overzicht",
            {"items": items, "frequentie": frequentie, "centrum": _absoluut("/berichten/")},
        ),
    )


def verstuur_overzichten(frequentie: str) -> int:
    """The digests of every user with waiting messages of that frequency."""
    from partijen.models import Gebruiker

    ids = (
        Bericht.objects.filter(email=Bericht.Email.WACHT)
        .values_list("ontvanger", flat=True)
        .distinct()
    )
    verzonden = 0
    for gebruiker in Gebruiker.objects.filter(pk__in=ids, is_active=True):
        try:
            verzonden += verstuur_overzicht(gebruiker, frequentie)
        except Verzendfout:
            continue  # given back: the next digest, or the task's retry, sends it
    return verzonden
