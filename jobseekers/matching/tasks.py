"""Celery tasks of the recommender: thin, idempotent, taking ids.

Each task imports `jobseekers.matching.services` when it runs, not here: this module is
loaded at start-up (receivers, seeker services), and services pulls numpy, scipy and
scikit-learn, which only a worker running a task needs (tests/test_startup.py)."""

from __future__ import annotations

from celery import chain, group, shared_task
from django.db import transaction
from geopy.exc import GeocoderServiceError


@shared_task(
    autoretry_for=(GeocoderServiceError,),
    retry_backoff=30,
    retry_backoff_max=600,
    max_retries=5,
)
def locate_seeker_task(seeker_id: int) -> bool:
    """Geocode one seeker's home; provider errors are retried with backoff."""
    from jobseekers.matching import services

    return services.locate_seeker(seeker_id=seeker_id)


@shared_task(
    autoretry_for=(GeocoderServiceError,),
    retry_backoff=30,
    retry_backoff_max=600,
    max_retries=5,
)
def locate_unlocated_seekers_task() -> int:
    """Nightly: geocode seekers who have no coordinates yet (e.g. a ZIP added later)."""
    from jobseekers.matching import services

    return services.locate_unlocated_seekers()


@shared_task
def refresh_matches_task(seeker_ids: list[int] | None = None) -> int:
    """Refresh the stored matches of the given seekers."""
    from jobseekers.matching import services

    return services.refresh_matches(seeker_ids=seeker_ids)


@shared_task
def refresh_matches_for_opening_task(opening_id: int) -> int:
    """Refresh the seekers an added or changed opening may concern."""
    from jobseekers.matching import services

    return services.refresh_matches_for_opening(opening_id=opening_id)


@shared_task
def refresh_program_matches_task(program_ids: list[int]) -> int:
    """Refresh the matches of every seeker of these programs (one part of the nightly run)."""
    from jobseekers.matching import services

    return services.refresh_program_matches(program_ids=program_ids)


@shared_task
def refresh_all_matches_task() -> int:
    """Nightly: refresh every seeker's matches as a group of tasks, one per part of the
    programs (services.refresh_parts), so more workers finish sooner; returns the parts."""
    from jobseekers.matching import services

    parts = services.refresh_parts()
    group(refresh_program_matches_task.si(ids) for ids in parts).apply_async()
    return len(parts)


@shared_task
def retrain_match_model_task() -> str:
    """Nightly: learn weights from outcomes; used only when they beat the defaults."""
    from jobseekers.matching import services

    model, result = services.retrain_match_model()
    return f"{model.version if model else 'no model'}: {result.note}"


def refresh_matches_for_opening_on_commit(opening_id: int) -> None:
    """Enqueue `refresh_matches_for_opening_task` once the saving transaction commits."""
    transaction.on_commit(lambda: refresh_matches_for_opening_task.delay(opening_id))


def relocate_and_refresh_on_commit(seeker_id: int) -> None:
    """After commit: locate the seeker's home again, then refresh their matches (in order)."""
    transaction.on_commit(
        lambda: chain(
            locate_seeker_task.si(seeker_id), refresh_matches_task.si([seeker_id])
        ).delay()
    )
