"""The Django admin as "Beheer": reachable for administrators only, through our own login."""

from functools import wraps

from django.conf import settings
from django.contrib import admin
from django.contrib.auth.views import redirect_to_login
from django.http import Http404
from django.utils.translation import gettext_lazy as _


class BeheerSite(admin.AdminSite):
    site_header = _("Administration · Safety at schools")
    site_title = _("Administration")
    index_title = _("Covenant register")

    def _refuse(self, request):
        # A signed-in user without admin rights gets the same answer as for a page that does
        # not exist; anyone else goes through the one login page (with its throttling).
        if request.user.is_authenticated:
            raise Http404
        return redirect_to_login(request.get_full_path(), settings.LOGIN_URL)

    def admin_view(self, view, cacheable=False):
        inner = super().admin_view(view, cacheable)

        @wraps(view)
        def guarded(request, *args, **kwargs):
            if not self.has_permission(request):
                return self._refuse(request)
            return inner(request, *args, **kwargs)

        return guarded

    def login(self, request, extra_context=None):
        return self._refuse(request)
