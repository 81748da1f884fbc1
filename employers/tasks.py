"""Celery tasks of the employer CRM: thin, take ids, safe to run twice."""

from __future__ import annotations

from celery import shared_task
from django.conf import settings
from geopy.exc import GeocoderServiceError

from employers.models import Employer, JobOpening
from ips.geo import default_geocoder, offline_geocode
from ips.services import locate

# Provider trouble worth retrying (timeouts, rate limits, outages, broken connections).
RETRYABLE_GEOCODER_ERRORS = (GeocoderServiceError, ConnectionError, TimeoutError)
MAX_RETRIES = 4


def _locate_with_fallback(task, row, address: str, zip_code: str) -> bool:
    try:
        return locate(row, address=address, zip_code=zip_code, geocoder=default_geocoder())
    except RETRYABLE_GEOCODER_ERRORS as exc:
        # Embedded mode runs tasks inside the request: no queue to wait on, so fall back
        # at once. A worker retries with backoff first.
        if settings.CELERY_TASK_ALWAYS_EAGER or task.request.retries >= MAX_RETRIES:
            # The provider is down: the ZIP centre is better than no location.
            return locate(row, address=address, zip_code=zip_code, geocoder=offline_geocode)
        raise task.retry(exc=exc, countdown=2 ** (task.request.retries + 4)) from exc


@shared_task(bind=True, max_retries=MAX_RETRIES)
def locate_opening_task(self, opening_id: int) -> bool:
    """Geocode an opening from its own address or, failing that, its employer's."""
    opening = JobOpening.objects.select_related("employer").filter(pk=opening_id).first()
    if opening is None:
        return False
    address = opening.address or ("" if opening.zip else opening.employer.address)
    zip_code = opening.zip or opening.employer.zip
    return _locate_with_fallback(self, opening, address, zip_code)


@shared_task(bind=True, max_retries=MAX_RETRIES)
def locate_employer_task(self, employer_id: int) -> bool:
    """Geocode an employer from its address and ZIP."""
    employer = Employer.objects.filter(pk=employer_id).first()
    if employer is None:
        return False
    return _locate_with_fallback(self, employer, employer.address, employer.zip)
