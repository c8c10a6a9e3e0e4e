from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from overleggen.models import Overlegvorm


@admin.register(Overlegvorm)
class OverlegvormAdmin(SimpleHistoryAdmin):
    list_display = ["nummer", "naam", "reikwijdte", "periode", "minimum", "maximum", "artikel"]
