"""What the covenant makes a school do about an incident. One function per rule, citing its
article; the incident form, its duty panel and the close check all call these.
"""

from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Plicht:
    soort: str
    artikel: str
    tekst: str


def _hoofd(categorieen):
    gezien, result = set(), []
    for c in categorieen:
        hoofd = c.hoofdcategorie
        if hoofd.pk not in gezien:
            gezien.add(hoofd.pk)
            result.append(hoofd)
    return result


def politie_verplicht(categorieen) -> list:
    """Art. 2.4, 2.5, 2.10: a crime in or near the school, drugs, prohibited substances or
    weapons, and threats to the school are always reported to the police.

    Returns the categories that make the report compulsory (each names its own article).
    """
    return [c for c in _hoofd(categorieen) if c.politie == "verplicht"]


def politie_optioneel(categorieen) -> list:
    """Art. 2.6: vandalism, (sexual) intimidation, discrimination, (cyber)bullying and threats:
    the school acts, and may report to the police early, anonymously if it chooses."""
    return [c for c in _hoofd(categorieen) if c.politie == "optioneel"]


def meldcode_route(categorieen) -> bool:
    """Art. 2.11: a worry about a student follows the meldcode huiselijk geweld en
    kindermishandeling, with the option of an early anonymous consultation with the police."""
    return any(c.meldcode for c in _hoofd(categorieen))


def leeftijd_op(geboortedatum: date, dag: date) -> int:
    """Age in whole years on a day. Born on 29 February, one turns a year older on 1 March."""
    return (
        dag.year
        - geboortedatum.year
        - ((dag.month, dag.day) < (geboortedatum.month, geboortedatum.day))
    )


def minderjarig_op(
    dag: date, geboortedatum: date | None = None, leeftijd: int | None = None
) -> bool | None:
    """Inleiding and art. 3.5: only parents of students under 18 are informed; on their 18th
    birthday a student is an adult. None when neither date of birth nor age is known."""
    if geboortedatum is not None:
        return leeftijd_op(geboortedatum, dag) < 18
    if leeftijd is not None:
        return leeftijd < 18
    return None


def ouders_informeren_toegestaan(soort: str, dag: date, geboortedatum=None, leeftijd=None) -> bool:
    """Inleiding and art. 3.5: parent notification exists only for a student known to be under
    18 on the incident date; for an adult student it is neither offered nor recorded."""
    return soort == "leerling" and minderjarig_op(dag, geboortedatum, leeftijd) is True


def inspectie_informeren(soort: str, dagen: int | None) -> bool:
    """A suspension of more than one day, and a removal, are reported to the Inspectie van het
    Onderwijs (the law around the covenant; see DOMAIN.md)."""
    return soort == "verwijdering" or (soort == "schorsing" and (dagen or 0) > 1)


def kluisje_geopend(soort: str) -> bool:
    """Art. 2.7: the school may open a locker it provides; the opening is recorded."""
    return soort == "kluisje"


def plichten(categorieen, maatregelen=()) -> list[Plicht]:
    """Every duty that follows from the chosen categories and measures, for the form to show."""
    result = []
    verplicht = politie_verplicht(categorieen)
    for c in verplicht:
        result.append(
            Plicht(
                "politie_verplicht",
                c.artikel,
                _(
                    "%(category)s: report to the police. The incident cannot be closed until the "
                    "police report is recorded."
                )
                % {"category": c.naam},
            )
        )
    if not verplicht:
        for c in politie_optioneel(categorieen):
            result.append(
                Plicht(
                    "politie_optioneel",
                    c.artikel,
                    _(
                        "%(category)s: the school acts. Reporting to the police is optional and may be "
                        "anonymous; the police then sees the facts without personal data."
                    )
                    % {"category": c.naam},
                )
            )
    if meldcode_route(categorieen):
        result.append(
            Plicht(
                "meldcode",
                "2.11",
                _(
                    "Follow the reporting code (meldcode) in a separate, restricted record; an early "
                    "anonymous consultation with the police contact person is possible."
                ),
            )
        )
    for m in maatregelen:
        if inspectie_informeren(m.soort, m.dagen):
            result.append(
                Plicht(
                    "inspectie",
                    "",
                    _(
                        "Report this suspension of more than one day or removal to the Inspectorate."
                    ),
                )
            )
        if kluisje_geopend(m.soort):
            result.append(
                Plicht(
                    "kluisje",
                    "2.7",
                    _("The school may open a locker it provides; record when and why."),
                )
            )
    return result


def bezwaren_tegen_afsluiten(categorieen, heeft_politiemelding: bool) -> list[str]:
    """Art. 2.4, 2.5, 2.10: an incident the police must know of stays open until the police
    report (date, kind, by whom, reference) is recorded."""
    if politie_verplicht(categorieen) and not heeft_politiemelding:
        artikelen = ", ".join(sorted({c.artikel for c in politie_verplicht(categorieen)}))
        return [_("Record the police report first (art. %(articles)s).") % {"articles": artikelen}]
    return []
