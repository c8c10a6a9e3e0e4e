from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from convenant.models import (
    Aanvulling,
    Artikel,
    Bijlageoverleg,
    Convenant,
    Lid,
    Ondertekening,
    Rolbeschrijving,
)


class LidInline(admin.StackedInline):
    model = Lid
    extra = 0


@admin.register(Convenant)
class ConvenantAdmin(SimpleHistoryAdmin):
    list_display = ["titel", "plaats", "titelperiode"]


@admin.register(Artikel)
class ArtikelAdmin(SimpleHistoryAdmin):
    list_display = ["nummer", "titel", "hoofdstuk"]
    inlines = [LidInline]


@admin.register(Lid)
class LidAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "artikel"]
    list_select_related = ["artikel"]


@admin.register(Ondertekening)
class OndertekeningAdmin(SimpleHistoryAdmin):
    list_display = [
        "organisatie",
        "ondertekenaar",
        "functie",
        "datum",
        "toetreding",
        "te_controleren",
    ]
    list_filter = ["datum", "toetreding", "te_controleren"]
    list_select_related = ["organisatie"]


@admin.register(Rolbeschrijving)
class RolbeschrijvingAdmin(SimpleHistoryAdmin):
    list_display = ["rol"]
    filter_horizontal = ["leden"]


@admin.register(Bijlageoverleg)
class BijlageoverlegAdmin(SimpleHistoryAdmin):
    list_display = ["nummer", "naam", "frequentie"]


@admin.register(Aanvulling)
class AanvullingAdmin(SimpleHistoryAdmin):
    list_display = ["datum", "aanhef"]
