"""Imported by a celery worker when it starts (settings.CELERY_IMPORTS), never by a web
worker: the recommender's numeric libraries (numpy, scipy, scikit-learn) and its engine.

A worker that runs the nightly match refresh would otherwise import them with its first
part (about 1 s of CPU), once per worker process; loaded at start, with the prefork pool
before the pool's processes are forked, so they share the pages. Web workers keep them out
(issue 21 item 3, tests/test_startup.py)."""

from scipy import sparse  # noqa: F401
from sklearn.feature_extraction.text import TfidfVectorizer  # noqa: F401
from sklearn.neighbors import BallTree  # noqa: F401

from jobseekers.matching import engine, services  # noqa: F401
