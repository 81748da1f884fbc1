"""Tokens for the portal's emailed links (Django's token generator: signed, expiring,
and spent once the user signs in, because the hash covers last_login and the password)."""

from __future__ import annotations

from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.utils.http import base36_to_int

SIGN_IN_LINK_MINUTES = 30


class SignInLinkTokenGenerator(PasswordResetTokenGenerator):
    """A one-time sign-in link that expires after SIGN_IN_LINK_MINUTES."""

    key_salt = "cms.tokens.SignInLinkTokenGenerator"

    def check_token(self, user, token) -> bool:
        if not super().check_token(user, token):
            return False
        try:
            issued = base36_to_int(token.split("-")[0])
        except ValueError:
            return False
        return self._num_seconds(self._now()) - issued <= SIGN_IN_LINK_MINUTES * 60


sign_in_link_tokens = SignInLinkTokenGenerator()
