"""Mail backends that fail the way a real outage does (EMAIL_BACKEND in a test's settings):
the SMTP server hangs up, the provider answers with an error."""

from __future__ import annotations

import smtplib

from anymail.exceptions import AnymailAPIError
from django.core.mail.backends.base import BaseEmailBackend


class SmtpDownBackend(BaseEmailBackend):
    def send_messages(self, email_messages):
        raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")


class ProviderErrorBackend(BaseEmailBackend):
    def send_messages(self, email_messages):
        raise AnymailAPIError("API response 500: Internal Server Error")
