from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeldingenConfig(AppConfig):
    name = "meldingen"
    verbose_name = _("Incidents")

    def ready(self):
        from django.db.models.signals import (
            m2m_changed,
            post_delete,
            post_save,
            pre_delete,
            pre_save,
        )

        from meldingen import politietelling, telling
        from meldingen.models import Categorie, Melding, Politiemelding

        # Issue 15: the counts behind the figures follow every change of what they count.
        for signaal, ontvanger, model in [
            (pre_save, telling.melding_voor_opslaan, Melding),
            (post_save, telling.melding_opgeslagen, Melding),
            (pre_delete, telling.melding_voor_verwijderen, Melding),
            (post_delete, telling.melding_verwijderd, Melding),
            (m2m_changed, telling.categorieen_gewijzigd, Melding.categorieen.through),
            (pre_save, telling.categorie_voor_opslaan, Categorie),
            (post_save, telling.categorie_opgeslagen, Categorie),
            (pre_delete, telling.categorie_voor_verwijderen, Categorie),
            (post_delete, telling.categorie_verwijderd, Categorie),
        ]:
            signaal.connect(ontvanger, sender=model, dispatch_uid=f"telling-{ontvanger.__name__}")
        # ... and the evaluation's police counts (meldingen.politietelling).
        for signaal, ontvanger, model in [
            (pre_save, politietelling.melding_voor_opslaan, Melding),
            (post_save, politietelling.melding_opgeslagen, Melding),
            (pre_delete, politietelling.melding_voor_verwijderen, Melding),
            (post_delete, politietelling.melding_verwijderd, Melding),
            (post_save, politietelling.politiemelding_gewijzigd, Politiemelding),
            (post_delete, politietelling.politiemelding_gewijzigd, Politiemelding),
        ]:
            signaal.connect(
                ontvanger, sender=model, dispatch_uid=f"politietelling-{ontvanger.__name__}"
            )
