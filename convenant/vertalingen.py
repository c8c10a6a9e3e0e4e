"""Messages of installed packages that have no Dutch of their own.

django-axes (the login protection) and django-simple-history ship no Dutch catalogue, and Django's
own Dutch lags behind a few admin texts added in 5.x. `makemessages` only collects our own
code, so those messages are repeated here, marked with gettext_noop: they land in
locale/nl/LC_MESSAGES/django.po, and because LOCALE_PATHS come before the packages' catalogues,
the package's identical msgid is shown in our Dutch. The texts must stay exactly as the packages
write them (curly apostrophes included). tests/project/test_beheer_in_het_nederlands.py compares
this list with the installed packages, so an upgrade that adds a message fails the test.

Nothing imports this module; it exists for `makemessages`.
"""

from django.utils.translation import gettext_noop

# django-axes: its app, models, admin and the lockout message.
AXES = [
    gettext_noop("Access Attempt"),
    gettext_noop("Access lock out"),
    gettext_noop(
        "Account locked: too many login attempts. Contact an admin to unlock your account."
    ),
    gettext_noop("Account locked: too many login attempts. Please try again later."),
    gettext_noop("Attempt Remaining"),
    gettext_noop("Attempt Time"),
    gettext_noop("Clean up expired attempts"),
    gettext_noop("Expires At"),
    gettext_noop("Failed Logins"),
    gettext_noop("Form Data"),
    gettext_noop("GET Data"),
    gettext_noop("HTTP Accept"),
    gettext_noop("IP Address"),
    gettext_noop("Locked Out"),
    gettext_noop("Logout Time"),
    gettext_noop("Meta Data"),
    gettext_noop("Not set"),
    gettext_noop("POST Data"),
    gettext_noop("Path"),
    gettext_noop("Session key hash (sha256)"),
    gettext_noop("The time when access attempt expires and is no longer valid."),
    gettext_noop("User Agent"),
    gettext_noop("Username"),
    gettext_noop("access attempt"),
    gettext_noop("access attempt expiration"),
    gettext_noop("access attempt expirations"),
    gettext_noop("access attempts"),
    gettext_noop("access failure"),
    gettext_noop("access failures"),
    gettext_noop("access log"),
    gettext_noop("access logs"),
]

# django-simple-history: the history pages of the admin.
SIMPLE_HISTORY = [
    gettext_noop("Change History"),
    gettext_noop("Change reason"),
    gettext_noop("Changed"),
    gettext_noop("Changed by"),
    gettext_noop("Changes"),
    gettext_noop(
        "Choose a date from the list below to revert to a previous version of this object."
    ),
    gettext_noop("Comment"),
    gettext_noop("Created"),
    gettext_noop("Deleted"),
    gettext_noop("Deleted %(type_name)s"),
    gettext_noop("Object"),
    gettext_noop("Or press the 'Change History' button to edit the history."),
    gettext_noop("Press the 'Change History' button below to edit the history."),
    gettext_noop("Press the 'Revert' button below to revert to this version of the object."),
    gettext_noop("Revert"),
    gettext_noop("Revert %(verbose_name)s"),
    gettext_noop("Revert %s"),
    gettext_noop('The %(name)s "%(obj)s" was changed successfully.'),
    gettext_noop("This object doesn't have a change history."),
    gettext_noop("View %(verbose_name)s"),
    gettext_noop("View history: %s"),
    gettext_noop("You may edit it again below"),
]

# Django 5.2's admin: texts newer than its Dutch catalogue.
DJANGO_ADMIN = [
    gettext_noop("Model name"),
    gettext_noop("Add link"),
    gettext_noop("Change or view list link"),
    gettext_noop("After you’ve created a user, you’ll be able to edit more user options."),
]
