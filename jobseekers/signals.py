"""What the job-seeker layer tells the layers above it (coaching).

Declared here, imported by name by the reacting app, connected in its AppConfig.ready()
(DESIGN.md: a lower layer never imports a higher one).
"""

from __future__ import annotations

from django.dispatch import Signal

# Sent by jobseekers.services.record_job_start inside its transaction, with `job=Job`.
# Received by coaching.receivers (retention milestones scheduled).
job_started = Signal()

# Sent by jobseekers.services.record_job_end inside its transaction, with `job=Job`.
# Received by coaching.receivers (a re-engage task opened).
job_ended = Signal()
