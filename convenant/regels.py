"""The covenant's rules about its own life: entry into force, notice, term and extension. Each
function is the one place its article lives."""

import calendar
import difflib
from datetime import date, timedelta


def jubileum(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        # Signed on 29 February: in a year without one the anniversary is 1 March, so the
        # term still ends on the last day of February.
        return date(day.year + years, 3, 1)


def einde_looptijd(start: date, jaren: int, verlengd_met: int = 0) -> date:
    """Art. 10.3: the covenant applies for four years and can be extended by one year at a time;
    this is the last day of the term, with the years of the extensions decided so far.

    Signed on 14 November 2023, four years run to and including 13 November 2027, although the
    title names 2023-2026: the application shows both and computes with the dates.
    """
    return jubileum(start, jaren + verlengd_met) - timedelta(days=1)


def maanden_later(dag: date, maanden: int) -> date:
    # A period of months ends on the same day of the month; when that month is shorter, on its
    # last day (31 August plus six months is the last day of February).
    maand = dag.month - 1 + maanden
    jaar, maand = dag.year + maand // 12, maand % 12 + 1
    return date(jaar, maand, min(dag.day, calendar.monthrange(jaar, maand)[1]))


def einde_na_opzegging(opgezegd_op: date, maanden: int = 6) -> date:
    """Art. 10.2: a partner may give notice with a notice period of six months; this is the
    last day it is a partner. Notice on 31 August ends on the last day of February (the 29th in
    a leap year); notice on 29 February ends on 29 August."""
    return maanden_later(opgezegd_op, maanden)


def einde_lidmaatschap(
    opgezegd_op: date,
    maanden: int,
    direct_gevraagd: bool,
    nodig: set[int],
    instemmingen: dict[int, date],
) -> date:
    """Art. 10.2: the last day of a partner's membership after its notice: the end of the
    notice period, or, when it asked to leave at once, the day the last of the other partners
    consented (`nodig`: the partners whose consent is needed; `instemmingen`: partner -> the
    day of its written consent), if that comes first. One missing consent: the notice period
    runs."""
    einde = einde_na_opzegging(opgezegd_op, maanden)
    if direct_gevraagd and nodig <= set(instemmingen):
        laatste = max((instemmingen[p] for p in nodig), default=opgezegd_op)
        return min(max(laatste, opgezegd_op), einde)
    return einde


def lid_op(begin: date, einde: date | None, dag: date) -> bool:
    """Art. 10.1 and 10.2: a partner is a member from its own date of signing up to and
    including the last day after its notice."""
    return begin <= dag and (einde is None or dag <= einde)


def verlenging_bezwaren(
    evaluatie_datum: date | None, evaluatie_document, besloten_op, einde: date | None = None
) -> list:
    """Art. 10.3: the covenant "kan op basis van evaluatie worden verlengd met telkens 1 jaar": a
    decision to extend names the evaluation it rests on (its date and its document), held
    before the decision, and is taken while the covenant runs (`einde`: the last day of the term
    so far); a covenant that ended is not revived by a later decision, only by a new covenant."""
    from django.utils.translation import gettext as _

    bezwaren = []
    if not evaluatie_datum or not evaluatie_document:
        bezwaren.append(
            _(
                "An extension rests on an evaluation: choose the evaluation round, or give the "
                "date and the report of an evaluation held outside the application."
            )
        )
    elif besloten_op and evaluatie_datum > besloten_op:
        bezwaren.append(_("The evaluation must come before the decision to extend."))
    if besloten_op and einde and besloten_op > einde:
        bezwaren.append(
            _(
                "The term ended on %(datum)s: an extension must be decided before its end; "
                "after it, the partners sign a new covenant."
            )
            % {"datum": einde.strftime("%d-%m-%Y")}
        )
    return bezwaren


def looptijd_verstreken(einde: date, vandaag: date) -> bool:
    """Art. 10.3: the term has passed once its last day is over (unless it was extended)."""
    return vandaag > einde


def inwerkingtreding(ondertekeningsdata: list[date]) -> date | None:
    """Art. 10.1: a partner's date of signing is the date the covenant takes effect for it."""
    return min(ondertekeningsdata, default=None)


def eerste_ondertekening() -> date | None:
    """Art. 10.1: the day the covenant first took effect, from the signatures loaded (None
    before any is). Named in settings.INWERKINGTREDING for partijen.tijdvenster.eerste_jaar."""
    from convenant.models import Ondertekening

    return inwerkingtreding(list(Ondertekening.objects.values_list("datum", flat=True)))


def looptijd(
    ondertekeningsdata: list[date], jaren: int, verlengd_met: int = 0
) -> tuple[date | None, date | None]:
    """Art. 10.1 and 10.3 together: the first signing and the last day of the term, with the
    years of the extensions decided so far."""
    begin = inwerkingtreding(ondertekeningsdata)
    return begin, einde_looptijd(begin, jaren, verlengd_met) if begin else None


def toetreding_bezwaren(primair_onderwijs: bool, besluit_betrekken_op, datum) -> list:
    """Art. 11.3 and 11.4: a partner from primary education accedes by signing, without an
    amendment; any other organisation is involved "als dit gewenst is": the partners' decision
    to involve it is recorded, and comes before its signature."""
    from django.utils.translation import gettext as _

    if primair_onderwijs:
        return []
    if besluit_betrekken_op is None:
        return [
            _(
                "An organisation outside primary education joins only when the partners decide "
                "to involve it (art. 11.4): give the date of that decision."
            )
        ]
    if datum and besluit_betrekken_op > datum:
        return [_("The decision to involve it must come before its signature.")]
    return []


def communicatieparagraaf_vastgesteld(tekst: str, akkoorden: dict[str, str], partijen) -> bool:
    """Art. 9.2: "gemeente, onderwijs en politie stellen gezamenlijk een communicatieparagraaf
    op": the paragraph is agreed once each of the three parties (`partijen`) agreed to this very
    text (`akkoorden`: party -> the text it agreed to); until then it is a concept, and a later
    change needs their agreement again."""
    return bool(tekst.strip()) and all(akkoorden.get(p) == tekst for p in partijen)


def wijziging_in_werking(
    ingangsdatum: date,
    voorgesteld_op: date,
    leden: dict[int, tuple[date, date | None]],
    instemmingen: dict[int, date],
) -> date | None:
    """Art. 11.3: "Het convenant kan slechts worden gewijzigd als alle convenantpartners hiermee
    schriftelijk instemmen." An amendment needs the written consent of every partner that is a
    member on the day it is proposed (`leden`: partner -> its first and last day); a partner that
    has left by then no longer needs to consent. It takes effect on its date, or on the day the
    last consent needed comes in if that is later; None while one is missing (the old text stays
    in force)."""
    aanvankelijk = {p for p, (b, e) in leden.items() if lid_op(b, e, voorgesteld_op)}
    kandidaten = sorted(
        {ingangsdatum}
        | {d for d in instemmingen.values() if d > ingangsdatum}
        | {e + timedelta(days=1) for _b, e in leden.values() if e and e >= ingangsdatum}
    )
    for dag in kandidaten:
        nodig = {p for p in aanvankelijk if lid_op(*leden[p], dag)}
        if all(p in instemmingen and instemmingen[p] <= dag for p in nodig):
            return dag
    return None


# How many words a correction of the copied text may change (correctie_bezwaren).
CORRECTIE_MAX_WOORDEN = 5


def verschillende_woorden(oud: str, nieuw: str) -> int:
    """How many words differ between two texts, compared word by word (whitespace between words
    does not count): in each stretch that differs, the larger of the words taken out and the
    words put in. A misread word put right counts one; two words joined into one
    ("conve nant" -> "convenant") count two; three words added count three."""
    a, b = oud.split(), nieuw.split()
    return sum(
        max(i2 - i1, j2 - j1)
        for soort, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes()
        if soort != "equal"
    )


def correctie_bezwaren(oud: str, nieuw: str) -> list[str]:
    """Art. 11.3: "Het convenant kan slechts worden gewijzigd als alle convenantpartners hiermee
    schriftelijk instemmen." The application's copy of the signed text came from a scan; a
    reading error in it is corrected without an amendment, but only as a correction: the words
    must change (a change of spaces or line breaks alone is no correction, the text shows the
    same), and at most CORRECTIE_MAX_WOORDEN words may differ (verschillende_woorden). More
    is a change of meaning, an amendment that needs every partner's written consent."""
    from django.utils.translation import gettext as _

    verschil = verschillende_woorden(oud, nieuw)
    if verschil == 0:
        return [_("The text is unchanged: correct at least one word.")]
    if verschil > CORRECTIE_MAX_WOORDEN:
        return [
            _(
                "%(n)d words differ, and a correction of a scan error changes at most %(max)d. "
                "A change of meaning is an amendment: it needs the written consent of every "
                "partner (art. 11.3)."
            )
            % {"n": verschil, "max": CORRECTIE_MAX_WOORDEN}
        ]
    return []
