"""Stage moves and the rapid-search flag, as pure functions. No DB."""

import datetime as dt

import pytest

from jobseekers import stages
from jobseekers.stages import StageError, check_close_reason, check_move, rapid_search_missed

ENTRY = dt.date(2026, 1, 1)


@pytest.mark.parametrize(
    ("current", "target"),
    [
        ("referred", "engaged"),
        ("engaged", "job_search"),
        ("job_search", "working"),
        ("engaged", "working"),
        ("working", "follow_along"),
        ("working", "job_search"),
        ("follow_along", "working"),
        ("follow_along", "closed"),
        ("closed", "referred"),
        ("closed", "engaged"),
    ],
)
def test_legal_moves_pass(current, target):
    check_move(current, target)
    assert stages.can_move(current, target)


@pytest.mark.parametrize(
    ("current", "target", "message"),
    [
        ("referred", "working", "Enter the person onto the caseload"),
        ("referred", "job_search", "cannot move"),
        ("job_search", "follow_along", "only after a job start"),
        ("closed", "working", "re-opens"),
        ("working", "working", "already"),
        ("engaged", "hired", "Unknown stage"),
    ],
)
def test_illegal_moves_are_refused_with_a_reason(current, target, message):
    with pytest.raises(StageError, match=message):
        check_move(current, target)
    assert not stages.can_move(current, target)


def test_not_ready_is_never_a_closing_reason():
    with pytest.raises(StageError, match="readiness"):
        check_close_reason("not_ready")
    assert "not_ready" not in stages.CLOSE_REASONS


def test_closing_reasons_match_the_model_choices():
    from jobseekers.models import JobSeeker

    assert set(stages.CLOSE_REASONS) == set(JobSeeker.CloseReason.values)
    assert set(stages.STAGES) == set(JobSeeker.Stage.values)


@pytest.mark.parametrize(
    ("first_contact", "today", "flagged"),
    [
        (None, ENTRY + dt.timedelta(days=29), False),  # still inside the 30 days
        (None, ENTRY + dt.timedelta(days=30), False),  # day 30 itself: still time today
        (None, ENTRY + dt.timedelta(days=31), True),
        (ENTRY + dt.timedelta(days=30), ENTRY + dt.timedelta(days=90), False),
        (ENTRY + dt.timedelta(days=31), ENTRY + dt.timedelta(days=90), True),
        (ENTRY, ENTRY + dt.timedelta(days=400), False),
    ],
)
def test_rapid_search_flag_after_30_days_without_face_to_face_contact(
    first_contact, today, flagged
):
    assert rapid_search_missed(ENTRY, first_contact, today) is flagged


def test_rapid_search_flag_needs_an_entry_date():
    assert rapid_search_missed(None, None, ENTRY) is False


@pytest.mark.parametrize(
    ("seekers", "fte", "ratio"), [(20, 1.0, 20.0), (30, 1.5, 20.0), (7, 0.5, 14.0), (5, 0.0, None)]
)
def test_caseload_ratio_is_active_seekers_per_specialist_fte(seekers, fte, ratio):
    assert stages.caseload_ratio(seekers, fte) == ratio


def test_pure_modules_import_no_django():
    import ast
    from pathlib import Path

    import jobseekers

    here = Path(jobseekers.__file__).parent
    for path in [*sorted((here / "benefits").glob("*.py")), here / "stages.py"]:
        name = path.name
        tree = ast.parse(path.read_text())
        imported = {
            (node.module or "") if isinstance(node, ast.ImportFrom) else alias.name
            for node in ast.walk(tree)
            if isinstance(node, ast.Import | ast.ImportFrom)
            for alias in node.names
        }
        assert not any(module.startswith("django") for module in imported), name
