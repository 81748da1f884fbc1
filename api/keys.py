"""One request per Idempotency-Key. A write that carries the header records its row once
(ips.idempotency); this module makes sure a retry really is the same request: the key is
stored with a fingerprint of the method, path and body (`KeyUse`), and the same key sent
with a different request is a 422 on the header and saves nothing (IETF
draft-ietf-httpapi-idempotency-key-header, "Error Scenarios"), instead of answering the
first row as if the new values had been saved.

Rows recorded by the workspace forms or the offline queue with a key carry no `KeyUse`:
the first API call with that key stores its fingerprint then."""

from __future__ import annotations

import hashlib
import json
import uuid

from django.db import IntegrityError, transaction
from ninja.errors import ValidationError as RequestInvalid

from api.models import KeyUse

KEY_REUSED = (
    "This Idempotency-Key was sent before with a different request: nothing was saved. "
    "Send the same request again to retry it, or make a new key for a new entry."
)


def fingerprint(request) -> str:
    """SHA-256 (hex) of the request's method, path and body; a JSON body is canonicalised
    first (keys sorted, no spaces) so a client re-serialising the same values matches."""
    body = request.body
    try:
        body = json.dumps(json.loads(body), sort_keys=True, separators=(",", ":")).encode()
    except ValueError:
        pass  # not JSON: the raw bytes
    digest = hashlib.sha256()
    for part in (request.method.encode(), request.path.encode(), body):
        digest.update(part)
        digest.update(b"\x00")
    return digest.hexdigest()


def refuse_changed_request(request, key: uuid.UUID | None) -> None:
    """Before a write: when `key` was used with a different request, raise RequestInvalid
    (422, loc header.Idempotency-Key). Nothing happens without a key."""
    if key is None:
        return
    used = KeyUse.objects.filter(key=key).values_list("fingerprint", flat=True).first()
    if used is not None and used != fingerprint(request):
        raise RequestInvalid([{"loc": ("header", "Idempotency-Key"), "msg": KEY_REUSED}])


def remember_request(request, key: uuid.UUID | None) -> None:
    """After a write (inside its transaction) or a replay: store `key` with this request's
    fingerprint; when it is stored already with another one, raise RequestInvalid (422)."""
    if key is None:
        return
    mine = fingerprint(request)
    try:
        with transaction.atomic():
            use, _ = KeyUse.objects.get_or_create(key=key, defaults={"fingerprint": mine})
    except IntegrityError:  # made at the same moment by a concurrent request
        use = KeyUse.objects.get(key=key)
    if use.fingerprint != mine:
        raise RequestInvalid([{"loc": ("header", "Idempotency-Key"), "msg": KEY_REUSED}])
