"""What the covenant makes a school do about an incident. One function per rule, citing its
article; the incident form, its duty panel and the close check all call these.
"""

from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from meldingen.models import Betrokkene, Categorie, Maatregel, PolitieStatus
from partijen.models import Rol

VERPLICHT, OPTIONEEL = Categorie.Politie.VERPLICHT, Categorie.Politie.OPTIONEEL
STATUS = PolitieStatus.Status


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


STRENGHEID = {Categorie.Politie.GEEN: 0, OPTIONEEL: 1, VERPLICHT: 2}


def _politiebron(categorie):
    """The category whose police duty applies: a subcategory's own when it is stricter than its
    main category's (theft under "Vernieling of diefstal" is a crime, art. 2.4), else the main
    category's. A subcategory never makes the duty lighter."""
    hoofd = categorie.hoofdcategorie
    if STRENGHEID[categorie.politie] > STRENGHEID[hoofd.politie]:
        return categorie
    return hoofd


def _politiebronnen(categorieen):
    gezien, result = set(), []
    for c in categorieen:
        bron = _politiebron(c)
        if bron.pk not in gezien:
            gezien.add(bron.pk)
            result.append(bron)
    return result


def politie_verplicht(categorieen) -> list:
    """Art. 2.4, 2.5, 2.10: a crime in or near the school, drugs, prohibited substances or
    weapons, and threats to the school are always reported to the police. Where it happened
    (online, on a school trip) does not lift the duty.

    Returns the categories that make the report compulsory (each names its own article): the
    main category, or a subcategory with a stricter duty of its own (theft, art. 2.4).
    """
    return [c for c in _politiebronnen(categorieen) if c.politie == VERPLICHT]


def politie_verplicht_q(prefix: str = "categorieen__") -> Q:
    """The same rule as politie_verplicht (art. 2.4, 2.5, 2.10), as a database condition: a
    category is compulsory when it or its main category is."""
    return Q(**{f"{prefix}politie": VERPLICHT}) | Q(**{f"{prefix}bovenliggend__politie": VERPLICHT})


def strengere_subcategorieen(categorieen) -> list:
    """Art. 2.4: a main category chosen on its own may hide a subcategory with a stricter police
    duty (a theft under "Vernieling of diefstal" is a crime). Returns those subcategories so the
    duty panel can point to them; choosing any subcategory makes the choice specific."""
    categorieen = list(categorieen)
    alleen_hoofd = {c.pk for c in categorieen if c.bovenliggend_id is None} - {
        c.bovenliggend_id for c in categorieen
    }
    if not alleen_hoofd:
        return []
    subs = Categorie.objects.filter(bovenliggend__in=alleen_hoofd, actief=True).select_related(
        "bovenliggend"
    )
    return [s for s in subs if _politiebron(s) is s]


def politie_optioneel(categorieen) -> list:
    """Art. 2.6: vandalism, (sexual) intimidation, discrimination, (cyber)bullying and threats:
    the school acts, and may report to the police early, anonymously if it chooses."""
    return [c for c in _politiebronnen(categorieen) if c.politie == OPTIONEEL]


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


def ouders_informeren_toegestaan(
    soort: str, dag: date, geboortedatum=None, leeftijd=None, *, op: date | None = None
) -> bool:
    """Inleiding and art. 3.5: parent notification exists only for a student known to be under
    18 on the incident date; for an adult student it is neither offered nor recorded.

    Known to be under 18 also on `op`, the day the parents are informed (the incident date when
    not given): a student who has turned 18 since the incident is an adult, and privacy law
    keeps the parents out. With only the age on the incident date known, the student may have
    turned 18 the very next day, so the oldest possible date of birth decides.
    """
    if (
        soort != Betrokkene.Soort.LEERLING
        or minderjarig_op(dag, geboortedatum, leeftijd) is not True
    ):
        return False
    op = op or dag
    if geboortedatum is None:
        geboortedatum = _jaren_eerder(dag, leeftijd + 1) + timedelta(days=1)
    return minderjarig_op(op, geboortedatum) is True


def _jaren_eerder(dag: date, jaren: int) -> date:
    """The same day a number of years earlier; 29 February becomes 28 February in a year
    without it."""
    try:
        return dag.replace(year=dag.year - jaren)
    except ValueError:
        return dag.replace(year=dag.year - jaren, day=28)


def inspectie_informeren(soort: str, dagen: int | None) -> bool:
    """A suspension of more than one day, and a removal, are reported to the Inspectie van het
    Onderwijs (the law around the covenant; see DOMAIN.md)."""
    return soort == Maatregel.Soort.VERWIJDERING or (
        soort == Maatregel.Soort.SCHORSING and (dagen or 0) > 1
    )


def kluisje_geopend(soort: str) -> bool:
    """Art. 2.7: the school may open a locker it provides; the opening is recorded."""
    return soort == Maatregel.Soort.KLUISJE


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
    for sub in strengere_subcategorieen(categorieen):
        result.append(
            Plicht(
                "politie_strenger",
                sub.artikel,
                _(
                    "%(category)s: if it was “%(subcategory)s”, tick that as well: it is always "
                    "reported to the police."
                )
                % {"category": sub.bovenliggend.naam, "subcategory": sub.naam},
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


# The police follow-up (art. 3.2, 3.4): which step may follow which (None: no step yet). One
# table, checked by the model on every step appended (PolitieStatus.clean) and used by the
# form to offer the steps that may follow.
OVERGANGEN = {
    None: {STATUS.GEMELD},
    STATUS.GEMELD: {STATUS.IN_BEHANDELING, STATUS.AFGEROND},
    STATUS.IN_BEHANDELING: {STATUS.INTERVENTIE, STATUS.AFGEROND},
    STATUS.INTERVENTIE: {STATUS.AFGEROND},
    STATUS.AFGEROND: set(),
}


def volgende_statussen(huidig: str | None) -> set[str]:
    """Art. 3.2, 3.4: the police moves a report forward step by step, starting from "reported"
    (recorded with the school's police report); a completed report is final (a new development
    is a new incident)."""
    return OVERGANGEN.get(huidig, set())


# What each step records besides its note: only completing a report has an outcome and the day
# the proces-verbaal went to the OM. The step form shows these fields and no others.
STAPVELDEN = {
    STATUS.IN_BEHANDELING: (),
    STATUS.INTERVENTIE: (),
    STATUS.AFGEROND: ("uitkomst", "pv_datum"),
}


def velden_voor_stap(status: str) -> tuple[str, ...]:
    """Art. 3.2, 3.4: the fields a police step records. Every step may carry a note; only a
    completed report says how it ended and, for a proces-verbaal, when it went to the OM."""
    return STAPVELDEN.get(status, ()) + ("notitie",)


def uitkomst_verplicht(status: str) -> bool:
    """A completed report says how it ended: proces-verbaal to the OM (art. 3.2), Halt, no
    criminal offence, or handed over. The step that records an outcome must give one."""
    return "uitkomst" in STAPVELDEN.get(status, ())


def pv_datum_verplicht(uitkomst: str) -> bool:
    """Art. 3.2: the police sends the proces-verbaal to the OM quickly. A report completed with a
    proces-verbaal records the day it went; no other outcome has such a date."""
    return uitkomst == PolitieStatus.Uitkomst.PV_OM


@lru_cache(maxsize=32)
def _feestdagen(jaar: int) -> frozenset[date]:
    import holidays

    feestdagen = holidays.NL(years=jaar, language="nl")
    # The package lists Good Friday, which is a working day in the Netherlands (no public
    # holiday by law, and the police works as on any other Friday).
    goede_vrijdag = feestdagen.get_named("Goede vrijdag", lookup="iexact")
    return frozenset(feestdagen) - set(goede_vrijdag)


def is_werkdag(dag: date) -> bool:
    """Art. 3.2: the response target counts working days: Monday to Friday, except the Dutch
    public holidays (from the holidays package)."""
    return dag.weekday() < 5 and dag not in _feestdagen(dag.year)


def uiterste_reactiedatum(gemeld: date, werkdagen: int) -> date:
    """Art. 3.2: the police gives priority to a fast intervention. The target is a number of
    working days after the day of the report (weekends and Dutch public holidays do not count);
    the last of them is the final day."""
    dag, over = gemeld, werkdagen
    while over > 0:
        dag += timedelta(days=1)
        if is_werkdag(dag):
            over -= 1
    return dag


STANDAARD_REACTIETERMIJN = 5


def reactietermijn(categorieen) -> int:
    """The strictest response target among the incident's categories (art. 3.2)."""
    termijnen = [c.reactietermijn for c in _politiebronnen(categorieen) if c.reactietermijn]
    return min(termijnen, default=STANDAARD_REACTIETERMIJN)


# Police steps before the intervention: the response target (art. 3.2) still runs.
VOOR_DE_INTERVENTIE = (STATUS.GEMELD, STATUS.IN_BEHANDELING)


def politie_loopt(stap: str = "politiestatus") -> Q:
    """Art. 3.2: the police is still working towards the intervention. A condition on an
    incident's current police step (Melding.politiestatus), or on the step named `stap` (the
    evaluation reads the step reached on a given day)."""
    return Q(**{f"{stap}__in": VOOR_DE_INTERVENTIE})


def over_de_termijn(
    vandaag: date, stap: str = "politiestatus", uiterlijk: str = "politiemelding__reactie_uiterlijk"
) -> Q:
    """Art. 3.2: a report is overdue when the intervention has not happened by its final day
    (Politiemelding.reactie_uiterlijk, fixed in working days when the report is recorded):
    its latest step comes before the intervention and the final day is behind `vandaag`.

    The one definition, evaluated in the database: MeldingQuerySet.met_politiestatus annotates
    every incident with it (`te_laat`), so the list, its filter and order, the export, the
    police's counter and the incident page all read the same answer. `stap` and `uiterlijk`
    name the step and the final day elsewhere: the evaluation's kept counts
    (meldingen.politietelling) have both as fields of their own.
    """
    return politie_loopt(stap) & Q(**{f"{uiterlijk}__lt": vandaag})


def bij_vertrouwenspersonen() -> Q:
    """Art. 2.2: a report made to a contactpersoon vertrouwenszaken stays with the school's
    contactpersonen vertrouwenszaken until one of them decides to share it with the coordinator
    (a recorded decision, Melding.gedeeld_met_coordinator): until then only they see it, act on
    it and may share it.

    A condition on Melding: visible_to keeps these reports from the coordinator with it, and
    the incident pages read it from the annotation of the same name
    (MeldingQuerySet.met_vertrouwelijkheid)."""
    return Q(vertrouwelijk=True, gedeeld_met_coordinator__isnull=True)


# What a page or an export shows of a person involved in an incident, in this order.
PERSOONSGEGEVENS = ("naam", "rol", "soort", "geboortedatum", "leeftijd", "ouders_geinformeerd_op")


def zichtbare_persoonsgegevens(rollen: set[str], politiemelding) -> tuple[str, ...]:
    """Art. 8 with art. 2.6: which personal data of the people involved in an incident (and its
    attachments) a user sees, from the user's roles at the incident's school. The school's own
    coordinator and contactpersonen vertrouwenszaken see them; the police contact sees them
    when the school reported to the police with its people (the reason recorded, art. 8), none
    of an anonymous report (art. 2.6). Nobody else sees any: the others work with counts.

    The incident page, its attachments and the export all show exactly these fields."""
    if rollen & {Rol.COORDINATOR_VEILIGHEID, Rol.CONTACTPERSOON_VERTROUWENSZAKEN}:
        return PERSOONSGEGEVENS
    if (
        Rol.POLITIE_CONTACTPERSOON in rollen
        and politiemelding is not None
        and not politiemelding.anoniem
    ):
        return PERSOONSGEGEVENS
    return ()


def reden_voor_persoonsgegevens(categorieen, anoniem: bool, opgegeven: str) -> str | None:
    """Art. 8: personal data goes to the police only when strictly necessary, with the reason
    recorded. A compulsory report (art. 2.4, 2.5, 2.10) carries its article as the reason; an
    optional one (2.6) needs a reason typed by the school, unless it is anonymous.

    Returns the reason to record, or None when a reason is required but missing.
    """
    if anoniem:
        return ""
    verplicht = politie_verplicht(categorieen)
    if verplicht:
        artikelen = ", ".join(sorted({c.artikel for c in verplicht}))
        return str(
            _("Compulsory report to the police (art. %(articles)s).") % {"articles": artikelen}
        )
    return opgegeven.strip() or None
