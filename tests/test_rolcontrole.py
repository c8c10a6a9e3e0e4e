"""Roles are checked in one place per app (<app>/toegang.py), never by a view or a template, and
a role is named by the enum, never by a string (issue 11)."""

import re
from pathlib import Path

import pytest

from partijen.models import Rol

ROOT = Path(__file__).resolve().parent.parent
APPS = ["convenant", "partijen", "meldingen", "overleggen", "evaluatie"]
# What a role check looks like: the roles of a user, or the constants the permission modules
# build their answers from.
ROLCONTROLE = re.compile(
    r"\buser\.rol\b|\bheeft_rol\(|\brollen_van\(|\brollen_per_school\(|\bscholen_in_rol\(|"
    r"\b[A-Z_]*ROLLEN\b|\buser\.is_beheerder\b"
)
ROLNAAM = re.compile("[\"'](" + "|".join(Rol.values) + ")[\"']")


DEMO_GEBRUIKERSNAAM = re.compile(r'username|_account_persoon\(|^\s*\("\w+", Rol\.')


def _bestanden(patroon):
    for app in APPS:
        yield from (p for p in (ROOT / app).rglob(patroon) if "migrations" not in p.parts)


@pytest.mark.parametrize(
    "pad", sorted(_bestanden("views*.py")), ids=lambda p: str(p.relative_to(ROOT))
)
def test_no_view_checks_a_role_itself(pad):
    treffers = [
        f"{n}: {regel.strip()}"
        for n, regel in enumerate(pad.read_text().splitlines(), 1)
        if ROLCONTROLE.search(regel)
    ]
    assert not treffers, "\n".join(treffers)


def test_no_template_checks_or_names_a_role():
    treffers = [
        f"{pad.relative_to(ROOT)}: {m.group(0)}"
        for pad in (ROOT / "templates").rglob("*.html")
        for m in [*ROLCONTROLE.finditer(pad.read_text()), *ROLNAAM.finditer(pad.read_text())]
    ]
    assert not treffers, "\n".join(treffers)


def test_no_role_is_named_by_a_string_outside_the_enum():
    toegestaan = {ROOT / "partijen" / "rollen.py"}
    treffers = [
        f"{pad.relative_to(ROOT)}:{n}: {regel.strip()}"
        for pad in _bestanden("*.py")
        if pad not in toegestaan
        for n, regel in enumerate(pad.read_text().splitlines(), 1)
        # demo usernames happen to be role names; a username is not a role
        if ROLNAAM.search(regel) and not DEMO_GEBRUIKERSNAAM.search(regel)
    ]
    assert not treffers, "\n".join(treffers)
