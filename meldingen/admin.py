from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from meldingen.models import Categorie


@admin.register(Categorie)
class CategorieAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "politie", "artikel", "meldcode", "reactietermijn", "actief"]
    list_filter = ["politie", "landelijk", "actief"]
    list_select_related = ["bovenliggend"]
