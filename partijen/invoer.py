"""Reading ids and years from a request: through form fields, never by hand.

`str.isdigit()` accepts "²" and `int()` then fails, a year like 99999999 overflows a date:
both were 500s. Every view that reads an id or a year from the query string or a form it does
not render itself reads it here, so bad input means "not given", never an error page.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

from partijen.tijdvenster import eerste_jaar

# The largest primary key the database holds (a 32-bit serial on PostgreSQL).
GROOTSTE_ID = 2**31 - 1


class IdVeld(forms.IntegerField):
    """A positive database id; anything else is invalid."""

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(min_value=1, max_value=GROOTSTE_ID, **kwargs)


class JaarVeld(forms.IntegerField):
    """A year within the covenant's window: from its first year (art. 10.1, figures and
    meetings before it do not exist) until next year."""

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(min_value=eerste_jaar(), max_value=timezone.localdate().year + 1, **kwargs)


def lees(veld: forms.Field, waarde):
    """The cleaned value of one field, or None when the input is missing or invalid."""
    try:
        return veld.clean(waarde)
    except ValidationError:
        return None


def lees_id(data, naam: str):
    return lees(IdVeld(), data.get(naam))


def lees_ids(data, naam: str) -> list[int]:
    return [i for v in data.getlist(naam) if (i := lees(IdVeld(), v)) is not None]


def lees_tekst(data, naam: str, max_length: int = 100) -> str:
    """A free text such as a search: NUL characters (which PostgreSQL refuses in a query) and
    overlong input count as not given."""
    return lees(forms.CharField(required=False, max_length=max_length), data.get(naam)) or ""
