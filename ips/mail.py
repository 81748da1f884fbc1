"""Templated email (plain text + HTML) through whatever EMAIL_BACKEND is set (anymail in
production). Tasks that send mail retry on these errors with backoff."""

from __future__ import annotations

from anymail.exceptions import AnymailAPIError, AnymailRequestsAPIError
from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string

# Provider and connection failures worth retrying (a bad address is not).
RETRYABLE_EMAIL_ERRORS = (AnymailAPIError, AnymailRequestsAPIError, ConnectionError, TimeoutError)


def send_templated_email(
    *, to: list[str], template: str, context: dict, tags: list[str] | None = None
) -> EmailMultiAlternatives:
    """Render templates/email/<template>_subject.txt, .txt and .html and send one message.

    Subject and text go through the "text" template engine (no autoescape: plain text
    shows O'Brien, not O&#x27;Brien); only the HTML part is escaped.
    """
    subject = render_to_string(f"email/{template}_subject.txt", context, using="text").strip()
    body = render_to_string(f"email/{template}.txt", context, using="text")
    html = render_to_string(f"email/{template}.html", context, using="django")
    message = EmailMultiAlternatives(
        subject=" ".join(subject.split()),
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=to,
    )
    message.attach_alternative(html, "text/html")
    if tags:
        message.tags = tags  # anymail: provider-side tagging
    message.send()
    return message
