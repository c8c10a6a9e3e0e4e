from django.contrib import admin

from berichten.models import Bericht, Voorkeur


@admin.register(Bericht)
class BerichtAdmin(admin.ModelAdmin):
    """Read only: messages are written by the scans and events, never by hand."""

    list_display = ["ontvanger", "soort", "moment", "email", "aangemaakt_op", "verzonden_op"]
    list_filter = ["email", "soort"]
    search_fields = ["ontvanger__username", "sleutel"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Voorkeur)
class VoorkeurAdmin(admin.ModelAdmin):
    list_display = ["gebruiker", "groep", "frequentie"]
