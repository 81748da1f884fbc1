"""The recommender reacts to openings saved in the employer CRM (connected in
jobseekers.apps.JobseekersConfig.ready)."""

from __future__ import annotations

from django.dispatch import receiver

from employers.signals import opening_saved
from jobseekers.matching.tasks import refresh_matches_for_opening_on_commit


@receiver(opening_saved, dispatch_uid="matching_refresh_after_opening_saved")
def refresh_matches_after_opening_saved(sender, *, opening, **kwargs) -> None:
    """An added or changed opening: refresh the seekers it may concern, after commit."""
    refresh_matches_for_opening_on_commit(opening.pk)
