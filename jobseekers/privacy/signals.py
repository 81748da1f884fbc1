"""What an erasure tells the apps that keep something about a person."""

from __future__ import annotations

from django.dispatch import Signal

# Sent by jobseekers.privacy.services.erase_seeker inside the erasure's transaction and before the
# person loses their details, with `seeker=JobSeeker, identifiers=PersonIdentifiers`.
# A receiver forgets what its app keeps about the person; an exception aborts the erasure.
# Received by importer.receivers (stored import files).
seeker_erasing = Signal()
