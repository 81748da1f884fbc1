"""What the employer CRM tells the layers above it.

A lower layer may not import a higher one (DESIGN.md), so it announces a change with a
signal declared here; the reacting app imports the signal by name and connects its
receiver in its AppConfig.ready(), so `grep -rn opening_saved` shows every edge.
"""

from __future__ import annotations

from django.dispatch import Signal

# Sent by employers.services.save_opening (and merge_employers for every opening it moves),
# inside the saving transaction, with `opening=JobOpening`. Receivers defer their work to
# transaction.on_commit. Received by jobseekers.matching.receivers (matches refreshed).
opening_saved = Signal()
