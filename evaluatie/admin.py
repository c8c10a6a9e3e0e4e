from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from evaluatie.models import Vraag


@admin.register(Vraag)
class VraagAdmin(SimpleHistoryAdmin):
    """The questionnaire is data: the beheerder adds a question for a new covenant version
    (`vanaf`) or retires one; a round keeps the text it asked (Rondevraag)."""

    list_display = ["tekst", "artikel", "lid", "vanaf", "actief"]
    list_filter = ["actief", "artikel"]
    raw_id_fields = ["artikel", "lid"]
