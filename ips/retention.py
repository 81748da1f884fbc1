"""Retention milestones: the days after a job start at which a program asks whether the
person is still in the job. Defined once here (pure, no Django) for every layer that
names them: the employer record's retention label, the follow-along schedule and the
confirmation rows' check constraint.

Source: IPS Employment Center follow-along practice (30/90/180/365-day job retention).
"""

from __future__ import annotations

RETENTION_DAYS: tuple[int, ...] = (30, 90, 180, 365)
