from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.forms import AdminPasswordChangeForm, SetUnusablePasswordMixin
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from partijen.models import Gebruiker, Organisatie, Overleggebied


class WachtwoordWijzigenForm(AdminPasswordChangeForm):
    # Django 5.2 glues this warning to the help text as a plain, untranslated string.
    usable_password_help_text = format_lazy(
        '{}<ul id="id_unusable_warning" class="messagelist"><li class="warning">{}</li></ul>',
        SetUnusablePasswordMixin.usable_password_help_text,
        _("If disabled, the current password for this user will be lost."),
    )


@admin.register(Gebruiker)
class GebruikerAdmin(UserAdmin):
    change_password_form = WachtwoordWijzigenForm
    list_display = [
        "username",
        "first_name",
        "last_name",
        "is_beheerder",
        "organisatie",
        "is_active",
    ]
    list_filter = ["is_beheerder", "is_active", "organisatie"]
    # The covenant roles are the person's role assignments in the register, not set here.
    fieldsets = [
        *UserAdmin.fieldsets,
        (_("This application"), {"fields": ["is_beheerder", "organisatie"]}),
    ]


@admin.register(Organisatie)
class OrganisatieAdmin(SimpleHistoryAdmin):
    list_display = ["naam", "soort", "te_controleren"]
    list_filter = ["soort", "te_controleren"]
    search_fields = ["naam"]


@admin.register(Overleggebied)
class OverleggebiedAdmin(SimpleHistoryAdmin):
    list_display = ["naam", "volgorde"]
