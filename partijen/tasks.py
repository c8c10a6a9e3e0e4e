from celery import shared_task

from partijen.toegangsbeheer import deactiveer_ongebruikte_accounts


@shared_task(acks_late=True)
def deactiveer_ongebruikt():
    """BIO 5.18: nightly, accounts unused for the configured time lose their access."""
    return deactiveer_ongebruikte_accounts()
