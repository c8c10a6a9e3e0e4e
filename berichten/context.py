"""The bell in the navigation bar: the user's unread messages (one query per page)."""

from convenant.tweefactor import is_geverifieerd


def bel(request):
    if not request.user.is_authenticated or not is_geverifieerd(request):
        return {}
    from berichten.models import Bericht

    return {"berichten_ongelezen": Bericht.objects.van(request.user).ongelezen().count()}
