"""Who sees which messages (art. 8): everyone their own; the administrator, who runs the
application, what went out to whom and what is due next ("Berichten")."""

from partijen.toegang import beheert_accounts


def ziet_verzendoverzicht(user) -> bool:
    return beheert_accounts(user)
