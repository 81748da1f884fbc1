"""The report screens' form: a program the user leads and a period."""

from __future__ import annotations

from django import forms
from django.utils import timezone

from ips.forms import settle_only_choice
from ips.models import Program
from ips.validators import DomainForm
from reports.periods import last_complete_quarter


class PeriodForm(DomainForm):
    """A program the user leads and a period (both days included); default: the last
    complete quarter (issue 18: a director reads complete figures unless they choose
    "this quarter to date")."""

    program = forms.ModelChoiceField(queryset=Program.objects.none(), empty_label=None)
    start = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}))
    end = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, data, *, programs, **kwargs):
        start, end = last_complete_quarter(timezone.localdate())
        initial = {"program": programs.first(), "start": start, "end": end}
        super().__init__({**initial, **{k: v for k, v in data.items() if v}}, **kwargs)
        self.fields["program"].queryset = programs
        settle_only_choice(self, "program")

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end") and data["end"] < data["start"]:
            self.add_error("end", "The last day must not be before the first day.")
        if data.get("start") and data["start"] > timezone.localdate():
            # Nobody is active on a day that has not come: no figures, not made-up ones.
            self.add_error(
                "start", "This period has not begun yet: choose a first day up to today."
            )
        return data
