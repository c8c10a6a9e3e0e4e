"""The application's URLs and, under /bench-beheer/, a plain Django admin changelist of the
incidents and of the meetings: the anchors issue 15 compares the lists with ("faster than the
admin changelist of the same rows"). The application itself keeps these out of its admin
(personal data), so the bench brings its own, as a Django developer would register them: the
columns the lists show, their foreign keys joined, 100 rows a page with the full count."""

from django.contrib import admin
from django.urls import path

from convenant.urls import handler500
from convenant.urls import urlpatterns as applicatie
from meldingen.models import Melding
from overleggen.models import Overleg

anker = admin.AdminSite(name="bench_anker")


@admin.register(Melding, site=anker)
class MeldingAnker(admin.ModelAdmin):
    list_display = ["__str__", "tijdstip", "status", "vertrouwelijk"]
    list_select_related = ["school"]


@admin.register(Overleg, site=anker)
class OverlegAnker(admin.ModelAdmin):
    list_display = ["__str__", "start", "status"]
    list_select_related = ["vorm", "school", "overleggebied", "wijk"]


urlpatterns = [path("bench-beheer/", anker.urls), *applicatie]
__all__ = ["handler500", "urlpatterns"]
