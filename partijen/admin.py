from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from partijen.models import Gebruiker, Organisatie, Overleggebied


@admin.register(Gebruiker)
class GebruikerAdmin(UserAdmin):
    list_display = ["username", "first_name", "last_name", "rol", "organisatie", "is_active"]
    list_filter = ["rol", "is_active", "organisatie"]
    fieldsets = [
        *UserAdmin.fieldsets,
        (_("Covenant role"), {"fields": ["rol", "organisatie"]}),
    ]


@admin.register(Organisatie)
class OrganisatieAdmin(SimpleHistoryAdmin):
    list_display = ["naam", "soort", "te_controleren"]
    list_filter = ["soort", "te_controleren"]
    search_fields = ["naam"]


@admin.register(Overleggebied)
class OverleggebiedAdmin(SimpleHistoryAdmin):
    list_display = ["naam", "volgorde"]
