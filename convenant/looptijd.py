"""Art. 10.3: the covenant's term as it stands today, for the whole application. After its last
day without an extension, the covenant's records stay readable but nothing new is recorded
under it (convenant.site.alleen_lezen)."""

from datetime import date

from django.db.models import Count, Min

from convenant import regels
from convenant.models import Convenant


def laatste_dag() -> date | None:
    """The last day of the term with every extension decided so far (None before the covenant
    is signed). One query, so every page can ask."""
    rij = (
        Convenant.objects.order_by("id")
        .annotate(eerste=Min("ondertekeningen__datum"), n=Count("verlengingen", distinct=True))
        .values_list("eerste", "n", "looptijd_jaren", "verlenging_jaren")
        .first()
    )
    if rij is None or rij[0] is None:
        return None
    eerste, verlengingen, jaren, verlenging_jaren = rij
    return regels.looptijd([eerste], jaren, verlengingen * verlenging_jaren)[1]


def geeindigd(vandaag: date) -> date | None:
    """The term's last day once it has passed without an extension (art. 10.3), else None."""
    einde = laatste_dag()
    return einde if einde and regels.looptijd_verstreken(einde, vandaag) else None
