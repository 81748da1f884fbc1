"""The upload screen's form: one program, the files, how dates are written."""

from __future__ import annotations

from django import forms

from importer.models import ImportUpload
from importer.uploads import MAX_UPLOAD_BYTES
from ips.forms import settle_only_choice
from ips.models import Program
from ips.validators import DomainForm


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    widget = MultipleFileInput

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data]
        return [single(data, initial)]


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
        settle_only_choice(self, "program")

    def clean_files(self):
        """Refuse an oversized upload from its declared size, before reading it into memory."""
        files = self.cleaned_data["files"]
        if sum(f.size for f in files) > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(
                f"The upload is larger than {MAX_UPLOAD_BYTES // 2**20} MB."
            )
        return files
