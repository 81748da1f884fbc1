"""Fixed-window limits kept in the shared cache (Redis in production, so every worker
counts together): how many emailed links or resets one address or account may ask for."""

from __future__ import annotations

from hashlib import sha256

from django.core.cache import cache


def within_limit(scope: str, key: str, *, limit: int, seconds: int) -> bool:
    """Count one use of `key` in `scope`; True while at most `limit` uses in `seconds`.

    The key is hashed, so the cache holds no email address in clear.
    """
    cache_key = f"throttle:{scope}:{sha256(key.encode()).hexdigest()}"
    cache.add(cache_key, 0, timeout=seconds)
    try:
        count = cache.incr(cache_key)
    except ValueError:  # expired between add and incr: a new window starts with this use
        cache.add(cache_key, 1, timeout=seconds)
        count = 1
    return count <= limit
