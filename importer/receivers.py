"""The import uploads kept by this app forget an erased person (connected in
importer.apps.ImporterConfig.ready)."""

from __future__ import annotations

from django.dispatch import receiver

from importer.uploads import forget_person
from jobseekers.privacy.signals import seeker_erasing


@receiver(seeker_erasing, dispatch_uid="fidelity_forget_erased_person_in_uploads")
def forget_erased_person_in_uploads(sender, *, seeker, identifiers, **kwargs) -> None:
    """Stored import files of the person's program must not keep (or bring back) them."""
    forget_person(program_id=seeker.program_id, identifiers=identifiers)
