"""An e-mail backend whose server refuses everything, for the tests of retries."""

import smtplib

from django.core.mail.backends.base import BaseEmailBackend


class KapotteMail(BaseEmailBackend):
    def send_messages(self, email_messages):
        raise smtplib.SMTPServerDisconnected("verbinding met de mailserver verbroken")
