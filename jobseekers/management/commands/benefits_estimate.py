"""`python manage.py benefits_estimate FILE` (`-` for standard input): one JSON question
in, one JSON estimate out (spec/interchange.md, "Benefits estimate"). Reads only."""

from __future__ import annotations

import json
import sys
from decimal import Decimal

from django.core.management.base import BaseCommand, CommandError

from jobseekers import benefits, selectors


class Command(BaseCommand):
    help = "Estimate SSI/SSDI for one month from a JSON question (FILE, or - for stdin)."

    def add_arguments(self, parser):
        parser.add_argument("file", help="a JSON file, or - for standard input")

    def handle(self, *args, file: str, **options):
        try:
            if file == "-":
                text = sys.stdin.read()
            else:
                with open(file, encoding="utf-8") as handle:
                    text = handle.read()
        except (OSError, UnicodeDecodeError) as error:
            raise CommandError(f"{file}: cannot be read ({error}).") from None
        try:
            data = json.loads(text, parse_float=Decimal, parse_constant=_no_constant)
        except ValueError as error:
            raise CommandError(f"(input): not one valid JSON object ({error}).") from None
        try:
            question = benefits.read_question(data)
            result = selectors.benefits_estimate(question)
        except benefits.InputError as error:
            raise CommandError(str(error)) from None
        if (
            question.state
            and result.ssi_total == 0
            and any(person.ssi_eligible for person in question.people)
            and all(person.medicaid_1619b is None for person in result.people)
        ):
            self.stderr.write(
                f"state: no 1619(b) threshold is stored for {question.state} in "
                f"{result.year}; medicaid_1619b is null."
            )
        self.stdout.write(json.dumps(benefits.as_json(result)))


def _no_constant(name: str):
    raise ValueError(f"{name} is not a number")
