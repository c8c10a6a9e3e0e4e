from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OverleggenConfig(AppConfig):
    name = "overleggen"
    verbose_name = _("Meetings")

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from overleggen import naleving

        # Issue 15: the compliance dashboard is kept in the cache per state of its data.
        for model in naleving.stand_modellen():
            post_save.connect(naleving.verhoog_stand, sender=model, dispatch_uid=f"stand-{model}")
            post_delete.connect(
                naleving.verhoog_stand, sender=model, dispatch_uid=f"stand-del-{model}"
            )
