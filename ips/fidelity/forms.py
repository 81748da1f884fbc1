"""Forms of the fidelity screens: period choice, upload, review and its action plan."""

from __future__ import annotations

from django import forms
from django.utils import timezone

from ips.fidelity.models import ActionItem, FidelityReview, ImportUpload
from ips.importer.uploads import MAX_UPLOAD_BYTES
from ips.models import Program
from ips.reports.periods import last_complete_quarter
from ips.validators import DomainForm, DomainModelForm


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    widget = MultipleFileInput

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data]
        return [single(data, initial)]


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


class UploadForm(DomainForm):
    program = forms.ModelChoiceField(queryset=Program.objects.none(), empty_label=None)
    files = MultipleFileField(
        help_text=(
            "staff, seekers, employers, employer_contacts, jobs, support_contacts, time_entries"
            f" as .csv or .xlsx, or one .zip of the folder (at most {MAX_UPLOAD_BYTES // 2**20}"
            " MB)."
        ),
        widget=MultipleFileInput(attrs={"accept": ".csv,.xlsx,.zip"}),
    )
    dates = forms.ChoiceField(
        label="Dates written",
        choices=ImportUpload.DateOrder.choices,
        required=False,
        help_text="Only for dates written like 04/09/2026: which comes first, month or day.",
    )

    def __init__(self, *args, programs, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["program"].queryset = programs

    def clean_files(self):
        """Refuse an oversized upload from its declared size, before reading it into memory."""
        files = self.cleaned_data["files"]
        if sum(f.size for f in files) > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(
                f"The upload is larger than {MAX_UPLOAD_BYTES // 2**20} MB."
            )
        return files


class ReviewForm(DomainModelForm):
    class Meta:
        model = FidelityReview
        fields = ["review_date", "period_start", "period_end", "reviewers", "summary"]
        widgets = {
            "review_date": forms.DateInput(attrs={"type": "date"}),
            "period_start": forms.DateInput(attrs={"type": "date"}),
            "period_end": forms.DateInput(attrs={"type": "date"}),
            "summary": forms.Textarea(attrs={"rows": 3}),
        }

    def clean(self):
        data = super().clean()
        if data.get("period_start") and data.get("period_end"):
            if data["period_end"] < data["period_start"]:
                self.add_error("period_end", "The last day must not be before the first day.")
        return data


class ActionItemForm(DomainModelForm):
    class Meta:
        model = ActionItem
        fields = ["item_key", "action", "owner", "due_date", "status"]
        widgets = {
            "due_date": forms.DateInput(attrs={"type": "date"}),
            "action": forms.Textarea(attrs={"rows": 2}),
        }
