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


class NaOndertekeningAlleenLezen:
    """Art. 11.3: once the covenant is signed its text changes only by an amendment with every
    partner's written consent, never by editing it here; the admin shows it read-only."""

    def _getekend(self):
        return Ondertekening.objects.exists()

    def has_add_permission(self, request, *args):
        return not self._getekend() and super().has_add_permission(request, *args)

    def has_change_permission(self, request, obj=None):
        return not self._getekend() and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return not self._getekend() and super().has_delete_permission(request, obj)


class LidInline(NaOndertekeningAlleenLezen, admin.StackedInline):
    model = Lid
    extra = 0


@admin.register(Convenant)
class ConvenantAdmin(SimpleHistoryAdmin):
    list_display = ["titel", "plaats", "titelperiode"]


@admin.register(Artikel)
class ArtikelAdmin(NaOndertekeningAlleenLezen, SimpleHistoryAdmin):
    list_display = ["nummer", "titel", "hoofdstuk"]
    inlines = [LidInline]


@admin.register(Lid)
class LidAdmin(NaOndertekeningAlleenLezen, SimpleHistoryAdmin):
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
