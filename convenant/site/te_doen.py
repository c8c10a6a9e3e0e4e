"""The home page's "Te doen" (issue 14): every app's own answer to "what is due for this user",
gathered in one list, the overdue and the soonest first."""

from datetime import date

from convenant import te_doen as convenant_te_doen
from evaluatie import te_doen as evaluatie_te_doen
from meldingen import te_doen as meldingen_te_doen
from overleggen import te_doen as overleggen_te_doen
from partijen import te_doen as partijen_te_doen

MODULES = [
    meldingen_te_doen,
    overleggen_te_doen,
    partijen_te_doen,
    convenant_te_doen,
    evaluatie_te_doen,
]


def voor(user, vandaag: date) -> list:
    taken = [taak for module in MODULES for taak in module.voor(user, vandaag)]
    # Undated items ("as soon as possible") after the overdue ones, before the later ones.
    return sorted(taken, key=lambda t: (not t.te_laat(vandaag), t.uiterlijk or vandaag, t.wat))
