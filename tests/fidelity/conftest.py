"""Builders for the fidelity screens: a review of the home program."""

from __future__ import annotations

import datetime as dt

import pytest

from ips.fidelity.services import start_review


@pytest.fixture
def review(program):
    return start_review(
        program=program,
        review_date=dt.date(2026, 3, 31),
        period_start=dt.date(2026, 1, 1),
        period_end=dt.date(2026, 3, 31),
        reviewers="Pat Reviewer",
    )
