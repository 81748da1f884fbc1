"""match_eval and bench_matching print their figures; bad input is refused clearly."""

import re
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from tests.jobseekers.matching.test_learning import _record

pytestmark = pytest.mark.django_db


def _run(*args):
    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue().strip().splitlines()


def test_match_eval_says_when_there_is_nothing_to_evaluate():
    assert _run("match_eval") == [
        "No labelled outcomes yet (interest, interview, hire, 90-day retention): "
        "nothing to evaluate."
    ]


def test_match_eval_prints_the_three_figures_for_the_current_model_and_defaults(outcome_world):
    people, asked, related = outcome_world
    _record(people, good=asked, bad=related)
    lines = _run("match_eval")
    figures = r"precision@5=0\.\d{4} recall@10=[01]\.\d{4} ndcg@10=[01]\.\d{4}"
    assert re.fullmatch(rf"current \(default\): {figures}", lines[-2])
    assert re.fullmatch(rf"default weights: {figures}", lines[-1])
    assert lines[-1].endswith("ndcg@10=1.0000")


@pytest.mark.parametrize("value", ["0", "1", "-0.2"])
def test_match_eval_refuses_a_held_out_share_outside_0_to_1(value):
    with pytest.raises(CommandError, match="between 0 and 1"):
        call_command("match_eval", "--held-out", value)


def test_bench_matching_prints_its_figures_as_the_last_line():
    lines = _run("bench_matching", "--openings", "400", "--seekers", "5", "--naive-sample", "50")
    assert re.fullmatch(r"median_ms=\d+\.\d\d batch_s=\d+\.\d\d naive_ratio=\d+", lines[-1])
    assert "extrapolated" in lines[-2]
    assert lines[-3].startswith("cpu time: median_ms=")


def test_bench_matching_refuses_zero_openings():
    with pytest.raises(CommandError, match="--openings must be a whole number of at least 1"):
        call_command("bench_matching", "--openings", "0")
