import os

from convenant.startup import explain_bad_configuration

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "convenant.settings")

with explain_bad_configuration():
    from django.core.wsgi import get_wsgi_application

    application = get_wsgi_application()
